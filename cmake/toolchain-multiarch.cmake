# SPDX-License-Identifier: MIT
# Cross-compiling with Debian's cross toolchain against Debian's multiarch packages, for the
# Debian architecture UIOKIT_MULTIARCH (armhf or arm64; cmake/UiokitMultiarch.cmake):
#   apt install g++-aarch64-linux-gnu pkg-config                  # arm64; armhf: g++-arm-linux-gnueabihf
#   cmake -S <project> -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=<this file> -DUIOKIT_MULTIARCH=arm64 \
#         -DCMAKE_PREFIX_PATH=<where the arm64 uiokit is installed>
# examples/cross-armhf/toolchain-armhf.cmake is this file for armhf.
# Libraries are looked for only among that architecture's: the toolchain's own folder, Debian's
# multiarch packages (dpkg --add-architecture arm64; apt install libpci-dev:arm64 ...) and
# CMAKE_PREFIX_PATH; never the build machine's x86 libraries.
if(NOT UIOKIT_MULTIARCH)
  message(FATAL_ERROR "toolchain-multiarch: set UIOKIT_MULTIARCH to a Debian architecture (armhf, arm64)")
endif()
# try_compile re-reads this file in a fresh project: carry the architecture there too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES UIOKIT_MULTIARCH)
include(${CMAKE_CURRENT_LIST_DIR}/UiokitMultiarch.cmake)
uiokit_multiarch(${UIOKIT_MULTIARCH} _uiokit_triplet _uiokit_processor _uiokit_qemu)

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${_uiokit_processor})
set(CMAKE_C_COMPILER ${_uiokit_triplet}-gcc)
set(CMAKE_CXX_COMPILER ${_uiokit_triplet}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${_uiokit_triplet})

set(CMAKE_FIND_ROOT_PATH /usr/${_uiokit_triplet})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
# Under /usr, CMake then searches lib/<triplet> (multiarch) and the shared headers, not
# lib/x86_64-linux-gnu.

# pkg-config: Debian's .pc files of that architecture only (and those under CMAKE_PREFIX_PATH,
# which CMake's FindPkgConfig adds itself).
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${_uiokit_triplet}/pkgconfig:/usr/share/pkgconfig)
