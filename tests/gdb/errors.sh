#!/bin/sh
# Bad input over a real stub: an address the CPU cannot reach (QEMU answers E14), a connection
# refused, a window too small: each a clear error naming the transport, with its exit status.
. "$(dirname "$0")/common.sh"
start_board vexpress-a9

reg -d "gdb:unix:$SOCK:mem:0xfffffff0+0x10" read 0x0
[ "$STATUS" -eq 74 ] || fail "E14 read exited $STATUS (want 74): $OUT"
echo "$OUT" | grep -q "gdb:unix:$SOCK:mem:0xfffffff0+0x10 .*reading 4 bytes at offset 0x0: the stub answered E14 at 0xfffffff0" ||
  fail "E14 message: $OUT"

reg -d "gdb:unix:$WORK/none.sock:mem:0x0" read 0x0
[ "$STATUS" -eq 66 ] || fail "missing socket exited $STATUS (want 66): $OUT"
echo "$OUT" | grep -q "gdb unix:$WORK/none.sock: connect" || fail "missing socket message: $OUT"

reg -d "gdb:unix:$SOCK:mem:0x10017000+0x10" read 0x10
[ "$STATUS" -eq 64 ] || fail "read past the window exited $STATUS (want 64): $OUT"

# The stub still answers after all that: the target was never resumed or detached.
reg -d "gdb:unix:$SOCK:mem:0x10017fe0+0x10" read 0x0
[ "$STATUS" -eq 0 ] && echo "$OUT" | grep -q "0x00000031" || fail "stub unusable afterwards: $OUT"
echo "PASS: errors over GDB"
