#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs the host benchmarks and prints their figures (benchmarks are never timed tests).
#   scripts/bench.sh [BUILD_DIR]     default: build
# The typed-versus-raw comparison counts instructions with valgrind's callgrind: the counts are
# exact and repeatable, so equal counts mean the typed layer adds no instruction.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
[ -d "$build" ] || { echo "bench: no build directory '$build' (run scripts/test.sh or cmake first)" >&2; exit 1; }
cmake --build "$build" --target bench_regmap_codegen bench_cli_read bench_uio_irq bench_gdb uiokit >/dev/null

echo "== typed register access vs raw volatile pointer: instructions per call (callgrind)"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
calls=1000
valgrind --tool=callgrind --callgrind-out-file="$out" "$build/bench/bench_regmap_codegen" $calls >/dev/null 2>&1
# callgrind_annotate lists self cost (Ir) per function; each was called $calls times.
declare -A ir
while read -r count fn; do
  ir[$fn]=$count
done < <(callgrind_annotate --threshold=100 "$out" 2>/dev/null |
         sed -n 's/^ *\([0-9,]*\) .*[^a-z_]\(\(typed\|raw\)_\(read\|write\|modify\|field\)\)\b.*/\1 \2/p' | tr -d ',')
printf '%-8s %10s %10s %8s\n' op typed raw ratio
status=0
for op in read write modify field; do
  t=${ir[typed_$op]:-}; r=${ir[raw_$op]:-}
  if [ -z "$t" ] || [ -z "$r" ]; then echo "bench: callgrind gave no count for $op" >&2; status=1; continue; fi
  printf '%-8s %10s %10s %8s\n' "$op" "$((t / calls))" "$((r / calls))" "$(awk -v a="$t" -v b="$r" 'BEGIN{printf "%.3f", a/b}')"
done

echo
echo "== the same pairs, timed"
"$build/bench/bench_regmap_codegen" 20000000 | sed -n '/^op/,$p'
echo
echo "== one register read from a fresh process"
"$build/bench/bench_cli_read" 300
echo
echo "== waking up on a descriptor: blocking read, epoll, Boost.Asio, io_uring, on a timerfd (no emulation)"
"$build/bench/bench_uio_irq" latency-timerfd 400
if command -v qemu-system-arm >/dev/null && [ -x "$build/bench/bench_gdb" ]; then
  echo
  echo "== registers over QEMU's GDB stub: uiokit against gdb-multiarch, and a frame written"
  "$build/bench/bench_gdb" "$build/tools/uiokit" 20
fi
for b in "$build"/bench/bench_*; do
  case "$(basename "$b")" in bench_regmap_codegen|bench_cli_read|bench_gdb) continue ;; esac
  [ -x "$b" ] || continue
  if "$b" --host-ok >/dev/null 2>&1; then echo; echo "== $(basename "$b")"; "$b"; fi
done
exit $status
