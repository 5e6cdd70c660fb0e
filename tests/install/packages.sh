#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the Debian packages of a build tree (configured with -DCMAKE_INSTALL_PREFIX=/usr),
# checks them with lintian (no errors allowed), unpacks them into a scratch root with dpkg -x,
# and builds and runs both example projects against that root (examples.sh); the unpacked
# programs must run, find their SVD files and the whole tool (libexec/uiokit/uiokit-tool). Usage: packages.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/debs" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; exit 1; }
debs=("$work"/debs/*.deb)
echo "packages: $(cd "$work/debs" && echo *.deb)"
want=4
[ -n "$(find "$build/python" -name 'uiokit*.so' 2>/dev/null)" ] && want=5  # python3-uiokit
[ "${#debs[@]}" -eq "$want" ] || { echo "expected $want packages" >&2; exit 1; }

if command -v lintian >/dev/null; then
  # Warnings are reported, errors fail the test.
  lintian --fail-on error --tag-display-limit 0 "${debs[@]}" 2>&1 | grep -v 'root privileges' || true
  lintian --fail-on error --tag-display-limit 0 "${debs[@]}" >/dev/null 2>&1 ||
    { echo "lintian reports errors (above)" >&2; exit 1; }
else
  echo "lintian is not installed (scripts/install-deps.sh installs it): package checks skipped" >&2
  exit 1
fi

root=$work/root
for deb in "${debs[@]}"; do dpkg -x "$deb" "$root"; done
bash "$src/tests/install/examples.sh" "$root/usr" "$src/examples" "$work"

# The unpacked programs run, and find the SVD files next to them (share/uiokit/svd).
libdir=$(dirname "$(find "$root" -name 'libuiokit-regmap.so.*' | head -1)")
head -c 4096 /dev/zero >"$work/regs.bin"
LD_LIBRARY_PATH=$libdir "$root/usr/bin/uiokit" reg -d "file:$work/regs.bin" --svd pl031 read RTC.RTCDR >/dev/null
echo "unpacked uiokit runs and finds its SVD files"
# A command it does not answer itself goes to the whole tool, where the package puts it.
LD_LIBRARY_PATH=$libdir "$root/usr/bin/uiokit" reg -d "file:$work/regs.bin" --svd pl031 dump RTC >/dev/null
echo "unpacked uiokit hands other commands to $(cd "$root" && ls usr/libexec/uiokit/*)"

# The unpacked Python module imports with Debian's interpreter and reads through the library.
if [ "$want" -eq 5 ]; then
  pydir=$(dirname "$(find "$root" -name 'uiokit*.so' -path '*dist-packages*' | head -1)")
  out=$(LD_LIBRARY_PATH=$libdir PYTHONPATH=$pydir /usr/bin/python3 -c \
    "import uiokit; r = uiokit.open('file:$work/regs.bin'); print(len(r), r.read32(0))")
  [ "$out" = "4096 0" ] || { echo "python3-uiokit: $out" >&2; exit 1; }
  echo "unpacked python3-uiokit imports and reads a region"
fi

# The dkms package builds the module Kbuild names, from the sources it holds.
dkms=$(find "$root/usr/src" -name dkms.conf)
module=$(sed -n 's/^BUILT_MODULE_NAME\[0\]="\(.*\)"$/\1/p' "$dkms")
grep -q "^obj-m := $module.o" "$(dirname "$dkms")/Kbuild" && [ -f "$(dirname "$dkms")/$module.c" ] ||
  { echo "dkms.conf names '$module', which the packaged Kbuild does not build" >&2; exit 1; }
echo "uio-stub-dkms holds $module's source and a matching dkms.conf"
