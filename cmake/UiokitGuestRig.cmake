# SPDX-License-Identifier: MIT
# Machinery behind cmake/UiokitGuest.cmake: fetch, the versatilepb kernel, the ARM cross builds,
# ctest generation.

find_program(UIOKIT_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(UIOKIT_PYTHON3 NAMES python3)
set(_UIOKIT_RIG ${_UIOKIT_RIG_DIR}/rig.py)
set(_UIOKIT_GUEST_MANIFEST uiokit-guest-programs.txt)

function(_uiokit_json_str out value)
  string(REPLACE "\\" "\\\\" value "${value}")
  string(REPLACE "\"" "\\\"" value "${value}")
  string(REPLACE "\n" "\\n" value "${value}")
  string(REPLACE "\t" "\\t" value "${value}")
  # a raw ';' would split the entry when it is collected into a CMake list
  string(REPLACE ";" "\\u003b" value "${value}")
  set(${out} "\"${value}\"" PARENT_SCOPE)
endfunction()

function(_uiokit_json_list out)
  set(items)
  foreach(v IN LISTS ARGN)
    _uiokit_json_str(s "${v}")
    list(APPEND items "${s}")
  endforeach()
  list(JOIN items ", " joined)
  set(${out} "[${joined}]" PARENT_SCOPE)
endfunction()

# `targets` with the programs each runs in turn: a program target that starts another by exec
# (`uiokit` starts `uiokit-tool`) names it in its UIOKIT_COMPANIONS property, and the guest gets
# both, side by side in /bin.
function(_uiokit_guest_with_companions out)
  set(all)
  foreach(t IN LISTS ARGN)
    list(APPEND all ${t})
    if(TARGET ${t})
      get_target_property(companions ${t} UIOKIT_COMPANIONS)
      if(companions)
        list(APPEND all ${companions})
      endif()
    endif()
  endforeach()
  list(REMOVE_DUPLICATES all)
  set(${out} ${all} PARENT_SCOPE)
endfunction()

# Targets the checks on the boards of one architecture need from that architecture's build.
function(_uiokit_guest_arch_programs arch out)
  set(progs)
  foreach(b IN LISTS UIOKIT_QEMU_BOARDS)
    if(arch STREQUAL "all" OR UIOKIT_QEMU_BOARD_ARCH_${b} STREQUAL arch)
      get_property(checks GLOBAL PROPERTY UIOKIT_GUEST_CHECKS_${b})
      foreach(c IN LISTS checks)
        get_property(p GLOBAL PROPERTY UIOKIT_GUEST_${b}_${c}_PROGRAMS)
        list(APPEND progs ${p})
      endforeach()
    endif()
  endforeach()
  _uiokit_guest_with_companions(progs ${progs})
  set(${out} ${progs} PARENT_SCOPE)
endfunction()

# Cross build: build the programs of its architecture's checks and say where each binary is.
function(_uiokit_guest_finalize_cross)
  if(NOT UIOKIT_GUEST_ARCH IN_LIST UIOKIT_QEMU_CROSS_ARCHES)
    message(FATAL_ERROR "uiokit guest: a cross build with UIOKIT_GUEST_ARCH '${UIOKIT_GUEST_ARCH}' "
                        "(its toolchain file sets it; known: ${UIOKIT_QEMU_CROSS_ARCHES})")
  endif()
  _uiokit_guest_arch_programs(${UIOKIT_GUEST_ARCH} progs)
  add_custom_target(uiokit_guest_programs)
  set(lines)
  foreach(t IN LISTS progs)
    if(NOT TARGET ${t})
      message(FATAL_ERROR "uiokit guest: program target '${t}' of an ${UIOKIT_GUEST_ARCH} check does not exist in the ${UIOKIT_GUEST_ARCH} build")
    endif()
    add_dependencies(uiokit_guest_programs ${t})
    string(APPEND lines "${t}\t$<TARGET_FILE:${t}>\n")
  endforeach()
  file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/${_UIOKIT_GUEST_MANIFEST} CONTENT "${lines}")
endfunction()

function(_uiokit_guest_check_json out board c)
  foreach(key COMMAND SETUP TIMEOUT PROGRAMS FILES MODULES)
    get_property(${key} GLOBAL PROPERTY UIOKIT_GUEST_${board}_${c}_${key})
  endforeach()
  set(progs)
  _uiokit_guest_with_companions(PROGRAMS ${PROGRAMS})
  foreach(t IN LISTS PROGRAMS)
    if(NOT TARGET ${t})
      message(FATAL_ERROR "uiokit_guest_check(${c}): PROGRAMS target '${t}' does not exist")
    endif()
    if(board STREQUAL "x86")
      _uiokit_json_str(path "$<TARGET_FILE:${t}>")
    else()
      set(path null)  # looked up in the cross build's manifest at run time
    endif()
    list(APPEND progs "{\"target\": \"${t}\", \"path\": ${path}}")
  endforeach()
  list(JOIN progs ", " progs)
  _uiokit_json_str(name "${c}")
  _uiokit_json_str(cmd "${COMMAND}")
  _uiokit_json_str(setup "${SETUP}")
  _uiokit_json_list(files ${FILES})
  _uiokit_json_list(mods ${MODULES})
  set(${out} "    {\"name\": ${name}, \"command\": ${cmd}, \"setup\": ${setup}, \"timeout\": ${TIMEOUT},\n     \"programs\": [${progs}], \"files\": ${files}, \"modules\": ${mods}}" PARENT_SCOPE)
endfunction()

function(_uiokit_guest_board_tests board)
  get_property(names GLOBAL PROPERTY UIOKIT_GUEST_CHECKS_${board})
  set(entries)
  set(budget 0)
  foreach(c IN LISTS names)
    _uiokit_guest_check_json(entry ${board} ${c})
    list(APPEND entries "${entry}")
    get_property(t GLOBAL PROPERTY UIOKIT_GUEST_${board}_${c}_TIMEOUT)
    math(EXPR budget "${budget} + ${t}")
  endforeach()
  if(NOT names)
    return()
  endif()
  list(JOIN entries ",\n" entries)
  set(mods)
  get_property(modnames GLOBAL PROPERTY UIOKIT_GUEST_MODULES_${board})
  foreach(m IN LISTS modnames)
    get_property(f GLOBAL PROPERTY UIOKIT_GUEST_MODULE_${board}_${m}_FILE)
    get_property(p GLOBAL PROPERTY UIOKIT_GUEST_MODULE_${board}_${m}_PARAMS)
    _uiokit_json_str(jn "${m}")
    _uiokit_json_str(jf "${f}")
    _uiokit_json_str(jp "${p}")
    list(APPEND mods "{\"name\": ${jn}, \"file\": ${jf}, \"params\": ${jp}}")
  endforeach()
  list(JOIN mods ", " mods)
  # dts/ may provide our own tree; the stock one from the kernel package otherwise.
  set(dtb "")
  get_property(gdtb GLOBAL PROPERTY UIOKIT_DTB_${board})
  if(DEFINED UIOKIT_DTB_${board})
    set(dtb "${UIOKIT_DTB_${board}}")
  elseif(gdtb)
    set(dtb "${gdtb}")
  endif()
  _uiokit_json_str(dtb "${dtb}")
  set(arch ${UIOKIT_QEMU_BOARD_ARCH_${board}})
  string(TOUPPER ${arch} up)
  set(manifest "")
  set(tree "")
  if(DEFINED UIOKIT_${up}_BUILD_DIR)
    set(manifest ${UIOKIT_${up}_BUILD_DIR}/${_UIOKIT_GUEST_MANIFEST})
    set(tree ${UIOKIT_${up}_GUEST_TREE})
  endif()
  set(cfg ${CMAKE_BINARY_DIR}/qemu/${board}.json)
  file(GENERATE OUTPUT ${cfg} CONTENT "{\n  \"board\": \"${board}\",
  \"arch\": \"${arch}\",
  \"cache\": \"${UIOKIT_QEMU_CACHE}\",
  \"artifacts\": \"${UIOKIT_QEMU_ARTIFACTS}/${board}\",
  \"cross_manifest\": \"${manifest}\",
  \"cross_target\": \"${tree}\",
  \"dtb\": ${dtb},
  \"modules\": [${mods}],
  \"checks\": [\n${entries}\n  ]\n}\n")

  # The boot budget covers a slow boot plus every check running into its timeout.
  math(EXPR boot_timeout "90 + ${budget} * 2")
  math(EXPR ctest_timeout "${boot_timeout} + 60")
  add_test(NAME qemu.${board}.boot
           COMMAND ${UIOKIT_PYTHON3} ${_UIOKIT_RIG} boot --config ${cfg} --timeout ${boot_timeout})
  set_tests_properties(qemu.${board}.boot PROPERTIES
    FIXTURES_SETUP qemu_${board} LABELS qemu TIMEOUT ${ctest_timeout})
  # The rig must report a failing check by name: one boot of the fastest board with its first
  # check replaced by one that exits 7, in an artifacts folder of its own.
  if(board STREQUAL "vexpress" AND names)
    list(GET names 0 first)
    add_test(NAME qemu.rig.broken_check_named
             COMMAND ${UIOKIT_PYTHON3} ${_UIOKIT_RIG} run --config ${cfg} --only ${first} --break ${first}
                     --quiet --artifacts ${UIOKIT_QEMU_ARTIFACTS}/${board}-broken)
    string(REPLACE "." "\\." first_re "${first}")
    set_tests_properties(qemu.rig.broken_check_named PROPERTIES LABELS qemu TIMEOUT 120
      PASS_REGULAR_EXPRESSION "FAIL +${first_re} +\\(exit=7\\)")
  endif()
  foreach(c IN LISTS names)
    add_test(NAME qemu.${board}.${c}
             COMMAND ${UIOKIT_PYTHON3} ${_UIOKIT_RIG} result --config ${cfg} --check ${c})
    set_tests_properties(qemu.${board}.${c} PROPERTIES
      FIXTURES_REQUIRED qemu_${board} LABELS qemu TIMEOUT 30 SKIP_RETURN_CODE 77)
  endforeach()
endfunction()

function(_uiokit_guest_finalize_host)
  enable_testing()
  foreach(board IN LISTS UIOKIT_QEMU_BOARDS)
    _uiokit_guest_board_tests(${board})
  endforeach()
  add_test(NAME qemu.rig.selftest COMMAND ${UIOKIT_PYTHON3} ${_UIOKIT_RIG} selftest)
  set_tests_properties(qemu.rig.selftest PROPERTIES LABELS qemu TIMEOUT 60)
  # Built with `all`, so that ctest finds every guest input in place.
  get_property(inputs GLOBAL PROPERTY UIOKIT_GUEST_INPUT_TARGETS)
  _uiokit_guest_arch_programs(all progs)
  list(APPEND inputs ${progs})
  add_custom_target(uiokit_guest_inputs ALL)
  add_dependencies(uiokit_guest_inputs uiokit_qemu_fetch uiokit_qemu_fetch_arm64 uiokit_qemu_kernel_armel)
  foreach(arch IN LISTS UIOKIT_QEMU_CROSS_ARCHES)
    string(TOUPPER ${arch} up)
    add_dependencies(uiokit_guest_inputs ${UIOKIT_${up}_GUEST_TREE})
  endforeach()
  if(TARGET uiokit_dtbs)  # dts/: our board trees, each after the step that brings its stock tree
    add_dependencies(uiokit_guest_inputs uiokit_dtbs)
  endif()
  if(inputs)
    list(REMOVE_DUPLICATES inputs)
    add_dependencies(uiokit_guest_inputs ${inputs})
  endif()
endfunction()

if(CMAKE_CROSSCOMPILING)
  # Only the guests' builds make the guest programs' manifest: the static ones (their toolchain
  # files set UIOKIT_GUEST_ARCH) and the package trees the guests take theirs from (given it on
  # their command line); a user's cross build (examples/cross-armhf) is not one of them.
  if(UIOKIT_GUEST_ARCH)
    cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _uiokit_guest_finalize_cross)
  endif()
  return()
endif()
if(NOT UIOKIT_QEMU_TESTS)
  return()
endif()

if(NOT UIOKIT_PYTHON3)
  message(FATAL_ERROR "uiokit: python3 is missing; `sudo scripts/install-deps.sh` installs it "
                      "(or configure without -DUIOKIT_QEMU_TESTS=ON)")
endif()
execute_process(COMMAND ${UIOKIT_PYTHON3} ${_UIOKIT_RIG_DIR}/fetch.py --check-host
                RESULT_VARIABLE host_rc ERROR_VARIABLE host_err OUTPUT_QUIET)
if(NOT host_rc EQUAL 0)
  message(FATAL_ERROR "${host_err}")
endif()

set(_uiokit_fetch_sources ${_UIOKIT_RIG_DIR}/fetch.py)
foreach(f debian debprograms hosttools kernel sysroot)
  list(APPEND _uiokit_fetch_sources ${_UIOKIT_RIG_DIR}/riglib/${f}.py)
endforeach()
# Files other rules may name as inputs (dts/ reads the stock trees, kernel/ the KDIRs): as
# byproducts, Ninja knows that this step makes them.
set(_uiokit_fetch_byproducts ${UIOKIT_QEMU_CACHE}/kernels.env ${UIOKIT_QEMU_CACHE}/amd64/vmlinux
    ${UIOKIT_QEMU_CACHE}/armhf/Image ${UIOKIT_QEMU_CACHE}/armel/busybox
    ${UIOKIT_QEMU_CACHE}/armhf/dtbs/vexpress-v2p-ca9.dtb ${UIOKIT_QEMU_CACHE}/armhf/dtbs/exynos4210-smdkv310.dtb)
foreach(arch amd64 armhf)
  list(APPEND _uiokit_fetch_byproducts ${UIOKIT_QEMU_CACHE}/${arch}/busybox ${UIOKIT_QEMU_CACHE}/${arch}/vmlinuz
       ${UIOKIT_QEMU_CACHE}/${arch}/kdir/Makefile ${UIOKIT_QEMU_CACHE}/${arch}/kdir/Module.symvers
       ${UIOKIT_QEMU_CACHE}/${arch}/kdir/.config)
endforeach()
add_custom_command(
  OUTPUT ${UIOKIT_QEMU_CACHE}/fetch.stamp
  BYPRODUCTS ${_uiokit_fetch_byproducts}
  COMMAND ${UIOKIT_PYTHON3} ${_UIOKIT_RIG_DIR}/fetch.py --cache ${UIOKIT_QEMU_CACHE}
          --stamp ${UIOKIT_QEMU_CACHE}/fetch.stamp
  DEPENDS ${_uiokit_fetch_sources}
  COMMENT "Fetching the guest kernels, headers, busybox and the ARM sysroots (once per build tree)"
  USES_TERMINAL)
add_custom_target(uiokit_qemu_fetch ALL DEPENDS ${UIOKIT_QEMU_CACHE}/fetch.stamp)
# virt64's files, a step of its own beside the one above (neither waits for the other).
set(_uiokit_arm64 ${UIOKIT_QEMU_CACHE}/arm64)
add_custom_command(
  OUTPUT ${_uiokit_arm64}/fetch.stamp
  BYPRODUCTS ${_uiokit_arm64}/Image ${_uiokit_arm64}/busybox ${_uiokit_arm64}/kdir/Makefile
             ${_uiokit_arm64}/kdir/Module.symvers ${_uiokit_arm64}/kdir/.config
  COMMAND ${UIOKIT_PYTHON3} ${_UIOKIT_RIG_DIR}/fetch.py --arm64 --cache ${UIOKIT_QEMU_CACHE}
          --stamp ${_uiokit_arm64}/fetch.stamp
  DEPENDS ${_uiokit_fetch_sources}
  COMMENT "Fetching the arm64 guest kernel, headers, busybox and sysroot (once per build tree)"
  USES_TERMINAL)
add_custom_target(uiokit_qemu_fetch_arm64 ALL DEPENDS ${_uiokit_arm64}/fetch.stamp)

# versatilepb's kernel: Debian has none for ARMv5, so it is built here from linux-source-6.1 and
# the fragment in tests/qemu/kernels/. The script does nothing when the package version and the
# fragment are those of its stamp; the tarball is an input, so a new package version rebuilds.
set(_uiokit_kernel_fragment ${_UIOKIT_RIG_DIR}/kernels/versatilepb.config)
set(UIOKIT_LINUX_SOURCE_TARBALL /usr/src/linux-source-6.1.tar.xz)  # hosttools.py checks it is there
set(_uiokit_armel ${UIOKIT_QEMU_CACHE}/armel)
add_custom_command(
  OUTPUT ${_uiokit_armel}/kernel.stamp
  BYPRODUCTS ${_uiokit_armel}/Image ${_uiokit_armel}/dtbs/versatile-pb.dtb ${_uiokit_armel}/kdir/Makefile
             ${_uiokit_armel}/kdir/Module.symvers ${_uiokit_armel}/kdir/.config
  COMMAND ${UIOKIT_PYTHON3} ${_UIOKIT_RIG_DIR}/build_kernel.py --cache ${UIOKIT_QEMU_CACHE} --arch armel
          --cross arm-linux-gnueabi- --defconfig versatile_defconfig --fragment ${_uiokit_kernel_fragment}
          --dtb versatile-pb.dtb --stamp ${_uiokit_armel}/kernel.stamp
  DEPENDS ${_UIOKIT_RIG_DIR}/build_kernel.py ${_UIOKIT_RIG_DIR}/riglib/kernel.py ${_uiokit_kernel_fragment}
          ${UIOKIT_LINUX_SOURCE_TARBALL}
  COMMENT "Building the versatilepb guest kernel (ARMv5) from linux-source-6.1 (once per build tree)")
add_custom_target(uiokit_qemu_kernel_armel ALL DEPENDS ${_uiokit_armel}/kernel.stamp)

# The same source tree, cross-built static for the ARM guests whose architecture has no package
# tree (cmake/UiokitGuest.cmake): one build per architecture, each building the programs of its
# boards' checks. A package tree builds them too (cmake/UiokitPackageCross.cmake).
include(UiokitCrossTree)
set(_uiokit_sysroot_step_armhf uiokit_qemu_fetch)
set(_uiokit_sysroot_step_armel uiokit_qemu_fetch)
set(_uiokit_sysroot_step_arm64 uiokit_qemu_fetch_arm64)
set(_uiokit_static_guest_arches)
foreach(arch IN LISTS UIOKIT_QEMU_CROSS_ARCHES)
  string(TOUPPER ${arch} up)
  if(NOT UIOKIT_${up}_GUEST_TREE STREQUAL "uiokit_${arch}")
    continue()
  endif()
  list(APPEND _uiokit_static_guest_arches ${arch})
  uiokit_cross_tree(uiokit_${arch}
    BINARY_DIR ${UIOKIT_${up}_BUILD_DIR}
    PREFIX ${CMAKE_BINARY_DIR}/${arch}-ep
    TARGETS uiokit_guest_programs
    DEPENDS ${_uiokit_sysroot_step_${arch}}
    CMAKE_ARGS
      -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/toolchain-${arch}.cmake
      -DUIOKIT_${up}_SYSROOT=${UIOKIT_QEMU_CACHE}/${arch}/sysroot)
endforeach()
# The host's `uiokit` generates the cross builds' register blocks; it exists once tools/ is read.
function(_uiokit_guest_cross_need_generator)
  foreach(arch IN LISTS _uiokit_static_guest_arches)
    add_dependencies(uiokit_${arch} uiokit)
  endforeach()
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _uiokit_guest_cross_need_generator)

cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _uiokit_guest_finalize_host)
