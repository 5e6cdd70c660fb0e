#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds and runs both example projects (examples/find_package, examples/pkg-config) against an
# installed uiokit under PREFIX, as a user would: CMAKE_PREFIX_PATH for the CMake package, and
# PKG_CONFIG_PATH alone for pkg-config (no --define-variable, no --static). Each example binds a
# typed block to a file and exits non-zero when it reads other values than it wrote.
# Usage: examples.sh PREFIX EXAMPLES_DIR WORK_DIR
set -euo pipefail
prefix=$1
examples=$2
work=$3
pcdir=$(dirname "$(find "$prefix" -path '*/pkgconfig/uiokit.pc' | head -1)")
libdir=$(dirname "$pcdir")
[ -f "$pcdir/uiokit.pc" ] || { echo "no uiokit.pc under $prefix" >&2; exit 1; }

cmake -S "$examples/find_package" -B "$work/find_package" -DCMAKE_PREFIX_PATH="$prefix" >"$work/fp.log" 2>&1 ||
  { cat "$work/fp.log"; exit 1; }
cmake --build "$work/find_package" >>"$work/fp.log" 2>&1 || { cat "$work/fp.log"; exit 1; }
(cd "$work/find_package" && ./sensor)
echo "find_package example: ok"

cp -r "$examples/pkg-config" "$work/pkg-config"
make -s -C "$work/pkg-config" PKG_CONFIG_PATH="$pcdir"
# A library folder outside the dynamic linker's search path must be named to it.
(cd "$work/pkg-config" && LD_LIBRARY_PATH="$libdir" ./timer)
echo "pkg-config example: ok"
