#!/bin/sh
# SPDX-License-Identifier: MIT
# vexpress-a9 paused at reset: words written over GDB into the video RAM at 0x4c000000 read back,
# one register-sized write and a value that needs escaping in an X packet (QEMU has no X: M).
. "$(dirname "$0")/common.sh"
start_board vexpress-a9
DEV="gdb:unix:$SOCK:mem:0x4c000000+0x1000"

for v in 0x12345678 0x2a7d2423; do
  reg -d "$DEV" write 0x40 $v
  [ "$STATUS" -eq 0 ] || fail "write exited $STATUS: $OUT"
  reg -d "$DEV" read 0x40
  echo "$OUT" | grep -q "= $v" || fail "read back after writing $v: $OUT"
done
reg -d "$DEV" -w 16 write 0x42 0xbeef
reg -d "$DEV" read 0x40
echo "$OUT" | grep -q "= 0xbeef2423" || fail "16-bit write: $OUT"
echo "PASS: video RAM written and read back over GDB"
