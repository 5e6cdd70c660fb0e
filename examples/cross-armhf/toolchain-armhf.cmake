# SPDX-License-Identifier: MIT
# Cross-compiling for 32-bit ARM (ARMv7, hard float) with Debian's cross toolchain:
#   apt install g++-arm-linux-gnueabihf pkg-config
#   cmake -S <project> -B build-armhf -DCMAKE_TOOLCHAIN_FILE=<this file> \
#         -DCMAKE_PREFIX_PATH=<where the armhf uiokit is installed>
# Libraries are looked for only among armhf ones: the toolchain's own folder, Debian's armhf
# multiarch packages (dpkg --add-architecture armhf; apt install libpci-dev:armhf ...) and
# CMAKE_PREFIX_PATH; never the build machine's x86 libraries.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)

set(CMAKE_FIND_ROOT_PATH /usr/arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
# Under /usr, CMake then searches lib/arm-linux-gnueabihf (multiarch) and the shared headers,
# not lib/x86_64-linux-gnu.

# pkg-config: Debian's armhf .pc files only (and those under CMAKE_PREFIX_PATH, which CMake's
# FindPkgConfig adds itself).
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/arm-linux-gnueabihf/pkgconfig:/usr/share/pkgconfig)
