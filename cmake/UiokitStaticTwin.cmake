# SPDX-License-Identifier: MIT
# The `uiokit` program links our libraries, libstdc++ and libgcc statically: each shared library
# a process loads costs it about half a millisecond of start-up, more than a register read from
# the command line takes (tools/README.md). The installed shared libraries, the other programs
# and the Python module are unchanged.
#
#   uiokit_static_twin(<target> [USES <uiokit library>...] [LINK <library>...])
#
# makes <target>_static: an archive of <target>'s own object files (compiled once, for both),
# with <target>'s include folders, definitions and compile features, linking the twins of the
# uiokit libraries in USES and the third-party libraries in LINK (what a static link of the
# objects needs). Where the program is not linked statically, or <target> is static and so
# are the libraries it uses (BUILD_SHARED_LIBS OFF), the twin is <target> itself.
include_guard(GLOBAL)

set(UIOKIT_STATIC_TOOL ON)
set(UIOKIT_SECTION_PER_FUNCTION -ffunction-sections -fdata-sections)
# Sanitizer builds keep the shared libraries: ASan's runtime supplies operator new/delete to the
# whole process, which a libstdc++ linked into the program would replace.
if(UIOKIT_SANITIZE)
  set(UIOKIT_STATIC_TOOL OFF)
endif()

function(uiokit_static_twin target)
  cmake_parse_arguments(PARSE_ARGV 1 T "" "" "USES;LINK")
  if(NOT UIOKIT_STATIC_TOOL OR NOT BUILD_SHARED_LIBS)
    add_library(${target}_static ALIAS ${target})
    return()
  endif()
  # Each function and object in a section of its own, so that the program's link keeps only
  # what it reaches (uiokit_static_tool_link).
  target_compile_options(${target} PRIVATE ${UIOKIT_SECTION_PER_FUNCTION})
  # And one object per source file even in a unity build of the host: the link takes a member of
  # the archive only when it needs a symbol of it, and a batch brings in its neighbours' references
  # too (with them glibc's dlopen and getaddrinfo, and their link warnings, into a static
  # program that calls neither). The host build is also what bench/ measures: batched, the SVD
  # reader is inlined differently and takes about 4% more instructions to parse a 4 MB file
  # (bench/RESULTS.md). Cross trees stay batched: scripts/test.sh compiles five of them one after
  # the other.
  if(NOT CMAKE_CROSSCOMPILING)
    set_target_properties(${target} PROPERTIES UNITY_BUILD OFF)
  endif()
  add_library(${target}_static STATIC EXCLUDE_FROM_ALL $<TARGET_OBJECTS:${target}>)
  foreach(p INCLUDE_DIRECTORIES SYSTEM_INCLUDE_DIRECTORIES COMPILE_DEFINITIONS COMPILE_FEATURES COMPILE_OPTIONS)
    get_target_property(v ${target} INTERFACE_${p})
    if(v)
      set_property(TARGET ${target}_static PROPERTY INTERFACE_${p} "${v}")
    endif()
  endforeach()
  list(TRANSFORM T_USES APPEND _static)
  target_link_libraries(${target}_static INTERFACE ${T_USES} ${T_LINK})
endfunction()

# The link options of the program itself: libstdc++ and libgcc from their archives, no shared
# library recorded that nothing in the program uses (g++ adds libm whether or not), and no
# run path: the program loads nothing of this build, and a run path would be searched for libc
# first (in the build tree its entries came out empty, which the loader reads as the current
# directory). Where the linker packs them (DT_RELR, x86_64), the few thousand relative
# relocations of the static libstdc++ and CLI11 take the loader less time and fewer pages; a
# linker that cannot says "ignored" (ARM's, in binutils 2.40).
#
# The sections nothing reaches are dropped (--gc-sections; libstdc++'s archive and our twins
# have a section per function): an archive member comes in whole for one symbol, and
# libstdc++'s filesystem and pugixml's stream overloads each pull in the streams and locales.
# What is left is about half the code and a third of the relocated data, so a start touches
# fewer pages (bench/RESULTS.md).
include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_LINK_OPTIONS -Wl,-z,pack-relative-relocs)
check_cxx_source_compiles("int main() { return 0; }" UIOKIT_LINKER_PACKS_RELATIVE_RELOCS FAIL_REGEX "ignored")
unset(CMAKE_REQUIRED_LINK_OPTIONS)

# glibc's libm from its archive where there is one (libc6-dev): the program needs one function
# of it (pugixml's fmod), and loading the shared libm would cost every start more than that
# function is worth. Linked after the archives that need it (uiokit_svd's twin), so that the
# libm g++ adds at the end finds nothing left to resolve and --as-needed drops it.
set(CMAKE_REQUIRED_LIBRARIES -l:libm.a)
check_cxx_source_compiles("#include <cmath>
volatile double x = 7.5;
int main() { return static_cast<int>(std::fmod(x, 2.0)); }" UIOKIT_HAVE_STATIC_LIBM)
unset(CMAKE_REQUIRED_LIBRARIES)
set(UIOKIT_STATIC_LIBM "")
if(UIOKIT_STATIC_TOOL AND UIOKIT_HAVE_STATIC_LIBM)
  set(UIOKIT_STATIC_LIBM -l:libm.a)
endif()

# The `uiokit` front end (tools/launcher.cpp) links the C library from its archive too, as a
# position-independent static program (-static-pie: its addresses still randomised): no dynamic
# loader runs, no shared library is mapped and no symbol is looked up, which is most of what its
# start costs (bench/RESULTS.md). It can be, because it calls nothing of glibc that loads code at
# run time: no name service (users, hosts: the GDB client is left to uiokit-tool), no iconv, no
# locales, no dlopen. The price is Debian's usual one for a static program: a fix to glibc
# reaches it when the package is rebuilt. Where the toolchain cannot link such a program (no
# static glibc, or one built without static-pie support, as armhf's), it stays dynamic.
set(CMAKE_REQUIRED_LINK_OPTIONS -static-pie)
check_cxx_source_compiles("#include <cstdio>
#include <string>
int main(int argc, char**) { std::string s(static_cast<std::size_t>(argc), 'x'); return std::puts(s.c_str()) < 0; }" UIOKIT_LINKS_STATIC_PIE)
unset(CMAKE_REQUIRED_LINK_OPTIONS)

#   uiokit_static_tool_link(<target> [WHOLE])
# WHOLE: the C library from its archive too, where it can be (above) and where every library
# the program links has an archive (libfdt, pugixml, libm: a cross build for a Debian package
# may have only the shared libfdt); the target's property UIOKIT_STATIC_PIE says whether it was.
# -static-pie goes alone: with -static-libstdc++ beside it, g++ links a program that needs the
# shared C library and names no loader to load it. A tree that links every program -static
# already (the ARM guests', toolchain-arm-linux.cmake) is left so: -static-pie beside -static
# gives a program that crashes at start on arm64.
function(uiokit_static_tool_link target)
  cmake_parse_arguments(PARSE_ARGV 1 L "WHOLE" "" "")
  set_target_properties(${target} PROPERTIES UIOKIT_STATIC_PIE OFF)
  if(NOT UIOKIT_STATIC_TOOL)
    return()
  endif()
  set(whole ${L_WHOLE})
  if(NOT UIOKIT_LINKS_STATIC_PIE OR NOT UIOKIT_HAVE_STATIC_LIBM OR " ${CMAKE_EXE_LINKER_FLAGS} " MATCHES " -static "
     OR (LIBFDT_FOUND AND NOT LIBFDT_ARCHIVE) OR (pugixml_FOUND AND NOT TARGET pugixml::static))
    set(whole OFF)
  endif()
  if(whole)
    target_link_options(${target} PRIVATE -static-pie)
    set_target_properties(${target} PROPERTIES UIOKIT_STATIC_PIE ON)
  else()
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc LINKER:--as-needed)
  endif()
  target_link_options(${target} PRIVATE LINKER:--gc-sections)
  target_compile_options(${target} PRIVATE ${UIOKIT_SECTION_PER_FUNCTION})
  if(UIOKIT_LINKER_PACKS_RELATIVE_RELOCS)
    target_link_options(${target} PRIVATE LINKER:-z,pack-relative-relocs)
  endif()
  set_target_properties(${target} PROPERTIES SKIP_BUILD_RPATH ON INSTALL_RPATH "")
endfunction()
