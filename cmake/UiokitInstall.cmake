# SPDX-License-Identifier: MIT
# How each uiokit library is built and installed, said once for all of them.
#
#   uiokit_library(<target> NAME <component> OUTPUT_NAME <file stem> PC_NAME <pkg-config name>
#                  DESCRIPTION <text> [PC_REQUIRES <pkg-config modules>...] [PC_LIBS <-lfoo>...])
#
# The library is shared or static as BUILD_SHARED_LIBS says (shared by default, static in the
# armhf cross build), carries VERSION/SOVERSION, is exported as uiokit::<component> (the name
# find_package(uiokit COMPONENTS ...) takes), and installs:
#   <libdir>/libuiokit-*.so.X.Y          component lib (the runtime package)
#   <libdir>/libuiokit-*.so and *.a      component dev
#   <includedir>/uiokit/...              component dev, from the target's include/ folder
#   <libdir>/pkgconfig/<PC_NAME>.pc      component dev; relocatable: prefix from ${pcfiledir}
#
# Third-party libraries a user's link needs go into PC_REQUIRES (modules with a .pc file) or
# PC_LIBS (libraries without one, as libfdt in Debian 12), in the public fields, so that a plain
# `pkg-config --cflags --libs` links both a shared and a static installation.
include_guard(GLOBAL)
include(GNUInstallDirs)

# What the build makes and `cmake --install` installs: the libraries here, the programs and their
# man pages (cmake/UiokitPrograms.cmake), the Python module (python/). The package cross builds
# (cmake/UiokitPackageCross.cmake) build this target, not all.
add_custom_target(uiokit_installed)

if(UIOKIT_STATIC)
  set(_uiokit_shared_default OFF)
else()
  set(_uiokit_shared_default ON)
endif()
option(BUILD_SHARED_LIBS "Build the uiokit libraries as shared libraries (OFF: static archives)"
       ${_uiokit_shared_default})

# Installed programs find the libraries next to them ($ORIGIN) unless the library folder is one
# the dynamic linker searches anyway (a /usr installation, as in the Debian packages).
list(FIND CMAKE_C_IMPLICIT_LINK_DIRECTORIES "${CMAKE_INSTALL_FULL_LIBDIR}" _uiokit_system_libdir)
if(_uiokit_system_libdir EQUAL -1)
  file(RELATIVE_PATH _uiokit_bin_to_lib ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LIBDIR})
  set(CMAKE_INSTALL_RPATH "$ORIGIN/${_uiokit_bin_to_lib}")
endif()

# From <libdir>/pkgconfig back to the prefix, for the .pc files' ${pcfiledir}.
file(RELATIVE_PATH _uiokit_pc_to_prefix ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" _uiokit_pc_to_prefix "${_uiokit_pc_to_prefix}")
set(UIOKIT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/uiokit)

function(uiokit_library target)
  cmake_parse_arguments(PARSE_ARGV 1 L "" "NAME;OUTPUT_NAME;PC_NAME;DESCRIPTION" "PC_REQUIRES;PC_LIBS")
  add_library(uiokit::${L_NAME} ALIAS ${target})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${L_OUTPUT_NAME} EXPORT_NAME ${L_NAME} POSITION_INDEPENDENT_CODE ON
    VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:uiokit_build_flags>)
  set_target_properties(${target} PROPERTIES UIOKIT_PC_NAME ${L_PC_NAME})
  if(CMAKE_CROSSCOMPILING AND UIOKIT_STATIC)
    return()  # the static armhf build of the guest programs installs nothing
  endif()
  add_dependencies(uiokit_installed ${target})

  install(TARGETS ${target} EXPORT uiokitTargets
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT lib NAMELINK_COMPONENT dev
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
  install(DIRECTORY include/uiokit DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev)
  set_property(GLOBAL APPEND PROPERTY UIOKIT_COMPONENTS ${L_NAME})

  # pkg-config: one file per library; the uiokit ones it builds on are Requires too.
  get_target_property(deps ${target} UIOKIT_PC_DEPENDS)
  set(requires ${L_PC_REQUIRES})
  if(deps)
    list(PREPEND requires ${deps})
  endif()
  list(JOIN requires ", " requires)
  get_target_property(defs ${target} INTERFACE_COMPILE_DEFINITIONS)  # what the build has, e.g.
  set(cflags "")                                                       # UIOKIT_HAVE_LIBPCI=1
  if(defs)
    list(TRANSFORM defs PREPEND " -D")
    list(JOIN defs "" cflags)
  endif()
  list(JOIN L_PC_LIBS " " libs)
  string(STRIP "-l${L_OUTPUT_NAME} ${libs}" libs)
  file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/${L_PC_NAME}.pc @ONLY CONTENT
"prefix=\${pcfiledir}/${_uiokit_pc_to_prefix}
libdir=\${prefix}/${CMAKE_INSTALL_LIBDIR}
includedir=\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}

Name: ${L_PC_NAME}
Description: ${L_DESCRIPTION}
Version: ${PROJECT_VERSION}
Requires: ${requires}
Cflags: -I\${includedir} -std=c++20${cflags}
Libs: -L\${libdir} ${libs}
")
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/${L_PC_NAME}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
          COMPONENT dev)
endfunction()

# A uiokit library <target> builds on another one, <dep> (a target made by uiokit_library):
# linked publicly, and named in <target>'s .pc Requires.
function(uiokit_library_uses target dep)
  target_link_libraries(${target} PUBLIC ${dep})
  get_target_property(pc ${dep} UIOKIT_PC_NAME)
  set_property(TARGET ${target} APPEND PROPERTY UIOKIT_PC_DEPENDS ${pc})
endfunction()

# The CMake package: one export of every library, components checked in uiokitConfig.cmake.
# Called once, after every library's directory (from the top-level CMakeLists.txt).
function(uiokit_install_package)
  if(CMAKE_CROSSCOMPILING AND UIOKIT_STATIC)
    return()
  endif()
  include(CMakePackageConfigHelpers)
  get_property(UIOKIT_COMPONENTS GLOBAL PROPERTY UIOKIT_COMPONENTS)
  install(EXPORT uiokitTargets NAMESPACE uiokit:: DESTINATION ${UIOKIT_CMAKE_DIR} COMPONENT dev)
  configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/uiokitConfig.cmake.in
    ${PROJECT_BINARY_DIR}/uiokitConfig.cmake INSTALL_DESTINATION ${UIOKIT_CMAKE_DIR})
  write_basic_package_version_file(${PROJECT_BINARY_DIR}/uiokitConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
  install(FILES ${PROJECT_BINARY_DIR}/uiokitConfig.cmake ${PROJECT_BINARY_DIR}/uiokitConfigVersion.cmake
          DESTINATION ${UIOKIT_CMAKE_DIR} COMPONENT dev)
endfunction()
