#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the build tree's libraries and development files into a temporary prefix and builds
# the example projects against it (examples.sh). Usage: check.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for component in lib dev; do
  cmake --install "$build" --prefix "$work/prefix" --component "$component" >/dev/null
done
bash "$src/tests/install/examples.sh" "$work/prefix" "$src/examples" "$work"
