#!/bin/sh
# SPDX-License-Identifier: MIT
# vexpress-a9 paused at reset: `uiokit reg --svd pl031 ... dump` over QEMU's GDB stub shows the
# PL031's peripheral ID (0x31 0x10 0x14 0x00), in a few m packets, and the target stays halted.
. "$(dirname "$0")/common.sh"
start_board vexpress-a9
DEV="gdb:unix:$SOCK:mem:0x10017000+0x1000"

reg --svd "$SVD_DIR/pl031.svd" -d "$DEV" dump
[ "$STATUS" -eq 0 ] || fail "dump exited $STATUS: $OUT"
echo "$OUT" | grep -q "addresses as the CPU sees them" && fail "a dump should not print the window's note" || true
for want in "RTC.RTCPeriphID0 .* = 0x00000031" "RTC.RTCPeriphID1 .* = 0x00000010" \
            "RTC.RTCPeriphID2 .* = 0x00000014" "RTC.RTCPeriphID3 .* = 0x00000000" "RTC.RTCICR .*not read: write-only"; do
  echo "$OUT" | grep -q "$want" || fail "no line matching '$want' in: $OUT"
done

reg --svd "$SVD_DIR/pl031.svd" -d "$DEV" --json dump
[ "$(json_value "$OUT" RTC.RTCPCellID3)" = 177 ] || fail "PrimeCell ID byte 3 is not 0xb1: $OUT"

# The data register holds the host's epoch seconds (QEMU's RTC starts from host time).
reg --svd "$SVD_DIR/pl031.svd" -d "$DEV" --json read RTCDR
dr=$(json_value "$OUT" RTC.RTCDR)
now=$(date +%s)
[ $((now - dr)) -le 2 ] && [ $((dr - now)) -le 2 ] || fail "RTCDR $dr is not the host's time $now"
echo "PASS: PL031 peripheral ID and time over GDB"
