#!/bin/sh
# SPDX-License-Identifier: MIT
# `uiokit irq wait` on this machine's first UIO device, if it has one (skipped, exit 77, when it
# has none or the device is busy or not ours): a wait that ends with an event or the timeout
# status (124).
# Usage: irq_wait_uio.sh UIOKIT SVD_DIR
. "$(dirname "$0")/common.sh"
uio=$(ls /sys/class/uio 2>/dev/null | head -n 1)
if [ -z "$uio" ]; then
  echo "SKIP: no UIO device on this machine; irq wait's events are not tried here"
  exit 77
fi
$U irq wait "uio:$uio" --count 1 --timeout 0.5 > "$d/out" 2>&1; rc=$?
cat "$d/out"
case $rc in
  0) grep -q 'event 1  count' "$d/out" || fail "event line" ;;
  124) grep -q 'no interrupt within' "$d/out" || fail "timeout message" ;;
  75|77) echo "SKIP: $uio is busy or not ours to open"; exit 77 ;;
  *) fail "exit $rc" ;;
esac
echo PASS
