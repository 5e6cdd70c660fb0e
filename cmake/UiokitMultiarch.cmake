# SPDX-License-Identifier: MIT
# The Debian architectures uiokit cross-builds with shared libraries against Debian's multiarch
# packages (cmake/toolchain-multiarch.cmake, cmake/UiokitPackageCross.cmake):
#   uiokit_multiarch(<arch> <triplet var> <processor var> <qemu var>)
# sets the GNU triplet (Debian's cross toolchain and multiarch folder), CMAKE_SYSTEM_PROCESSOR
# and QEMU's user-mode emulator for <arch>; an architecture not listed here stops the configure.
set(_uiokit_multiarch_armhf arm-linux-gnueabihf arm qemu-arm)
set(_uiokit_multiarch_arm64 aarch64-linux-gnu aarch64 qemu-aarch64)

macro(uiokit_multiarch arch triplet_var processor_var qemu_var)
  if(NOT DEFINED _uiokit_multiarch_${arch})
    message(FATAL_ERROR "uiokit: no cross build for the Debian architecture '${arch}' (known: armhf, arm64)")
  endif()
  list(GET _uiokit_multiarch_${arch} 0 ${triplet_var})
  list(GET _uiokit_multiarch_${arch} 1 ${processor_var})
  list(GET _uiokit_multiarch_${arch} 2 ${qemu_var})
endmacro()
