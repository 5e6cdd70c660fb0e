#!/usr/bin/env bash
# Runs every test of uiokit on this machine, as CI does:
#   1. installs the Debian packages the build and the tests need (scripts/install-deps.sh);
#   2. builds the unit tests with AddressSanitizer and UndefinedBehaviorSanitizer and runs them;
#   3. builds everything with -Wall -Wextra -Werror (the x86 tree, the armhf cross build, the
#      kernel module, the device trees) and runs all tests: unit, compile-time rejection, and
#      the in-guest checks on the three QEMU boards.
# Needs root for step 1 (apt-get). Build trees: build/ and build-asan/ (override with
# UIOKIT_BUILD_DIR / UIOKIT_ASAN_BUILD_DIR). UIOKIT_SKIP_DEPS=1 skips step 1.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${UIOKIT_BUILD_DIR:-build}
asan=${UIOKIT_ASAN_BUILD_DIR:-build-asan}
jobs=$(nproc)

if [ "${UIOKIT_SKIP_DEPS:-0}" != 1 ]; then
  bash scripts/install-deps.sh
fi

start=$(date +%s)
# The compile-fail and install tests build code with the plain compiler: they run in step 3.
echo "== unit tests under ASan and UBSan ($asan)"
cmake -S . -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DUIOKIT_WERROR=ON -DUIOKIT_SANITIZE=ON \
  -DUIOKIT_QEMU_TESTS=OFF -DUIOKIT_BENCH=OFF >/dev/null
cmake --build "$asan" --target uiokit_unit_tests -j "$jobs"
asan_status=0
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$asan" -L unit -E '^(compile_fail|install|programs|package)\.' -j "$jobs" --output-on-failure || asan_status=$?

echo "== full build with -Werror and all tests ($build)"
cmake -S . -B "$build" -G Ninja -DUIOKIT_WERROR=ON -DUIOKIT_QEMU_TESTS=ON -DUIOKIT_BENCH=ON \
  -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build "$build" -j "$jobs"
status=0
ctest --test-dir "$build" -j "$jobs" --output-on-failure || status=$?

echo "== test time: $(( $(date +%s) - start )) s"
if [ "$asan_status" -ne 0 ]; then
  echo "unit tests under sanitizers FAILED (see above)"
  status=1
fi
exit "$status"
