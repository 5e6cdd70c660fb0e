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
cmake --build "$build" --target bench_svd2cpp >/dev/null 2>&1 || true  # needs pugixml and CLI11

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
         sed -n 's/^ *\([0-9,]*\) .*[^a-z_]\(\(typed\|gen\|raw\)_\(read\|write\|modify\|field\)\)\b.*/\1 \2/p' | tr -d ',')
# typed: a hand-declared block; generated: a block from svd2cpp (tests/svd2cpp/testdev.svd).
printf '%-8s %10s %10s %10s %8s %8s\n' op typed generated raw typed/raw gen/raw
status=0
for op in read write modify field; do
  t=${ir[typed_$op]:-}; g=${ir[gen_$op]:-}; r=${ir[raw_$op]:-}
  if [ -z "$t" ] || [ -z "$r" ]; then echo "bench: callgrind gave no count for $op" >&2; status=1; continue; fi
  gr=-; gc=-
  if [ -n "$g" ]; then gc=$((g / calls)); gr=$(awk -v a="$g" -v b="$r" 'BEGIN{printf "%.3f", a/b}'); fi
  printf '%-8s %10s %10s %10s %8s %8s\n' "$op" "$((t / calls))" "$gc" "$((r / calls))" \
    "$(awk -v a="$t" -v b="$r" 'BEGIN{printf "%.3f", a/b}')" "$gr"
done

echo
echo "== the same pairs, timed"
"$build/bench/bench_regmap_codegen" 20000000 | sed -n '/^op/,$p'

# svd2cpp on a vendor file kept outside the repository (../shared/svd), when there is one.
svd=../shared/svd/STM32H7A3x.svd
if [ -x "$build/bench/bench_svd2cpp" ] && [ -f "$svd" ]; then
  echo
  echo "== svd2cpp: generating every header of $(basename "$svd")"
  gen=$(mktemp -d)
  trap 'rm -f "$out"; rm -rf "$gen"' EXIT
  "$build/bench/bench_svd2cpp" "$svd" "$gen/out" 5 || status=1
  echo
  echo "== svd2cpp: one translation unit including all of them, g++ -O2 on one core (goal < 10 s)"
  umbrella=$(cd "$gen/out" && ls ./*.hpp | head -1)
  ns=$(basename "$umbrella" .hpp)
  printf '#include "%s"\nstatic_assert(uiokit::reg::checked(%s::blocks{}));\nint main() { return 0; }\n' "$ns.hpp" "$ns" >"$gen/all.cpp"
  peripherals=$(ls "$gen/out/$ns" | wc -l)
  # CPU time (user + system) is the figure: on a shared machine the wall time includes waiting.
  /usr/bin/time -f "%e %U %S %M" -o "$gen/time" taskset -c 0 "${CXX:-g++}" -std=c++20 -O2 -Wall -Wextra -Werror \
    -Ilib/regmap/include -I"$gen/out" -c "$gen/all.cpp" -o "$gen/all.o"
  read -r wall user sys peak <"$gen/time"
  awk -v w="$wall" -v u="$user" -v s="$sys" -v m="$peak" -v n="$peripherals" \
    'BEGIN{t=u+s; printf "compile: %.2f s CPU (%.2f s wall, %d MB peak) for %d peripheral headers, %.1f ms CPU per peripheral\n", t, w, m/1024, n, 1000*t/n; exit !(t<10)}' || status=1
fi
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
