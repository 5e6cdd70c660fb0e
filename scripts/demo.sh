#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The uiokit demo: a userspace framebuffer driver on an emulated ARM board, photographed.
#
#   sudo scripts/demo.sh [--board vexpress|versatilepb]
#                                   (a fresh Debian 12 machine: installs what is missing first)
#
# It builds what the demo needs (once), boots QEMU's vexpress-a9 through the guest rig, and in
# the guest runs `uiokit-fb --pl111 daughter --via uio` (the PL111 CLCD and its video RAM handed
# to the process by our UIO stub): set 640x480, animate with double buffering and measure the
# frame rate, then draw a test card with the board's PL031 clock, the mode, the driver path and
# that rate. The host takes a QMP screendump of the display, which QEMU writes as PNG, and
# prints where it is. `--board versatilepb` does the same on QEMU's ARM Versatile PB (ARM926,
# the Versatile PL110 and its PL031; its kernel is built from Debian's linux-source-6.1 first,
# about 4 minutes once).
#   UIOKIT_DEMO_BUILD   build folder; default: ./build when it is a CMake tree of this checkout,
#                       else ./build-demo (created once; later runs only rebuild what changed)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
start=$SECONDS
board=vexpress
case "${1:-}" in
  "") ;;
  --board) board=${2:-}; [ "$board" = vexpress ] || [ "$board" = versatilepb ] ||
             { echo "demo: --board takes vexpress or versatilepb, not '$board'" >&2; exit 64; } ;;
  *) echo "usage: scripts/demo.sh [--board vexpress|versatilepb]" >&2; exit 64 ;;
esac
# The board's Debian architecture and the targets that build its kernel input.
if [ "$board" = versatilepb ]; then arch=armel; kernel_step=uiokit_qemu_kernel_armel; else arch=armhf; kernel_step=; fi
# Every line says how long the demo has run; the stages' whole output goes to logs in $build.
say() { printf 'demo: [%d:%02d] %s\n' $(((SECONDS - start) / 60)) $(((SECONDS - start) % 60)) "$*"; }
if [ -n "${UIOKIT_DEMO_BUILD:-}" ]; then
  build=$UIOKIT_DEMO_BUILD
elif grep -qs "^CMAKE_HOME_DIRECTORY:INTERNAL=$root\$" "$root/build/CMakeCache.txt"; then
  build=$root/build
else
  build=$root/build-demo
fi
build=$(mkdir -p "$build" && cd "$build" && pwd)

# 1. Dependencies: only when something is missing, since apt takes a while.
missing=0
for tool in cmake g++ python3 pkg-config; do
  command -v "$tool" >/dev/null 2>&1 || { say "missing: $tool"; missing=1; }
done
if [ "$missing" = 0 ]; then
  for pc in libpng libpci; do
    pkg-config --exists "$pc" 2>/dev/null || { say "missing: $pc (pkg-config)"; missing=1; }
  done
  [ -f /usr/include/CLI/CLI.hpp ] || { say "missing: CLI11"; missing=1; }
  # the guest rig's own list (QEMU, cross compiler, dtc, busybox, armhf in dpkg)
  python3 "$root/tests/qemu/fetch.py" --check-host >/dev/null 2>&1 || { say "missing: guest rig tools"; missing=1; }
fi
if [ "$missing" = 1 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    say "dependencies are missing; run as root (it calls scripts/install-deps.sh) or install them first" >&2
    exit 1
  fi
  say "installing dependencies (scripts/install-deps.sh); next: configure and build"
  "$root/scripts/install-deps.sh"
fi

# 2. Configure and build what the demo needs: the guest kernel (fetched first: the board tree is
#    made from its dtb), our board tree, the UIO stub for armhf and the cross build of the guest
#    programs (the armhf package tree in a tree scripts/test.sh configured, else a static one;
#    cmake/UiokitGuest.cmake).
# The rig is off in a plain configure: a tree configured without it is configured again with it.
if ! grep -qs '^UIOKIT_QEMU_TESTS:BOOL=ON$' "$build/CMakeCache.txt"; then
  say "configuring $build (with the QEMU guest rig: -DUIOKIT_QEMU_TESTS=ON)"
  generator=()
  [ ! -f "$build/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  cmake "${generator[@]}" -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DUIOKIT_QEMU_TESTS=ON >"$build/demo-configure.log" 2>&1 ||
    { cat "$build/demo-configure.log" >&2; exit 1; }
fi
say "building in $build; log: $build/demo-build.log"
jobs=$(nproc 2>/dev/null || echo 2)
build_or_die() {  # build_or_die DIR TARGET...
  local dir=$1
  shift
  if ! cmake --build "$dir" -j "$jobs" --target "$@" >>"$build/demo-build.log" 2>&1; then
    tail -30 "$build/demo-build.log" >&2
    say "build failed; the whole log is $build/demo-build.log" >&2
    exit 1
  fi
}
: >"$build/demo-build.log"
say "fetching the guest kernels (once per build tree, about 1 GB); next: host programs and board tree"
build_or_die "$build" uiokit_qemu_fetch
if [ -n "$kernel_step" ]; then
  say "building the $board kernel from linux-source-6.1 (once: about 4 minutes); next: board tree"
  build_or_die "$build" "$kernel_step"
fi
say "building the board tree and UIO stub; next: the $arch cross build"
build_or_die "$build" "uiokit_dtb_$board" "uiokit_uio_stub_$arch"
# The board's cross tree (its folder and target are in the board's rig configuration) builds
# every check's program of that architecture; the demo needs only uiokit-fb: once the tree
# exists, only that is built, and a failure elsewhere in it (another driver's program) does not
# stop the demo.
read -r tree target < <(python3 -c 'import json, os, sys
c = json.load(open(sys.argv[1]))
print(os.path.dirname(c["cross_manifest"]), c["cross_target"])' "$build/qemu/$board.json") ||
  { say "no cross tree in $build/qemu/$board.json; configure again" >&2; exit 1; }
say "cross-building the guest programs for $arch (the first time: minutes); next: boot the board"
if [ ! -f "$tree/CMakeCache.txt" ] &&
   ! cmake --build "$build" -j "$jobs" --target "$target" >>"$build/demo-build.log" 2>&1; then
  [ -f "$tree/CMakeCache.txt" ] || build_or_die "$build" "$target"
  say "note: some ARM guest programs did not build (see $build/demo-build.log); the demo needs only uiokit-fb"
fi
build_or_die "$tree" uiokit_fb_cli

# 3. Boot the board and run only the demo's check.
art="$build/qemu-artifacts/$board"
rm -f "$art/demo_card.png"
log="$build/demo-run.log"
say "booting $board (QEMU, TCG) and drawing the test card; log: $log; next: the screenshot"
set +e
python3 "$root/tests/qemu/rig.py" run --board "$board" --build "$build" --only fb.demo_card --quiet >"$log" 2>&1
rc=$?
set -e
# The guest's own lines: what the card says, including the frame rate.
sed -n '/@@UIOKIT OUTPUT fb.demo_card BEGIN/,/@@UIOKIT OUTPUT fb.demo_card END/p' "$art/console.log" 2>/dev/null |
  tr -d '\r' | grep -v -e '^@@UIOKIT' -e '^#' -e '^$' | sed 's/^/  guest: /' || true
if [ "$rc" -ne 0 ] || [ ! -f "$art/demo_card.png" ]; then
  cat "$log" >&2
  say "the guest run failed (console: $art/console.log)" >&2
  exit 1
fi

# 4. QEMU's screendump is the screenshot.
mkdir -p "$build/demo"
png="$build/demo/demo_card.png"
[ "$board" = vexpress ] || png="$build/demo/demo_card_$board.png"
cp "$art/demo_card.png" "$png"
say "done in $((SECONDS - start)) s; screenshot of the board's display: $png"
