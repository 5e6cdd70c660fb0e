# SPDX-License-Identifier: MIT
# The QEMU guest rig's CMake contract (tests/qemu/README.md describes the rig itself).
#
#   uiokit_guest_check(NAME <dotted.name> BOARDS <x86|vexpress|smdkc210|versatilepb|virt64>...
#                      COMMAND <shell line run in the guest>
#                      [PROGRAMS <targets>]  [FILES <host files, copied to the guest's /data>]
#                      [MODULES <stock modules the check loads>]  [SETUP <shell run before the check>]
#                      [TIMEOUT <seconds, default 20>])
#   uiokit_guest_module(NAME <name> BOARDS <board>... [FILE_AMD64 <.ko>] [FILE_ARMHF <.ko>]
#                       [FILE_ARMEL <.ko>] [FILE_ARM64 <.ko>] [DEPENDS <targets>] [PARAMS <insmod parameters>])
#
# A check name means the same on every board it runs on. Registered with several BOARDS, one
# command serves them all; a check whose command differs by board (an address, a device name)
# is registered once per board under the same name. Twice for one board is an error.
#
#   UIOKIT_QEMU_CACHE      ${CMAKE_BINARY_DIR}/qemu-cache: kernels, KDIRs, busybox, ARM sysroots
#   UIOKIT_QEMU_ARTIFACTS  ${CMAKE_BINARY_DIR}/qemu-artifacts/<board>/: console logs, screendumps
#   UIOKIT_ARMHF_BUILD_DIR the armhf cross build whose programs the armhf guests run:
#                          ${CMAKE_BINARY_DIR}/armhf-packages (the package tree, shared
#                          libraries) when armhf is in UIOKIT_PACKAGE_ARCHES, else
#                          ${CMAKE_BINARY_DIR}/armhf (a static build); its target is
#                          UIOKIT_ARMHF_GUEST_TREE
#   UIOKIT_ARMEL_BUILD_DIR the same for armel (ARMv5, versatilepb; no package tree: static)
#   UIOKIT_ARM64_BUILD_DIR the same for arm64 (virt64)
#   uiokit_qemu_fetch      target producing ${UIOKIT_QEMU_CACHE}/fetch.stamp, after which
#                          {amd64,armhf}/kdir, {amd64,armhf}/modules and kernels.env exist
#   uiokit_qemu_fetch_arm64  target producing ${UIOKIT_QEMU_CACHE}/arm64/fetch.stamp: arm64/kdir,
#                          arm64/modules, arm64/Image, arm64/busybox, arm64/sysroot
#   uiokit_qemu_kernel_armel  target producing ${UIOKIT_QEMU_CACHE}/armel/kernel.stamp: the
#                          versatilepb kernel built here, with armel/{kdir,modules,Image,dtbs}
#
# Checks are gathered while the subdirectories are configured; the ctest tests are generated
# at the end of the top-level directory (a deferred call), when every check is known.
# The ARM cross builds include this file too: there each builds the PROGRAMS of the checks on
# its architecture's boards (target uiokit_guest_programs) and lists where they are in
# uiokit-guest-programs.txt. A static build links each program with everything it needs; in a
# package tree the programs load the tree's shared libraries and Debian's, which the rig puts in
# the guest beside them (tests/qemu/riglib/dynlibs.py).

set(UIOKIT_QEMU_BOARDS x86 vexpress smdkc210 versatilepb virt64)
# Each board's Debian architecture: its kernel, busybox and programs. tests/qemu/riglib/boards.py
# says the same; the rig refuses a board configuration where the two disagree.
set(UIOKIT_QEMU_BOARD_ARCH_x86 amd64)
set(UIOKIT_QEMU_BOARD_ARCH_vexpress armhf)
set(UIOKIT_QEMU_BOARD_ARCH_smdkc210 armhf)
set(UIOKIT_QEMU_BOARD_ARCH_versatilepb armel)
set(UIOKIT_QEMU_BOARD_ARCH_virt64 arm64)
set(UIOKIT_QEMU_CROSS_ARCHES armhf armel arm64)   # each has a cross build of this tree
set(UIOKIT_QEMU_CACHE ${CMAKE_BINARY_DIR}/qemu-cache)
set(UIOKIT_QEMU_ARTIFACTS ${CMAKE_BINARY_DIR}/qemu-artifacts)
# Which cross build makes an ARM architecture's guest programs. One whose Debian packages are
# cross-built too (UIOKIT_PACKAGE_CROSS_ARCHES, cmake/UiokitPackageCross.cmake) takes them from
# the package tree: the guests run the programs and shared libraries the packages hold, and the
# tree is compiled once instead of twice. Any other has a static build of its own. Without the
# rig (UIOKIT_QEMU_TESTS off) neither builds guest programs.
foreach(_arch IN LISTS UIOKIT_QEMU_CROSS_ARCHES)
  string(TOUPPER ${_arch} _up)
  if(UIOKIT_QEMU_TESTS AND _arch IN_LIST UIOKIT_PACKAGE_CROSS_ARCHES)
    set(UIOKIT_${_up}_BUILD_DIR ${CMAKE_BINARY_DIR}/${_arch}-packages)
    set(UIOKIT_${_up}_GUEST_TREE uiokit_${_arch}_packages)
  else()
    set(UIOKIT_${_up}_BUILD_DIR ${CMAKE_BINARY_DIR}/${_arch})
    set(UIOKIT_${_up}_GUEST_TREE uiokit_${_arch})
  endif()
endforeach()
set(_UIOKIT_RIG_DIR ${CMAKE_CURRENT_LIST_DIR}/../tests/qemu)
get_filename_component(_UIOKIT_RIG_DIR ${_UIOKIT_RIG_DIR} ABSOLUTE)

function(_uiokit_guest_board_ok board)
  if(NOT board IN_LIST UIOKIT_QEMU_BOARDS)
    message(FATAL_ERROR "uiokit guest: unknown board '${board}' (known: ${UIOKIT_QEMU_BOARDS})")
  endif()
endfunction()

function(uiokit_guest_check)
  cmake_parse_arguments(PARSE_ARGV 0 G "" "NAME;COMMAND;SETUP;TIMEOUT" "BOARDS;PROGRAMS;FILES;MODULES")
  if(NOT G_NAME OR NOT G_BOARDS OR NOT DEFINED G_COMMAND)
    message(FATAL_ERROR "uiokit_guest_check needs NAME, BOARDS and COMMAND")
  endif()
  if(NOT G_NAME MATCHES "^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
    message(FATAL_ERROR "uiokit_guest_check: '${G_NAME}' is not a dotted name of [A-Za-z0-9_.-]")
  endif()
  foreach(b IN LISTS G_BOARDS)
    _uiokit_guest_board_ok(${b})
    get_property(known GLOBAL PROPERTY UIOKIT_GUEST_CHECKS_${b})
    if(G_NAME IN_LIST known)
      message(FATAL_ERROR "uiokit_guest_check: '${G_NAME}' is registered twice for board ${b}")
    endif()
  endforeach()
  if(NOT G_TIMEOUT)
    set(G_TIMEOUT 20)
  endif()
  set(files)
  foreach(f IN LISTS G_FILES)  # relative to the caller, like add_executable's sources
    get_filename_component(f ${f} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND files ${f})
  endforeach()
  set(G_FILES ${files})
  foreach(b IN LISTS G_BOARDS)
    set_property(GLOBAL APPEND PROPERTY UIOKIT_GUEST_CHECKS_${b} ${G_NAME})
    foreach(key COMMAND SETUP TIMEOUT PROGRAMS FILES MODULES)
      set_property(GLOBAL PROPERTY UIOKIT_GUEST_${b}_${G_NAME}_${key} "${G_${key}}")
    endforeach()
  endforeach()
endfunction()

function(uiokit_guest_module)
  cmake_parse_arguments(PARSE_ARGV 0 G "" "NAME;FILE_AMD64;FILE_ARMHF;FILE_ARMEL;FILE_ARM64;PARAMS" "BOARDS;DEPENDS")
  if(NOT G_NAME OR NOT G_BOARDS)
    message(FATAL_ERROR "uiokit_guest_module needs NAME and BOARDS")
  endif()
  foreach(b IN LISTS G_BOARDS)
    _uiokit_guest_board_ok(${b})
    string(TOUPPER ${UIOKIT_QEMU_BOARD_ARCH_${b}} arch)
    set(file ${G_FILE_${arch}})
    if(NOT file)
      message(FATAL_ERROR "uiokit_guest_module(${G_NAME}): no .ko given for board ${b}")
    endif()
    set_property(GLOBAL APPEND PROPERTY UIOKIT_GUEST_MODULES_${b} ${G_NAME})
    set_property(GLOBAL PROPERTY UIOKIT_GUEST_MODULE_${b}_${G_NAME}_FILE ${file})
    set_property(GLOBAL PROPERTY UIOKIT_GUEST_MODULE_${b}_${G_NAME}_PARAMS "${G_PARAMS}")
  endforeach()
  set_property(GLOBAL APPEND PROPERTY UIOKIT_GUEST_INPUT_TARGETS ${G_DEPENDS})
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/UiokitGuestRig.cmake)
