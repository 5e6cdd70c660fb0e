#!/bin/sh
# SPDX-License-Identifier: MIT
# fb_demo.sh FRAMES MODE DISPLAY-OPTIONS...
# The demo's frame rate is a figure, printed; what this check asserts is that every frame was
# drawn and flipped (none lost to an error or a stop) at a rate that shows the loop is not stuck
# (at least one frame a second, far below any display here).
frames=$1 mode=$2
shift 2
fail() { echo "FAIL: $*"; exit 1; }
uiokit-fb "$@" mode "$mode" >/dev/null || fail "mode $mode"
out=$(uiokit-fb "$@" demo --frames "$frames") || fail "demo: $out"
echo "$out"
case "$out" in
  "demo: $frames frames at "*) ;;
  *) fail "not all $frames frames were drawn" ;;
esac
case "$out" in *"stopped by a signal"*) fail "the demo was stopped" ;; esac
fps=$(echo "$out" | sed -n 's/.*: \([0-9]*\)\.[0-9] frames per second.*/\1/p')
[ -n "$fps" ] || fail "no frame rate printed"
[ "$fps" -ge 1 ] || fail "under one frame a second ($fps)"
