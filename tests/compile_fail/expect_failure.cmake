# SPDX-License-Identifier: MIT
# Runs one compile-fail case: the build of TARGET in BUILD_DIR must fail, and fail through a
# static assertion whose message contains EXPECT. The exit status is checked first because a
# compiler that quotes source lines can print EXPECT for an unrelated error on the same line;
# the "static assertion failed" line is GCC's and Clang's own wording, which no quoted source
# line carries.
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc EQUAL 0)
  message(FATAL_ERROR "${TARGET} compiled, but it must be rejected with \"${EXPECT}\"")
endif()
string(REGEX MATCHALL "static assertion failed[^\n]*" asserts "${out}")
foreach(line IN LISTS asserts)
  string(FIND "${line}" "${EXPECT}" at)
  if(at GREATER_EQUAL 0)
    message(STATUS "rejected as expected: ${line}")
    return()
  endif()
endforeach()
message(FATAL_ERROR "${TARGET} failed to compile, but not with a static assertion saying \"${EXPECT}\".\n"
                    "Static assertions seen: ${asserts}\nCompiler output:\n${out}")
