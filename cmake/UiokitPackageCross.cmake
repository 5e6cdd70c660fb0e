# SPDX-License-Identifier: MIT
# The Debian packages for other Debian architectures (-DUIOKIT_PACKAGE_ARCHES="armhf;arm64";
# scripts/test.sh sets it): for each, this source tree cross-built with shared libraries, as a
# user does with cmake/toolchain-multiarch.cmake (examples/cross-armhf/), in
# <build>/<arch>-packages (target uiokit_<arch>_packages). The test package.debs_<arch>
# (tests/install/packages-cross.sh) makes its packages with cpack and checks them.
# The libraries of each architecture are Debian's multiarch packages (scripts/install-deps.sh),
# which dpkg knows: dpkg-shlibdeps computes the packages' Depends from them as in a native
# build. With the QEMU guest rig, each such tree builds the programs of the checks on its
# architecture's boards too, and the guests run them with the tree's shared libraries
# (cmake/UiokitGuest.cmake): no static build of that architecture is made.
#   include(UiokitPackageCross)     before tests/: sets UIOKIT_PACKAGE_CROSS_ARCHES, the list
#                                   tests/install registers a test for
#   uiokit_package_cross_builds()   after tools/: the cross builds run this build's `uiokit`
include_guard(GLOBAL)
include(UiokitMultiarch)
set(UIOKIT_PACKAGE_ARCHES "" CACHE STRING
    "Debian architectures to cross-build the Debian packages for too, a list (armhf, arm64; their libraries from scripts/install-deps.sh)")
option(UIOKIT_PACKAGE_ARMHF "Cross-build the Debian packages for armhf too (the same as armhf in UIOKIT_PACKAGE_ARCHES)" OFF)
set(UIOKIT_PACKAGE_CROSS_ARCHES)
if(NOT CMAKE_CROSSCOMPILING)
  set(UIOKIT_PACKAGE_CROSS_ARCHES ${UIOKIT_PACKAGE_ARCHES})
  if(UIOKIT_PACKAGE_ARMHF)
    list(APPEND UIOKIT_PACKAGE_CROSS_ARCHES armhf)
  endif()
  list(REMOVE_DUPLICATES UIOKIT_PACKAGE_CROSS_ARCHES)
endif()
# The man pages are written by running each program (help2man): under QEMU's user mode.
foreach(arch IN LISTS UIOKIT_PACKAGE_CROSS_ARCHES)
  uiokit_multiarch(${arch} _uiokit_triplet _uiokit_processor _uiokit_qemu)
  string(TOUPPER ${arch} _uiokit_arch)
  find_program(UIOKIT_${_uiokit_arch}_EMULATOR ${_uiokit_qemu})
  if(NOT UIOKIT_${_uiokit_arch}_EMULATOR)
    message(FATAL_ERROR "uiokit: ${_uiokit_qemu} is missing (package qemu-user); `sudo scripts/install-deps.sh` "
                        "installs it (or configure without ${arch} in UIOKIT_PACKAGE_ARCHES)")
  endif()
endforeach()

function(uiokit_package_cross_builds)
  if(NOT UIOKIT_PACKAGE_CROSS_ARCHES)
    return()
  endif()
  include(UiokitCrossTree)
  foreach(arch IN LISTS UIOKIT_PACKAGE_CROSS_ARCHES)
    uiokit_multiarch(${arch} triplet processor qemu)
    string(TOUPPER ${arch} up)
    # What the packages install (cmake/UiokitInstall.cmake), and the guest check programs when the
    # QEMU guests of this architecture take theirs from here (cmake/UiokitGuest.cmake).
    # (Always given, empty for no guests: the tree's cache keeps what an earlier configure set.)
    set(targets uiokit_installed)
    set(guest -DUIOKIT_GUEST_ARCH=)
    if(UIOKIT_${up}_GUEST_TREE STREQUAL "uiokit_${arch}_packages")
      list(APPEND targets uiokit_guest_programs)
      set(guest -DUIOKIT_GUEST_ARCH=${arch})
    endif()
    uiokit_cross_tree(uiokit_${arch}_packages
      BINARY_DIR ${PROJECT_BINARY_DIR}/${arch}-packages
      PREFIX ${PROJECT_BINARY_DIR}/${arch}-packages-ep
      TARGETS ${targets}
      DEPENDS uiokit
      CMAKE_ARGS
        ${guest}
        -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/toolchain-multiarch.cmake -DUIOKIT_MULTIARCH=${arch}
        -DCMAKE_CROSSCOMPILING_EMULATOR=${UIOKIT_${up}_EMULATOR}
        # GNUInstallDirs picks Debian's multiarch folder only in a native build
        -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_LIBDIR=lib/${triplet}
        # python3-uiokit would need Debian's Python headers and pybind11 for ${arch}: native only
        -DUIOKIT_PYTHON=OFF
        # Debian's libfdt-dev cannot be installed for two architectures (it is not Multi-Arch:
        # same), so the cross build links the runtime package's library (libfdt1:${arch}) by
        # path; the headers are the host's, which are the same for every architecture.
        -DLIBFDT_LIBRARY=/usr/lib/${triplet}/libfdt.so.1)
  endforeach()
endfunction()
