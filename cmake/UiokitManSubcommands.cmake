# SPDX-License-Identifier: MIT
# cmake -DPROGRAM=<path> -DOUTPUT=<file> -P UiokitManSubcommands.cmake
# Writes a help2man --include file: the EXIT STATUS every uiokit program shares
# (lib/cli/include/uiokit/cli/program.hpp) and a SUBCOMMANDS section with the --help of each
# subcommand the program's --help lists, so that the man page covers them too.
execute_process(COMMAND ${PROGRAM} --help OUTPUT_VARIABLE help COMMAND_ERROR_IS_FATAL ANY)
set(out "")
string(REGEX MATCH "\nSubcommands:\n(.*)" section "${help}")
string(REPLACE "\n" ";" lines "${CMAKE_MATCH_1}")
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^  ([a-z][a-z0-9-]*) ")
    continue()
  endif()
  set(sub ${CMAKE_MATCH_1})
  execute_process(COMMAND ${PROGRAM} ${sub} --help OUTPUT_VARIABLE text COMMAND_ERROR_IS_FATAL ANY)
  # troff: a backslash is written \e; a line starting with . or ' would be a request.
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  get_filename_component(name ${PROGRAM} NAME)
  string(APPEND out ".SS \"${name} ${sub}\"\n.nf\n${text}.fi\n")
endforeach()
if(out)
  set(out "[SUBCOMMANDS]\n${out}")
endif()
file(WRITE ${OUTPUT} "[EXIT STATUS]
0 on success; 64 (EX_USAGE) for a command line that cannot be parsed, with the message on
standard error; otherwise the sysexits.h code of the failure: 64 invalid argument, 65 bad
data, 66 no such device or file, 69 unsupported, 70 bad value read from the hardware, 74 I/O
error, 75 device busy, 77 permission denied; 124 for a wait that timed out.
${out}")
