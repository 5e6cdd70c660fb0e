# SPDX-License-Identifier: MIT
# Shared by the GDB-transport checks: start a QEMU board paused at reset with its GDB stub on a
# Unix socket, stop it on exit. Usage in a check: . common.sh; start_board MACHINE.
# Exit 77 (skipped) when qemu-system-arm is missing, unless CI=true: then missing is a failure.
set -eu

UIOKIT=$1
SVD_DIR=$2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/uiokit-gdb.XXXXXX")
SOCK=$WORK/gdb.sock
QEMU_PID=

cleanup() {
  if [ -n "$QEMU_PID" ]; then kill "$QEMU_PID" 2>/dev/null || true; wait "$QEMU_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

start_board() {
  if ! command -v qemu-system-arm >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then fail "qemu-system-arm is not installed (scripts/install-deps.sh)"; fi
    echo "SKIP: qemu-system-arm is not installed"
    exit 77
  fi
  QEMU_AUDIO_DRV=none qemu-system-arm -M "$1" -S -gdb "unix:$SOCK,server=on,wait=off" \
    -display none -monitor none -serial none -nodefaults ${2:-} >"$WORK/qemu.log" 2>&1 &
  QEMU_PID=$!
  for _ in $(seq 100); do
    [ -S "$SOCK" ] && return 0
    kill -0 "$QEMU_PID" 2>/dev/null || fail "QEMU exited: $(cat "$WORK/qemu.log")"
    sleep 0.1
  done
  fail "QEMU's GDB socket did not appear within 10 s"
}

# reg ARGS...: runs `uiokit reg` on the board's stub; output in $OUT, status in $STATUS.
reg() {
  set +e
  OUT=$("$UIOKIT" reg "$@" 2>&1)
  STATUS=$?
  set -e
}

# json_value JSON NAME: the value of the register called NAME in a --json read or dump.
json_value() {
  python3 -c 'import json,sys
d=json.loads(sys.argv[1]); d=d if isinstance(d,list) else [d]
print(next(r["value"] for r in d if r["name"]==sys.argv[2]))' "$1" "$2"
}
