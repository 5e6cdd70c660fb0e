#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Cross-builds uiokit for armhf with Debian's cross toolchain, installs it into a staging
# prefix, and builds examples/find_package against it: the steps a user takes for a board.
#   examples/cross-armhf/build.sh [WORK_DIR]        (default: ./build-armhf-example)
# Needs g++-arm-linux-gnueabihf. Optional armhf libraries come from Debian's multiarch
# packages (dpkg --add-architecture armhf; apt install libpci-dev:armhf libfdt-dev:armhf ...);
# without them uiokit leaves out the parts that need them, as on any machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
work=$(mkdir -p "${1:-build-armhf-example}" && cd "${1:-build-armhf-example}" && pwd)
toolchain=$here/toolchain-armhf.cmake

echo "cross-armhf: configuring and building uiokit for armhf in $work/uiokit"
cmake -S "$src" -B "$work/uiokit" -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DUIOKIT_TESTS=OFF \
  -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_LIBDIR=lib/arm-linux-gnueabihf >"$work/uiokit-configure.log"
cmake --build "$work/uiokit" -j "$(nproc)"
for component in lib dev; do
  cmake --install "$work/uiokit" --prefix "$work/stage" --component "$component" >/dev/null
done

echo "cross-armhf: building examples/find_package against $work/stage"
cmake -S "$src/examples/find_package" -B "$work/example" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
  -DCMAKE_PREFIX_PATH="$work/stage" >"$work/example-configure.log"
cmake --build "$work/example"
file "$work/example/sensor"
