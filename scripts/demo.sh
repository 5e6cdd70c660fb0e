#!/usr/bin/env bash
# The uiokit demo: a userspace framebuffer driver on an emulated ARM board, photographed.
#
#   sudo scripts/demo.sh            (a fresh Debian 12 machine: installs what is missing first)
#
# It builds what the demo needs (once), boots QEMU's vexpress-a9 through the guest rig, and in
# the guest runs `uiokit-fb --pl111 daughter`: set 640x480, animate with double buffering, then
# draw a test card with the board's PL031 clock, the mode and the driver path (UIO stub or
# /dev/mem). The host takes a QMP screendump of the display (a PPM), converts it to PNG with
# our libpng code, and prints where it is.
#   UIOKIT_DEMO_BUILD   build folder (default: build-demo in the checkout)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${UIOKIT_DEMO_BUILD:-$root/build-demo}
say() { printf 'demo: %s\n' "$*"; }

# 1. Dependencies: only when something is missing, since apt takes a while.
missing=0
for tool in cmake ninja g++ python3 qemu-system-arm arm-linux-gnueabihf-g++ dtc fdtoverlay busybox cpio; do
  command -v "$tool" >/dev/null 2>&1 || { say "missing: $tool"; missing=1; }
done
for pc in libpng libpci; do
  pkg-config --exists "$pc" 2>/dev/null || { say "missing: $pc (pkg-config)"; missing=1; }
done
[ -f /usr/include/CLI/CLI.hpp ] || { say "missing: CLI11"; missing=1; }
if [ "$missing" = 1 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    say "dependencies are missing; run as root (it calls scripts/install-deps.sh) or install them first" >&2
    exit 1
  fi
  say "installing dependencies (scripts/install-deps.sh)"
  "$root/scripts/install-deps.sh"
fi

# 2. Configure and build what the demo needs: the host tool, the guest kernel and tree, and the
#    static armhf build of the guest programs.
if [ ! -f "$build/build.ninja" ]; then
  say "configuring $build"
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log" >&2; exit 1; }
fi
say "building (the first run fetches the guest kernel and cross-builds; later runs are quick)"
if ! ninja -C "$build" uiokit_fb_cli uiokit_qemu_fetch uiokit_dtbs uiokit_armhf >"$build/demo-build.log" 2>&1; then
  tail -30 "$build/demo-build.log" >&2
  say "build failed; the whole log is $build/demo-build.log" >&2
  exit 1
fi

# 3. Boot the board and run only the demo's check.
art="$build/qemu-artifacts/vexpress"
rm -f "$art/demo_card.ppm"
say "booting vexpress-a9 (QEMU, TCG) and drawing the test card"
log="$build/demo-run.log"
set +e
python3 "$root/tests/qemu/rig.py" run --board vexpress --build "$build" --only fb.zz_demo_card --quiet >"$log" 2>&1
rc=$?
set -e
# The guest's own lines: what the card shows, the frame rate.
grep -E 'uiokit-fb test card|display:|driver path:|mode:|RTC|demo:' "$art/console.log" 2>/dev/null | sed 's/^/  guest: /' || true
if [ "$rc" -ne 0 ] || [ ! -f "$art/demo_card.ppm" ]; then
  cat "$log" >&2
  say "the guest run failed (console: $art/console.log)" >&2
  exit 1
fi

# 4. Screendump to PNG with our own code.
mkdir -p "$build/demo"
png="$build/demo/demo_card.png"
"$build/devices/fb/uiokit-fb" convert "$art/demo_card.ppm" "$png" >/dev/null
say "screenshot: $png"
