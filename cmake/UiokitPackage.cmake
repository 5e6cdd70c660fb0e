# SPDX-License-Identifier: MIT
# Debian packages with CPack: `cpack -G DEB` in a build tree configured with
# -DCMAKE_INSTALL_PREFIX=/usr (tests/install/packages.sh does it all) makes
#   libuiokit<major.minor>   the shared libraries                       (install component lib)
#   libuiokit-dev            headers, .so links, CMake and pkg-config files            (dev)
#   uiokit-tools             programs, SVD files, man pages, completion, udev rule,
#                            systemd unit for s3c-rtcd                                 (tools)
#   uio-stub-dkms            kernel/uio_stub's source and dkms.conf                     (dkms)
# The files here are the system integration: dist/udev, dist/systemd, dist/dkms, dist/debian.
include_guard(GLOBAL)
if(CMAKE_CROSSCOMPILING AND UIOKIT_STATIC)
  return()
endif()
set(_dist ${PROJECT_SOURCE_DIR}/dist)
set(_pkg ${PROJECT_BINARY_DIR}/packaging)
set(UIOKIT_MAINTAINER "uiokit maintainers <maintainers@uiokit.invalid>" CACHE STRING
    "Maintainer field of the Debian packages (set it to whoever distributes them)")
set(UIOKIT_SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
set(UIOKIT_DKMS_NAME uio-stub)

# ---- system integration (tools) -------------------------------------------------------------
install(FILES ${_dist}/udev/70-uiokit.rules DESTINATION lib/udev/rules.d COMPONENT tools)
# One unit per RTC daemon, from one template.
foreach(d "s3c_rtcd;s3c-rtcd;Samsung S3C RTC;rtc-s3c;S3C_RTCD_OPTS;uio:rtc"
          "pl031_rtcd;pl031-rtcd;ARM PL031 RTC;rtc-pl031;PL031_RTCD_OPTS;uio:pl031")
  list(GET d 0 target)
  if(TARGET ${target})
    list(GET d 1 RTCD)
    list(GET d 2 RTCD_HARDWARE)
    list(GET d 3 RTCD_NODE)
    list(GET d 4 RTCD_VAR)
    list(GET d 5 RTCD_EXAMPLE)
    configure_file(${_dist}/systemd/rtcd.service.in ${_pkg}/${RTCD}.service @ONLY)
    install(FILES ${_pkg}/${RTCD}.service DESTINATION lib/systemd/system COMPONENT tools)
  endif()
endforeach()

# ---- the module's source for dkms (dkms) ----------------------------------------------------
set(_dkms_dir ${CMAKE_INSTALL_PREFIX}/src/${UIOKIT_DKMS_NAME}-${PROJECT_VERSION})
file(GLOB _stub_sources ${PROJECT_SOURCE_DIR}/kernel/uio_stub/*.c ${PROJECT_SOURCE_DIR}/kernel/uio_stub/*.h)
configure_file(${_dist}/dkms/dkms.conf.in ${_pkg}/dkms.conf @ONLY)
install(FILES ${_stub_sources} ${PROJECT_SOURCE_DIR}/kernel/uio_stub/Kbuild ${_pkg}/dkms.conf
        DESTINATION src/${UIOKIT_DKMS_NAME}-${PROJECT_VERSION} COMPONENT dkms)
foreach(script postinst prerm)
  configure_file(${_dist}/dkms/${script}.in ${_pkg}/dkms/${script} @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                  WORLD_READ WORLD_EXECUTE)
endforeach()

# ---- per package: copyright and changelog (a native package's), as Debian policy asks ----------------------------
set(UIOKIT_PACKAGE_lib libuiokit${UIOKIT_SOVERSION})
set(UIOKIT_PACKAGE_dev libuiokit-dev)
set(UIOKIT_PACKAGE_tools uiokit-tools)
set(UIOKIT_PACKAGE_dkms uio-stub-dkms)
set(UIOKIT_PACKAGE_python python3-uiokit)
# The packages this tree makes: the Python module's only when it is built.
set(_uiokit_components lib dev tools dkms)
if(TARGET uiokit_python)
  list(APPEND _uiokit_components python)
endif()
configure_file(${_dist}/debian/changelog.in ${_pkg}/changelog @ONLY)
find_program(UIOKIT_GZIP gzip)
if(UIOKIT_GZIP)
  execute_process(COMMAND ${UIOKIT_GZIP} -9nc ${_pkg}/changelog
                  OUTPUT_FILE ${_pkg}/changelog.gz COMMAND_ERROR_IS_FATAL ANY)
endif()
foreach(c IN LISTS _uiokit_components)
  install(FILES ${_dist}/debian/copyright ${_pkg}/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${UIOKIT_PACKAGE_${c}} COMPONENT ${c})
endforeach()

# ---- CPack ----------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME uiokit)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${UIOKIT_MAINTAINER}")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL ${_uiokit_components})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# A cross build (examples/cross-armhf) packages for its target: armhf, not the build machine's.
find_program(UIOKIT_DPKG_ARCHITECTURE dpkg-architecture)
if(CMAKE_CROSSCOMPILING AND CMAKE_LIBRARY_ARCHITECTURE AND UIOKIT_DPKG_ARCHITECTURE)
  execute_process(COMMAND ${UIOKIT_DPKG_ARCHITECTURE} -t ${CMAKE_LIBRARY_ARCHITECTURE} -qDEB_HOST_ARCH
                  OUTPUT_VARIABLE CPACK_DEBIAN_PACKAGE_ARCHITECTURE OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET)
endif()
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps finds our own libraries in the build tree (the tools' dependency on them is the
# component dependency below).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS)
foreach(t uiokit_regmap uiokit_svd uiokit_rtc uiokit_s3c2410_rtc uiokit_pl031_rtc uiokit_fb)
  if(TARGET ${t})
    get_target_property(dir ${t} BINARY_DIR)
    list(APPEND CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${dir})
  endif()
endforeach()
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
foreach(c IN LISTS _uiokit_components)
  string(TOUPPER ${c} C)
  set(CPACK_DEBIAN_${C}_PACKAGE_NAME ${UIOKIT_PACKAGE_${c}})
endforeach()

set(CPACK_DEBIAN_LIB_PACKAGE_SECTION libs)
# libpci is opened with dlopen (lib/regmap/src/pci/libpci.hpp), which dpkg-shlibdeps cannot see:
# named here for the library and for `uiokit`, which holds its own copy of the library. At least
# the version whose header the build used, so that the functions it resolves are that header's.
if(LIBPCI_FOUND)
  set(CPACK_DEBIAN_LIB_PACKAGE_DEPENDS "libpci3 (>= 1:${LIBPCI_VERSION})")
  set(_uiokit_tools_libpci ", libpci3 (>= 1:${LIBPCI_VERSION})")
endif()
set(CPACK_DEBIAN_LIB_PACKAGE_CONTROL_EXTRA ${_dist}/debian/lib/triggers)
set(CPACK_COMPONENT_LIB_DESCRIPTION "userspace device drivers for Linux - shared libraries
uiokit maps device memory into a process (UIO, VFIO, PCI sysfs, /dev/mem,
files), gives typed register blocks over it, waits for interrupts, and finds
devices through libpci and the device tree. This package holds the libraries:
regmap (the core), svd (CMSIS-SVD descriptions), rtc (what the RTC drivers
share), s3c2410-rtc, pl031-rtc and fb (drivers).")

set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEV_DEPENDS lib)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libpci-dev, libfdt-dev, libpugixml-dev, libpng-dev, nlohmann-json3-dev")
set(CPACK_COMPONENT_DEV_DESCRIPTION "userspace device drivers for Linux - development files
Headers, the CMake package (find_package(uiokit COMPONENTS regmap svd rtc
s3c_rtc pl031_rtc fb)) and pkg-config files (uiokit, uiokit-svd, uiokit-rtc,
uiokit-s3c2410-rtc, uiokit-pl031-rtc, uiokit-fb) for writing drivers with
uiokit.")

set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION utils)
set(CPACK_COMPONENT_TOOLS_DEPENDS lib)
set(CPACK_DEBIAN_TOOLS_PACKAGE_DEPENDS "passwd${_uiokit_tools_libpci}")
set(CPACK_DEBIAN_TOOLS_PACKAGE_CONTROL_EXTRA ${_dist}/debian/tools/postinst)
set(CPACK_COMPONENT_TOOLS_DESCRIPTION "userspace device drivers for Linux - programs
uiokit (registers by offset or CMSIS-SVD name, device listing, PCI binding),
uiokit-fb (framebuffer drivers), s3c-rtc and pl031-rtc with their /dev/rtc
daemons s3c-rtcd and pl031-rtcd, with the SVD files, a systemd unit for each
daemon and a udev rule that gives the group uiokit access to UIO and VFIO
devices (root-equivalent on a machine without an IOMMU).")

set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION python)
set(CPACK_COMPONENT_PYTHON_DEPENDS lib tools)
set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS "python3 (>= 3.11), python3 (<< 3.12)")
set(CPACK_COMPONENT_PYTHON_DESCRIPTION "userspace device drivers for Linux - Python module
import uiokit: regions of device memory (UIO, VFIO, PCI sysfs, /dev/mem,
files) with the buffer protocol, registers and fields by CMSIS-SVD name with
write-1-to-clear safety, and interrupts usable from asyncio, over the same
library as the C++ drivers. The SVD files come with uiokit-tools.")

set(CPACK_DEBIAN_DKMS_PACKAGE_SECTION kernel)
set(CPACK_DEBIAN_DKMS_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_DKMS_PACKAGE_DEPENDS dkms)
set(CPACK_DEBIAN_DKMS_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_DKMS_PACKAGE_CONTROL_EXTRA "${_pkg}/dkms/postinst;${_pkg}/dkms/prerm")
set(CPACK_COMPONENT_DKMS_DESCRIPTION "uio_stub kernel module for uiokit (DKMS source)
A generic UIO platform driver: exports device-tree nodes or regions given as
module parameters, and their interrupt, to userspace. dkms builds it for
every installed kernel that has its headers.")
include(CPack)
