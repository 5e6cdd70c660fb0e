# SPDX-License-Identifier: MIT
# Static armhf (ARMv7, hard float) build of uiokit for the QEMU ARM guests.
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-armhf.cmake -DUIOKIT_ARMHF_SYSROOT=<dir> ...
# UIOKIT_ARMHF_SYSROOT holds the armhf -dev packages unpacked with dpkg -x (tests/qemu/fetch.py
# makes it under <build>/qemu-cache/armhf/sysroot). The compiler keeps its own libc from
# /usr/arm-linux-gnueabihf, so the folder is a find root, not a --sysroot.
# Binaries are linked -static: the guests' initramfs holds busybox and nothing else to load.
# libpci is not in the sysroot (Debian has no static libpci, the ARM boards have no PCI), so
# the parts that need it are left out of this build.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)

# try_compile re-reads this file in a fresh project: carry the sysroot there too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES UIOKIT_ARMHF_SYSROOT)
if(NOT UIOKIT_ARMHF_SYSROOT AND DEFINED ENV{UIOKIT_ARMHF_SYSROOT})
  set(UIOKIT_ARMHF_SYSROOT $ENV{UIOKIT_ARMHF_SYSROOT})
endif()
if(NOT UIOKIT_ARMHF_SYSROOT)
  message(FATAL_ERROR "toolchain-armhf: set UIOKIT_ARMHF_SYSROOT (the folder tests/qemu/fetch.py fills)")
endif()

set(CMAKE_FIND_ROOT_PATH ${UIOKIT_ARMHF_SYSROOT} /usr/arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_EXE_LINKER_FLAGS_INIT -static)
# A 64-bit off_t as on the host: mmap offsets of device memory and libfuse3 (whose headers
# refuse a 32-bit off_t) need it.
set(CMAKE_C_FLAGS_INIT -D_FILE_OFFSET_BITS=64)
set(CMAKE_CXX_FLAGS_INIT -D_FILE_OFFSET_BITS=64)
set(UIOKIT_STATIC ON)

# pkg-config reads only the sysroot's .pc files, and --static adds their private libraries
# (libpng's -lz -lm), which a static link needs.
set(ENV{PKG_CONFIG_LIBDIR} "${UIOKIT_ARMHF_SYSROOT}/usr/lib/arm-linux-gnueabihf/pkgconfig:${UIOKIT_ARMHF_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} ${UIOKIT_ARMHF_SYSROOT})
set(ENV{PKG_CONFIG_PATH} "")
set(PKG_CONFIG_ARGN --static)

# The platform files, read after this one, reset the library suffixes: prefer archives once
# project() is done, so that find_library never picks a .so for the static link.
set(CMAKE_PROJECT_INCLUDE ${CMAKE_CURRENT_LIST_DIR}/toolchain-armhf-static.cmake)
