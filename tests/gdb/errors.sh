#!/bin/sh
# SPDX-License-Identifier: MIT
# Bad input over a real stub: an address the CPU cannot reach (QEMU answers E14), a connection
# refused, a window too small, a stub busy with another client: each a clear error naming the
# transport, with its exit status.
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

# QEMU's stub serves one client: a second one gets no reply and times out (exit 124).
python3 -c 'import socket,sys,time
s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); open(sys.argv[2], "w").close(); time.sleep(2)' "$SOCK" "$WORK/held" &
holder=$!
for _ in $(seq 50); do [ -e "$WORK/held" ] && break; sleep 0.1; done
reg --timeout 300 -d "gdb:unix:$SOCK:mem:0x10017000+0x1000" read 0x0
wait $holder
[ "$STATUS" -eq 124 ] || fail "a busy stub exited $STATUS (want 124): $OUT"
echo "$OUT" | grep -q "no reply to \`qSupported.* within 300 ms" || fail "busy stub message: $OUT"

# The stub still answers after all that: the target was never resumed or detached.
reg -d "gdb:unix:$SOCK:mem:0x10017fe0+0x10" read 0x0
[ "$STATUS" -eq 0 ] && echo "$OUT" | grep -q "0x00000031" || fail "stub unusable afterwards: $OUT"
echo "PASS: errors over GDB"
