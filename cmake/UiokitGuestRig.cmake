# SPDX-License-Identifier: MIT
# Machinery behind cmake/UiokitGuest.cmake: fetch, the armhf cross build, ctest generation.

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

# Targets the ARM checks need from the cross build.
function(_uiokit_guest_arm_programs out)
  set(progs)
  get_property(checks GLOBAL PROPERTY UIOKIT_GUEST_CHECKS)
  foreach(c IN LISTS checks)
    get_property(boards GLOBAL PROPERTY UIOKIT_GUEST_${c}_BOARDS)
    get_property(p GLOBAL PROPERTY UIOKIT_GUEST_${c}_PROGRAMS)
    if(NOT boards STREQUAL "x86")
      list(APPEND progs ${p})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES progs)
  set(${out} ${progs} PARENT_SCOPE)
endfunction()

# Cross build: build the ARM checks' programs and say where each binary is.
function(_uiokit_guest_finalize_cross)
  _uiokit_guest_arm_programs(progs)
  add_custom_target(uiokit_guest_programs)
  set(lines)
  foreach(t IN LISTS progs)
    if(NOT TARGET ${t})
      message(FATAL_ERROR "uiokit guest: program target '${t}' of an ARM check does not exist in the armhf build")
    endif()
    add_dependencies(uiokit_guest_programs ${t})
    string(APPEND lines "${t}\t$<TARGET_FILE:${t}>\n")
  endforeach()
  file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/${_UIOKIT_GUEST_MANIFEST} CONTENT "${lines}")
endfunction()

function(_uiokit_guest_check_json out board c)
  foreach(key COMMAND SETUP TIMEOUT PROGRAMS FILES MODULES)
    get_property(${key} GLOBAL PROPERTY UIOKIT_GUEST_${c}_${key})
  endforeach()
  set(progs)
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
  get_property(checks GLOBAL PROPERTY UIOKIT_GUEST_CHECKS)
  set(entries)
  set(names)
  set(budget 0)
  foreach(c IN LISTS checks)
    get_property(boards GLOBAL PROPERTY UIOKIT_GUEST_${c}_BOARDS)
    if(board IN_LIST boards)
      _uiokit_guest_check_json(entry ${board} ${c})
      list(APPEND entries "${entry}")
      list(APPEND names ${c})
      get_property(t GLOBAL PROPERTY UIOKIT_GUEST_${c}_TIMEOUT)
      math(EXPR budget "${budget} + ${t}")
    endif()
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
  set(cfg ${CMAKE_BINARY_DIR}/qemu/${board}.json)
  file(GENERATE OUTPUT ${cfg} CONTENT "{\n  \"board\": \"${board}\",
  \"cache\": \"${UIOKIT_QEMU_CACHE}\",
  \"artifacts\": \"${UIOKIT_QEMU_ARTIFACTS}/${board}\",
  \"cross_manifest\": \"${UIOKIT_ARMHF_BUILD_DIR}/${_UIOKIT_GUEST_MANIFEST}\",
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
  get_property(checks GLOBAL PROPERTY UIOKIT_GUEST_CHECKS)
  foreach(c IN LISTS checks)
    get_property(p GLOBAL PROPERTY UIOKIT_GUEST_${c}_PROGRAMS)
    list(APPEND inputs ${p})
  endforeach()
  add_custom_target(uiokit_guest_inputs ALL)
  add_dependencies(uiokit_guest_inputs uiokit_qemu_fetch uiokit_armhf)
  if(TARGET uiokit_dtbs)  # dts/: our board trees, made from the stock ones the fetch brings
    add_dependencies(uiokit_dtbs uiokit_qemu_fetch)
    add_dependencies(uiokit_guest_inputs uiokit_dtbs)
  endif()
  if(inputs)
    list(REMOVE_DUPLICATES inputs)
    add_dependencies(uiokit_guest_inputs ${inputs})
  endif()
endfunction()

if(CMAKE_CROSSCOMPILING)
  cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _uiokit_guest_finalize_cross)
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
    ${UIOKIT_QEMU_CACHE}/armhf/Image
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
  COMMENT "Fetching the guest kernels, headers, busybox and the armhf sysroot (once per build tree)"
  USES_TERMINAL)
add_custom_target(uiokit_qemu_fetch ALL DEPENDS ${UIOKIT_QEMU_CACHE}/fetch.stamp)

# The same source tree, cross-built static for the ARM guests.
include(ExternalProject)
ExternalProject_Add(uiokit_armhf
  SOURCE_DIR ${CMAKE_SOURCE_DIR}
  BINARY_DIR ${UIOKIT_ARMHF_BUILD_DIR}
  PREFIX ${CMAKE_BINARY_DIR}/armhf-ep
  CMAKE_ARGS
    -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/toolchain-armhf.cmake
    -DUIOKIT_ARMHF_SYSROOT=${UIOKIT_QEMU_CACHE}/armhf/sysroot
    # the host's build type: both builds see the same optimiser (and its warnings)
    -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
    -DUIOKIT_WERROR=${UIOKIT_WERROR}
    -DUIOKIT_QEMU_TESTS=OFF -DUIOKIT_TESTS=OFF -DUIOKIT_BENCH=OFF
    # the drivers' register blocks are generated by this build's `uiokit`, which runs here
    -DUIOKIT_EXECUTABLE=$<TARGET_FILE:uiokit>
  BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --target uiokit_guest_programs
  BUILD_ALWAYS ON
  # Its configure and compile lines show as they happen (Ninja's console pool), not at the end.
  USES_TERMINAL_CONFIGURE ON
  USES_TERMINAL_BUILD ON
  INSTALL_COMMAND ""
  DEPENDS uiokit_qemu_fetch)

cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _uiokit_guest_finalize_host)
# The host's `uiokit` generates the armhf build's register blocks; it exists once tools/ is read.
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL add_dependencies uiokit_armhf uiokit)
