# SPDX-License-Identifier: MIT
# Warnings and sanitizers for every uiokit target, through one interface target.
add_library(uiokit_build_flags INTERFACE)
target_compile_options(uiokit_build_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^arm")
  # GCC notes an ABI change of GCC 7.1 on every std::vector iterator passed by value on ARM;
  # it concerns mixing objects built by GCC < 7, which this project never does.
  target_compile_options(uiokit_build_flags INTERFACE -Wno-psabi)
endif()
if(UIOKIT_WERROR)
  target_compile_options(uiokit_build_flags INTERFACE -Werror)
endif()
if(UIOKIT_SANITIZE)
  target_compile_options(uiokit_build_flags INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(uiokit_build_flags INTERFACE -fsanitize=address,undefined)
endif()
