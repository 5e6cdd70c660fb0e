#!/bin/sh
# SPDX-License-Identifier: MIT
# vexpress-a9 paused at reset, no kernel: the daughterboard PL111 programmed over QEMU's GDB stub
# with stores through the CPU (cpu@ a word of RAM), first by SVD name with `uiokit reg`, then
# by the CLCD driver drawing a test card (gdb-clcd-card), and the QMP screendump compared with
# the same card pixel by pixel (uiokit-fb verify). Without cpu@ the same write is dropped by the
# stub: the check sees it not take effect.
# Usage: pl111_cpu_store.sh UIOKIT SVD_DIR GDB_CLCD_CARD UIOKIT_FB RIGLIB_DIR
. "$(dirname "$0")/common.sh"
CARD=$3 FB=$4 RIGLIB=$5
QMP=$WORK/qmp.sock
start_board vexpress-a9 "-qmp unix:$QMP,server=on,wait=off"
REGS="gdb:unix:$SOCK:mem:0x10020000+0x1000"
CPU="$REGS:cpu@0x60000000"
VRAM="gdb:unix:$SOCK:mem:0x4c000000+0x800000"
PL111="--svd $SVD_DIR/pl111.svd"

# The scratch word and the CPU's registers afterwards: as before.
reg -d "gdb:unix:$SOCK:mem:0x60000000+0x1000" read 0x0
word_before=$OUT
reg $PL111 -d "$REGS" write CLCD.LCDUPBASE 0x4c000000
reg $PL111 -d "$REGS" read CLCD.LCDUPBASE
echo "$OUT" | grep -q "= 0x4c000000" && fail "QEMU's stub took a device write without cpu@: $OUT"
echo "without cpu@ the write is dropped: $OUT"
reg $PL111 -d "$CPU" write CLCD.LCDUPBASE 0x4c000000
[ "$STATUS" -eq 0 ] || fail "write through the CPU exited $STATUS: $OUT"
reg $PL111 -d "$REGS" read CLCD.LCDUPBASE
echo "$OUT" | grep -q "= 0x4c000000" || fail "the store through the CPU did not reach LCDUPBASE: $OUT"
echo "with cpu@: $OUT"
reg -d "gdb:unix:$SOCK:mem:0x60000000+0x1000" read 0x0
[ "$OUT" = "$word_before" ] || fail "the scratch word was not put back: $word_before, now $OUT"

tag=gdb_pl111_640x480_xrgb8888
set +e
out=$("$CARD" "$CPU" "$VRAM" 640x480 xrgb8888 bars $tag 2>&1)
status=$?
set -e
echo "$out"
[ "$status" -eq 0 ] || fail "gdb-clcd-card exited $status"
PYTHONPATH=$RIGLIB python3 -c 'import sys
from qmp import Qmp
Qmp(sys.argv[1]).command("screendump", filename=sys.argv[2], format="png")' "$QMP" "$WORK/$tag.png" ||
  fail "QMP screendump"
"$FB" verify --dump "$WORK/$tag.png" --mode 640x480 --format xrgb8888 --pattern bars --label $tag \
  --expand qemu-pl110 --out "$WORK/verify" || fail "the screendump is not the card the driver drew"
echo "PASS: PL111 programmed over GDB through the CPU; the screendump is the driver's card"
