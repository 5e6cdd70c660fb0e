# SPDX-License-Identifier: MIT
# Read after project() in the static ARM cross builds (see toolchain-arm-linux.cmake).
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
