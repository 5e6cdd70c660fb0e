#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds and runs the libFuzzer harnesses (tests/fuzz/fuzz_*.cpp) for the documented run:
#   tests/fuzz/run.sh [-t SECONDS] [-b BUILD_DIR] [HARNESS...]
#     -t   run time per harness (default 600: the documented run is 10 minutes each)
#     -b   clang build tree (default build-fuzz; configured here if missing)
#     HARNESS: fuzz_svd, fuzz_svd_model, fuzz_svd_outline, fuzz_svd_parts, fuzz_fdt, fuzz_address, fuzz_gdb (default: all, one after the other)
# Needs clang and libFuzzer: scripts/install-deps.sh --fuzz.
#
# Each run starts from the seed corpus (the SVD files we ship, the device trees dts/ builds,
# example addresses, GDB stub replies), keeps what it finds in BUILD/fuzz/corpus/HARNESS (so a
# later run continues from there), and writes a crashing, hanging (-timeout=5 s) or over-allocating
# (-rss_limit_mb=2048) input to BUILD/fuzz/artifacts/HARNESS/. Reproduce one with
#   BUILD/tests/fuzz/HARNESS BUILD/fuzz/artifacts/HARNESS/crash-...
# and add it as a unit test once fixed. The exit status is non-zero if any harness found one.
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
seconds=600
build=build-fuzz
while getopts "t:b:" o; do
  case $o in
    t) seconds=$OPTARG ;;
    b) build=$OPTARG ;;
    *) sed -n '2,9p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_svd fuzz_svd_model fuzz_svd_outline fuzz_svd_parts fuzz_fdt fuzz_address fuzz_gdb)

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DUIOKIT_FUZZ=ON \
    -DUIOKIT_QEMU_TESTS=OFF -DUIOKIT_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j2 --target "${harnesses[@]}"

seed() {  # seed HARNESS DIR: copy the seed inputs into DIR
  local h=$1 dir=$2
  case $h in
    fuzz_svd | fuzz_svd_model | fuzz_svd_outline | fuzz_svd_parts) cp "$src"/tools/svd/devices/*.svd "$src"/tests/fuzz/seeds/svd/*.svd "$dir"/ ;;
    fuzz_address) cp "$src"/tests/fuzz/seeds/address/* "$dir"/ ;;
    fuzz_gdb) cp "$src"/tests/fuzz/seeds/gdb/* "$dir"/ ;;
    fuzz_fdt)
      # The trees the tools read: dts/test sources compiled here, and the board trees any
      # build tree has made (they need the rig's Debian dtbs).
      for d in "$src"/dts/test/*.dts; do dtc -q -I dts -O dtb -o "$dir/$(basename "$d" .dts).dtb" "$d"; done
      for d in "$src"/build*/dts/*.dtb; do [ -f "$d" ] && cp "$d" "$dir/" || true; done ;;
  esac
}

status=0
for h in "${harnesses[@]}"; do
  corpus=$build/fuzz/corpus/$h artifacts=$build/fuzz/artifacts/$h
  mkdir -p "$corpus" "$artifacts"
  seed "$h" "$corpus"
  extra=()
  case $h in fuzz_svd*) extra=(-dict="$src/tests/fuzz/svd.dict" -max_len=16384) ;; esac
  echo "== $h: $seconds s" >&2
  if ! "$build/tests/fuzz/$h" "$corpus" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=5 \
       -artifact_prefix="$artifacts/" -print_final_stats=1 "${extra[@]}" 2>"$build/fuzz/$h.log"; then
    echo "$h: found a failing input (see $build/fuzz/$h.log and $artifacts)" >&2
    status=1
  fi
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)|^Done [0-9]+ runs" "$build/fuzz/$h.log" >&2 || true
done
exit $status
