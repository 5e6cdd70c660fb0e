#!/bin/sh
# SPDX-License-Identifier: MIT
# `uiokit irq wait` where no interrupt is needed: an address without interrupts (exit 69) and a
# UIO device that does not exist (exit 66). The events: irq_wait_uio.sh, the unit test over an
# eventfd (tests/unit/test_irq_wait.cpp) and the guest check tools.irq_wait_uio_timer.
# Usage: irq_wait.sh UIOKIT SVD_DIR
. "$(dirname "$0")/common.sh"
head -c 16 /dev/zero > "$d/f.bin"
$U irq wait "file:$d/f.bin" --timeout 0.1 > "$d/out" 2>&1; rc=$?
[ $rc -eq 69 ] || fail "file: has no interrupt: exit $rc, expected 69"
grep -q 'has no interrupt' "$d/out" || fail "message for file:"
$U irq wait uio:no-such-uio-device --timeout 0.1 > "$d/out" 2>&1; rc=$?
[ $rc -eq 66 ] || fail "a missing UIO device: exit $rc, expected 66"
echo PASS
