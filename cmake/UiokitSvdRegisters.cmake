# SPDX-License-Identifier: MIT
# uiokit_svd_registers(TARGET <target> SVD <file> [PERIPHERALS <name>...] [NAME <dir>] [NAMESPACE <ns>]
#                      [PRIVATE])
#
# Generates typed register blocks (uiokit/reg) from a CMSIS-SVD file at build time, with
# `uiokit svd2cpp`, and puts them on <target>'s include path:
#
#   uiokit_svd_registers(TARGET blinky SVD ${CMAKE_CURRENT_SOURCE_DIR}/STM32H7A3x.svd PERIPHERALS GPIOA RCC)
#   // blinky.cpp
#   #include "stm32h7a3x.hpp"            // or "stm32h7a3x/GPIOA.hpp"
#
# The headers go to ${CMAKE_CURRENT_BINARY_DIR}/uiokit_svd/<NAME> (NAME defaults to the SVD
# file's name without .svd); NAMESPACE replaces the default C++ namespace (the device's name in
# lower case), and the umbrella header is <namespace>.hpp. They are generated again when the
# SVD file or the generator changes. The include directory is PUBLIC (headers of <target> may
# include the generated ones) unless PRIVATE is given.
#
# The generator must run on the build machine: UIOKIT_EXECUTABLE when set (a cross build names
# the build machine's `uiokit`), else the build tree's `uiokit` target (building uiokit itself,
# natively), else the imported uiokit::uiokit, else a `uiokit` program next to this file's
# installed package or on PATH. uiokit_svd_generator(<var>) tells which, or "" for none.
# Needs CMake 3.20 (target-dependent DEPENDS).

# Run as a script after each generation (cmake -P this file): the stamp that <target>'s sources
# depend on holds the digest of the generated headers and is rewritten only when they changed,
# so a rebuilt generator that writes the same headers recompiles nothing (Ninja looks at the
# stamp's time again after the command).
if(CMAKE_SCRIPT_MODE_FILE AND DEFINED UIOKIT_SVD_STAMP)
  file(GLOB_RECURSE generated LIST_DIRECTORIES false "${UIOKIT_SVD_OUT}/*")
  list(SORT generated)
  set(digest "")
  foreach(f IN LISTS generated)
    file(MD5 "${f}" h)
    string(APPEND digest "${f} ${h}\n")
  endforeach()
  set(old "")
  if(EXISTS "${UIOKIT_SVD_STAMP}")
    file(READ "${UIOKIT_SVD_STAMP}" old)
  endif()
  if(NOT old STREQUAL digest)
    file(WRITE "${UIOKIT_SVD_STAMP}" "${digest}")
  endif()
  return()
endif()
include_guard(GLOBAL)

function(uiokit_svd_generator var)
  if(UIOKIT_EXECUTABLE)
    set(gen "${UIOKIT_EXECUTABLE}")
  elseif(TARGET uiokit AND NOT CMAKE_CROSSCOMPILING)
    set(gen uiokit)
  elseif(TARGET uiokit::uiokit AND NOT CMAKE_CROSSCOMPILING)
    set(gen uiokit::uiokit)
  else()
    find_program(UIOKIT_EXECUTABLE uiokit
      HINTS "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../../../bin" "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../../../../bin")
    set(gen "${UIOKIT_EXECUTABLE}")
    if(NOT gen)
      set(gen "")
    endif()
  endif()
  set(${var} "${gen}" PARENT_SCOPE)
endfunction()

function(uiokit_svd_registers)
  cmake_parse_arguments(PARSE_ARGV 0 arg "PRIVATE" "TARGET;SVD;NAME;NAMESPACE" "PERIPHERALS")
  if(NOT arg_TARGET OR NOT arg_SVD)
    message(FATAL_ERROR "uiokit_svd_registers: TARGET and SVD are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "uiokit_svd_registers: unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  get_filename_component(svd "${arg_SVD}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${svd}")
    message(FATAL_ERROR "uiokit_svd_registers: no SVD file ${svd}")
  endif()
  set(name "${arg_NAME}")
  if(NOT name)
    get_filename_component(name "${svd}" NAME_WLE)
  endif()

  uiokit_svd_generator(generator_dep)
  if(NOT generator_dep)
    message(FATAL_ERROR "uiokit_svd_registers: no `uiokit` program for the build machine (set UIOKIT_EXECUTABLE)")
  elseif(TARGET ${generator_dep})
    set(generator "$<TARGET_FILE:${generator_dep}>")
  else()
    set(generator "${generator_dep}")
  endif()

  set(root "${CMAKE_CURRENT_BINARY_DIR}/uiokit_svd")
  set(out "${root}/${name}")
  set(stamp "${root}/${name}.stamp")
  set(only "")
  foreach(p IN LISTS arg_PERIPHERALS)
    list(APPEND only --peripheral "${p}")
  endforeach()
  if(arg_NAMESPACE)
    list(APPEND only --namespace "${arg_NAMESPACE}")
  endif()
  # One generation per output directory, however many targets use it.
  string(MD5 out_hash "${out}")
  string(SUBSTRING "${out_hash}" 0 8 out_hash)
  string(MAKE_C_IDENTIFIER "uiokit_svd_${name}_${out_hash}" gen_target)
  if(NOT TARGET ${gen_target})
    add_custom_command(
      OUTPUT "${stamp}"
      COMMAND "${generator}" svd2cpp "${svd}" ${only} -o "${out}" --quiet
      COMMAND "${CMAKE_COMMAND}" -DUIOKIT_SVD_OUT=${out} -DUIOKIT_SVD_STAMP=${stamp} -P "${CMAKE_CURRENT_FUNCTION_LIST_FILE}"
      DEPENDS "${svd}" ${generator_dep}
      COMMENT "uiokit svd2cpp ${name}"
      VERBATIM)
    add_custom_target(${gen_target} DEPENDS "${stamp}")
  endif()
  add_dependencies(${arg_TARGET} ${gen_target})
  # The header names are known only once generated, so the build cannot see which sources
  # include them: each source of the target depends on the generation instead (add sources
  # before calling this function).
  get_target_property(sources ${arg_TARGET} SOURCES)
  if(sources)
    set_property(SOURCE ${sources} TARGET_DIRECTORY ${arg_TARGET} APPEND PROPERTY OBJECT_DEPENDS "${stamp}")
  endif()
  # The directory exists at configure time so that the include path is valid before the build.
  file(MAKE_DIRECTORY "${out}")
  if(arg_PRIVATE)
    target_include_directories(${arg_TARGET} PRIVATE "${out}")
  else()
    target_include_directories(${arg_TARGET} PUBLIC "$<BUILD_INTERFACE:${out}>")
  endif()
  if(TARGET uiokit::regmap)
    target_link_libraries(${arg_TARGET} PUBLIC uiokit::regmap)
  endif()
endfunction()
