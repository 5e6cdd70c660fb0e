# SPDX-License-Identifier: MIT
# Third-party libraries, all from Debian's packages (scripts/install-deps.sh installs them).
# Optional ones switch features off with a status line rather than failing the configure, so
# that the armhf cross build (which has no libpci) shares this file.
find_package(PkgConfig REQUIRED)
# libfdt ships no pkg-config file in Debian 12: find the library and header directly.
find_path(LIBFDT_INCLUDE_DIR libfdt.h)
# A static uiokit takes the archive (the armhf guests run static binaries), a shared one the
# shared libfdt.
if(BUILD_SHARED_LIBS)
  find_library(LIBFDT_LIBRARY NAMES fdt libfdt.a)
else()
  find_library(LIBFDT_LIBRARY NAMES libfdt.a fdt)
endif()
# The `uiokit` program links the archive where there is one (cmake/UiokitStaticTwin.cmake).
find_library(LIBFDT_ARCHIVE NAMES libfdt.a)
if(LIBFDT_INCLUDE_DIR AND LIBFDT_LIBRARY)
  set(LIBFDT_FOUND TRUE)
  add_library(uiokit_libfdt INTERFACE)
  target_include_directories(uiokit_libfdt INTERFACE ${LIBFDT_INCLUDE_DIR})
  target_link_libraries(uiokit_libfdt INTERFACE ${LIBFDT_LIBRARY})
  add_library(PkgConfig::LIBFDT ALIAS uiokit_libfdt)
endif()
pkg_check_modules(LIBPCI IMPORTED_TARGET libpci)
pkg_check_modules(LIBFUSE3 IMPORTED_TARGET fuse3)
pkg_check_modules(LIBPNG IMPORTED_TARGET libpng)
# Only bench_uio_irq uses it: its io_uring ways (left out without it).
pkg_check_modules(LIBURING IMPORTED_TARGET liburing)
find_package(Threads REQUIRED)
find_package(Boost 1.74 QUIET)
find_package(nlohmann_json 3.10 QUIET)
find_package(CLI11 QUIET)
find_package(doctest QUIET)
find_package(pugixml QUIET)

foreach(dep LIBFDT LIBPCI LIBFUSE3 LIBPNG)
  if(NOT ${dep}_FOUND)
    message(STATUS "uiokit: ${dep} not found; the parts that need it are left out")
  endif()
endforeach()
