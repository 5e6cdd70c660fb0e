# SPDX-License-Identifier: MIT
# Static armel (ARMv5TE, soft float) build of uiokit for the QEMU guest versatilepb (ARM926EJ-S),
# which runs no armhf binary.
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-armel.cmake -DUIOKIT_ARMEL_SYSROOT=<dir> ...
# The rest is shared with armhf: toolchain-arm-linux.cmake.
set(UIOKIT_GUEST_ARCH armel)
set(UIOKIT_CROSS_TRIPLET arm-linux-gnueabi)
# ARMv5 has no 64-bit atomic instructions: GCC turns std::atomic<std::uint64_t> into calls to
# libatomic, which every link then needs.
set(UIOKIT_CROSS_LIBRARIES -latomic)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-arm-linux.cmake)
