# SPDX-License-Identifier: MIT
# Read after project() in the armhf cross build (see toolchain-armhf.cmake).
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
