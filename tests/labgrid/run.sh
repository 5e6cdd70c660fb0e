#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh BUILD BOARD: the board's guest checks through labgrid (labgrid_env.py, then pytest with
# labgrid's plugin). Exits with pytest's status: 0 when every check passed or skipped itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
board=$2
py=/usr/bin/python3
"$py" -c 'import labgrid' 2>/dev/null ||
  { echo "run.sh: labgrid is missing (Debian package python3-labgrid; scripts/install-deps.sh installs it)" >&2; exit 1; }
out=$build/labgrid/$board
rm -rf "$out"
"$py" "$here/labgrid_env.py" --config "$build/qemu/$board.json" --out "$out"
cd "$out"
UIOKIT_LABGRID_DIR=$out exec "$py" -m pytest -q -p no:cacheprovider "$here/test_guest_checks.py" --lg-env "$out/env.yaml" \
  --junitxml "$out/results.xml"
