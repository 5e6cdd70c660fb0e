#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the build tree into a temporary prefix and builds a consumer against it twice:
# with find_package(uiokit) and with pkg-config. Usage: check.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" --component dev >/dev/null
cmake -S "$src/consumer" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/cmake" >/dev/null
"$work/cmake/consumer"
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig:$(ls -d "$work"/prefix/lib/*/pkgconfig 2>/dev/null | tr '\n' ':')"
# shellcheck disable=SC2046
c++ -o "$work/pc-consumer" "$src/consumer/main.cpp" $(pkg-config --define-variable=prefix="$work/prefix" --cflags --libs --static uiokit)
"$work/pc-consumer"
echo "installed package works through find_package(uiokit) and pkg-config"
