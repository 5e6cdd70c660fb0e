# SPDX-License-Identifier: MIT
# The installed programs, declared once each with uiokit_program(<target>): installs the binary
# (component tools), its man page (help2man, from the program's --help and --version, with a
# section holding each subcommand's --help) and its
# bash completion, and lists it for the programs test (tests/programs/).
#
#   uiokit_program(<target> SUMMARY <one line for the man page's NAME section>
#                  [HELP_FROM <target>] [JSON <command line>...])
# HELP_FROM: the program that answers --help for <target> when <target> hands it on by exec
# (`uiokit` to `uiokit-tool`); a cross build's man page is written by running that one, since
# the emulator runs one program and does not follow an exec into another.
# JSON: argument strings that print JSON with no device present ({file} stands for a scratch
# file of 4 KiB); the programs test checks that their output parses.
include_guard(GLOBAL)
find_program(UIOKIT_HELP2MAN help2man)
find_program(UIOKIT_GZIP gzip)
if(NOT CMAKE_CROSSCOMPILING AND NOT UIOKIT_HELP2MAN)
  message(STATUS "uiokit: help2man not found; man pages are left out (scripts/install-deps.sh installs it)")
endif()
set(UIOKIT_COMPLETION_DIR ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

function(uiokit_program target)
  cmake_parse_arguments(PARSE_ARGV 1 P "" "SUMMARY;HELP_FROM" "JSON")
  set(helper ${target})
  if(P_HELP_FROM)
    set(helper ${P_HELP_FROM})
  endif()
  get_target_property(prog ${target} OUTPUT_NAME)
  if(NOT prog)
    set(prog ${target})
  endif()
  install(TARGETS ${target} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tools)
  add_dependencies(uiokit_installed ${target})
  set_property(GLOBAL APPEND PROPERTY UIOKIT_PROGRAMS ${target})
  set_property(TARGET ${target} PROPERTY UIOKIT_JSON_COMMANDS "${P_JSON}")
  string(REPLACE "-" "_" func "uiokit_complete_${prog}")
  set(UIOKIT_PROG ${prog})
  set(UIOKIT_FUNC ${func})
  set(completion ${CMAKE_CURRENT_BINARY_DIR}/completions/${prog})
  configure_file(${PROJECT_SOURCE_DIR}/cmake/uiokit-completion.bash.in ${completion} @ONLY)
  set_property(TARGET ${target} PROPERTY UIOKIT_COMPLETION ${completion})
  install(FILES ${completion} DESTINATION ${UIOKIT_COMPLETION_DIR} COMPONENT tools)

  # The man page is written by running the program: in a cross build only under an emulator
  # (CMAKE_CROSSCOMPILING_EMULATOR), through a script of the program's name, since help2man
  # and the subcommand pages name the program by the path they run.
  set(run $<TARGET_FILE:${target}>)
  if(CMAKE_CROSSCOMPILING AND CMAKE_CROSSCOMPILING_EMULATOR)
    list(JOIN CMAKE_CROSSCOMPILING_EMULATOR " " emulator)
    set(run ${CMAKE_CURRENT_BINARY_DIR}/man/run/${prog})
    file(GENERATE OUTPUT ${run} CONTENT "#!/bin/sh\nexec ${emulator} $<TARGET_FILE:${helper}> \"$@\"\n"
         FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  elseif(CMAKE_CROSSCOMPILING)
    return()
  endif()
  if(UIOKIT_HELP2MAN AND UIOKIT_GZIP)
    set(man ${CMAKE_CURRENT_BINARY_DIR}/man/${prog}.1)
    add_custom_command(OUTPUT ${man}.gz
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/man
      COMMAND ${CMAKE_COMMAND} -DPROGRAM=${run} -DOUTPUT=${man}.subcommands
              -P ${PROJECT_SOURCE_DIR}/cmake/UiokitManSubcommands.cmake
      COMMAND ${UIOKIT_HELP2MAN} --no-info --no-discard-stderr --section=1 --name=${P_SUMMARY}
              --include=${man}.subcommands --output=${man} ${run}
      COMMAND ${UIOKIT_GZIP} -9nf ${man}
      DEPENDS ${target} ${helper} ${PROJECT_SOURCE_DIR}/cmake/UiokitManSubcommands.cmake
      COMMENT "Writing the man page of ${prog}"
      VERBATIM)
    add_custom_target(${target}_man ALL DEPENDS ${man}.gz)
    add_dependencies(uiokit_installed ${target}_man)
    install(FILES ${man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT tools)
  endif()
endfunction()
