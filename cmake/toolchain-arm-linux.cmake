# SPDX-License-Identifier: MIT
# What the static ARM builds of uiokit for the QEMU guests share; included by
# toolchain-armhf.cmake, toolchain-armel.cmake and toolchain-arm64.cmake after they set
#   UIOKIT_GUEST_ARCH      the Debian architecture (armhf, armel, arm64)
#   UIOKIT_CROSS_TRIPLET   Debian's cross toolchain for it (arm-linux-gnueabihf, arm-linux-gnueabi,
#                          aarch64-linux-gnu)
#   UIOKIT_CROSS_PROCESSOR (optional) CMAKE_SYSTEM_PROCESSOR, arm unless set
#   UIOKIT_CROSS_LIBRARIES (optional) libraries every link needs
# UIOKIT_<ARCH>_SYSROOT (UIOKIT_ARMHF_SYSROOT, UIOKIT_ARMEL_SYSROOT, ...; a CMake variable or the
# environment) holds that architecture's -dev packages unpacked with dpkg -x (tests/qemu/fetch.py
# makes it under <build>/qemu-cache/<arch>/sysroot). The compiler keeps its own libc from
# /usr/<triplet>, so the folder is a find root, not a --sysroot.
# Binaries are linked -static, for the guests of an architecture without a package tree
# (cmake/UiokitGuest.cmake): the initramfs then needs no library for them.
# libpci is not in the sysroot (Debian has no static libpci), so the parts that need it are left
# out of these builds.
set(CMAKE_SYSTEM_NAME Linux)
if(NOT UIOKIT_CROSS_PROCESSOR)
  set(UIOKIT_CROSS_PROCESSOR arm)
endif()
set(CMAKE_SYSTEM_PROCESSOR ${UIOKIT_CROSS_PROCESSOR})
set(CMAKE_C_COMPILER ${UIOKIT_CROSS_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${UIOKIT_CROSS_TRIPLET}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${UIOKIT_CROSS_TRIPLET})

string(TOUPPER ${UIOKIT_GUEST_ARCH} _uiokit_arch)
set(_uiokit_sysroot_var UIOKIT_${_uiokit_arch}_SYSROOT)
# try_compile re-reads the toolchain file in a fresh project: carry the sysroot there too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ${_uiokit_sysroot_var})
if(NOT ${_uiokit_sysroot_var} AND DEFINED ENV{${_uiokit_sysroot_var}})
  set(${_uiokit_sysroot_var} $ENV{${_uiokit_sysroot_var}})
endif()
set(_uiokit_sysroot ${${_uiokit_sysroot_var}})
if(NOT _uiokit_sysroot)
  message(FATAL_ERROR "toolchain-${UIOKIT_GUEST_ARCH}: set ${_uiokit_sysroot_var} (the folder tests/qemu/fetch.py fills)")
endif()

set(CMAKE_FIND_ROOT_PATH ${_uiokit_sysroot} /usr/${UIOKIT_CROSS_TRIPLET})
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
# Libraries every link of this architecture needs, last on the line (UIOKIT_CROSS_LIBRARIES).
set(CMAKE_C_STANDARD_LIBRARIES_INIT "${UIOKIT_CROSS_LIBRARIES}")
set(CMAKE_CXX_STANDARD_LIBRARIES_INIT "${UIOKIT_CROSS_LIBRARIES}")

# pkg-config reads only the sysroot's .pc files, and --static adds their private libraries
# (libpng's -lz -lm), which a static link needs.
set(ENV{PKG_CONFIG_LIBDIR} "${_uiokit_sysroot}/usr/lib/${UIOKIT_CROSS_TRIPLET}/pkgconfig:${_uiokit_sysroot}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} ${_uiokit_sysroot})
set(ENV{PKG_CONFIG_PATH} "")
set(PKG_CONFIG_ARGN --static)

# The platform files, read after this one, reset the library suffixes: prefer archives once
# project() is done, so that find_library never picks a .so for the static link.
set(CMAKE_PROJECT_INCLUDE ${CMAKE_CURRENT_LIST_DIR}/toolchain-static-archives.cmake)
