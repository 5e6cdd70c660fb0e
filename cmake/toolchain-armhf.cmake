# SPDX-License-Identifier: MIT
# Static armhf (ARMv7, hard float) build of uiokit for the QEMU guests vexpress and smdkc210.
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-armhf.cmake -DUIOKIT_ARMHF_SYSROOT=<dir> ...
# The rest is shared with armel: toolchain-arm-linux.cmake.
set(UIOKIT_GUEST_ARCH armhf)
set(UIOKIT_CROSS_TRIPLET arm-linux-gnueabihf)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-arm-linux.cmake)
