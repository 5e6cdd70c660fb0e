# SPDX-License-Identifier: MIT
# Cross-compiling for 32-bit ARM (ARMv7, hard float) with Debian's cross toolchain:
#   apt install g++-arm-linux-gnueabihf pkg-config
#   cmake -S <project> -B build-armhf -DCMAKE_TOOLCHAIN_FILE=<this file> \
#         -DCMAKE_PREFIX_PATH=<where the armhf uiokit is installed>
# Libraries are looked for only among armhf ones: the toolchain's own folder, Debian's armhf
# multiarch packages (dpkg --add-architecture armhf; apt install libpci-dev:armhf ...) and
# CMAKE_PREFIX_PATH; never the build machine's x86 libraries. The settings are uiokit's
# cmake/toolchain-multiarch.cmake, which does the same for arm64 (-DUIOKIT_MULTIARCH=arm64).
set(UIOKIT_MULTIARCH armhf)
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/toolchain-multiarch.cmake)
