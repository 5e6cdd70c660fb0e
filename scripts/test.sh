#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every test of uiokit on this machine, as CI does:
#   1. installs the Debian packages the build and the tests need (scripts/install-deps.sh);
#   2. builds the unit tests with AddressSanitizer and UndefinedBehaviorSanitizer and runs them;
#   3. configures and builds everything with -Wall -Wextra -Werror (the x86 tree with the QEMU
#      guest rig and the benchmarks switched on, the armhf and arm64 builds of the Debian packages,
#      whose programs and libraries the armhf and arm64 guests run, the static armel build for
#      versatilepb, the kernel module, the device trees; the first build
#      fetches the guest kernels, about 1 GB, and builds the versatilepb kernel from Debian's
#      linux-source-6.1);
#   4. runs all tests: unit, compile-time rejection, install, Debian packages, and the in-guest
#      checks on the four QEMU boards.
# Each stage prints a line with the time so far and what comes next; its whole output is kept
# in <build>/test-logs/<stage>.log (the end of it is printed when the stage fails).
# Needs root for stage 1 (apt-get). Build trees: build/ and build-asan/ (override with
# UIOKIT_BUILD_DIR / UIOKIT_ASAN_BUILD_DIR). UIOKIT_SKIP_DEPS=1 skips stage 1.
# UIOKIT_PACKAGE_ARCHES chooses the architectures of the cross-built Debian packages ("armhf;arm64"
# unless set; each costs 4 to 5 min of CPU time, bench/RESULTS.md; empty builds none, and the
# armhf and arm64 guests then get static trees of their own).
# The full build is optimised as a RelWithDebInfo build but without debug information, which
# takes about a quarter of its compile time and no test reads; UIOKIT_DEBUG_INFO=1 keeps it (for
# a debugger). The sanitized build keeps it always: its reports name source lines.
# The full build compiles each target's files a batch at a time (CMake's unity build): CLI11,
# pybind11, Boost.Asio and nlohmann-json are parsed once per batch instead of once per file
# (bench/RESULTS.md has what it saves). The sanitized build is not batched, so that a
# file that forgets an #include still fails here, as it does in a developer's tree (not batched
# unless configured with -DCMAKE_UNITY_BUILD=ON).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${UIOKIT_BUILD_DIR:-build}
asan=${UIOKIT_ASAN_BUILD_DIR:-build-asan}
jobs=$(nproc)
logs=$build/test-logs
mkdir -p "$logs"
start=$(date +%s)
elapsed() { local s=$(($(date +%s) - start)); printf '%d:%02d' $((s / 60)) $((s % 60)); }

# stage NAME NEXT [--show] COMMAND...: runs COMMAND with its output in $logs/NAME.log (and on
# the terminal too with --show), and reports the outcome. Returns COMMAND's status.
stage() {
  local name=$1 next=$2 show=0 rc=0
  shift 2
  if [ "$1" = --show ]; then show=1; shift; fi
  echo "== [$(elapsed)] $name (log: $logs/$name.log)"
  if [ "$show" = 1 ]; then
    "$@" 2>&1 | tee "$logs/$name.log" || rc=${PIPESTATUS[0]}
  else
    "$@" >"$logs/$name.log" 2>&1 || rc=$?
  fi
  if [ "$rc" -ne 0 ]; then
    [ "$show" = 1 ] || tail -40 "$logs/$name.log"
    echo "== [$(elapsed)] $name FAILED (exit $rc); the whole output is $logs/$name.log"
  else
    echo "== [$(elapsed)] $name done; next: $next"
  fi
  return "$rc"
}

if [ "${UIOKIT_SKIP_DEPS:-0}" != 1 ]; then
  stage deps "unit tests under ASan and UBSan" bash scripts/install-deps.sh
fi

# The compile-fail, install, programs, package and barrier tests build or run code outside the
# unit test binary (the barrier checks compile against register headers the full build
# generates): they run in the full build.
stage asan-configure "the sanitized unit-test build" \
  cmake -S . -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DUIOKIT_WERROR=ON -DUIOKIT_SANITIZE=ON \
  -DUIOKIT_QEMU_TESTS=OFF -DUIOKIT_BENCH=OFF
stage asan-build "running the unit tests under sanitizers" cmake --build "$asan" --target uiokit_unit_tests -j "$jobs"
asan_status=0
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  stage asan-tests "configuring the full build" --show \
  ctest --test-dir "$asan" -L unit -E '^(compile_fail|install|programs|package|barriers)\.' -j "$jobs" --output-on-failure ||
  asan_status=$?

optimise=("-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG")
if [ "${UIOKIT_DEBUG_INFO:-0}" = 1 ]; then
  optimise=("-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -g -DNDEBUG" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g -DNDEBUG")
fi
stage configure "the full build (a first one fetches the guest kernels, builds the versatilepb kernel and cross-builds for armhf, armel and arm64: minutes)" \
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${optimise[@]}" -DUIOKIT_WERROR=ON -DUIOKIT_QEMU_TESTS=ON \
  -DUIOKIT_BENCH=ON -DCMAKE_UNITY_BUILD=ON "-DUIOKIT_PACKAGE_ARCHES=${UIOKIT_PACKAGE_ARCHES-armhf;arm64}" -DCMAKE_INSTALL_PREFIX=/usr
stage build "all tests (unit, install, packages, QEMU guests)" --show cmake --build "$build" -j "$jobs"
status=0
stage tests "the summary" --show ctest --test-dir "$build" -j "$jobs" --output-on-failure || status=$?

echo "== test time: $(elapsed)"
if [ "$asan_status" -ne 0 ]; then
  echo "unit tests under sanitizers FAILED (see above, or $logs/asan-tests.log)"
  status=1
fi
exit "$status"
