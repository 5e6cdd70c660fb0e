# SPDX-License-Identifier: MIT
# Static arm64 (AArch64) build of uiokit for the QEMU guest virt64.
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-arm64.cmake -DUIOKIT_ARM64_SYSROOT=<dir> ...
# The rest is shared with the 32-bit ARM builds: toolchain-arm-linux.cmake.
set(UIOKIT_GUEST_ARCH arm64)
set(UIOKIT_CROSS_TRIPLET aarch64-linux-gnu)
set(UIOKIT_CROSS_PROCESSOR aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-arm-linux.cmake)
