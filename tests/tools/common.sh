# SPDX-License-Identifier: MIT
# Sourced by the scripts here: $U is the uiokit program, $d a scratch folder removed on exit,
# fail MESSAGE prints the message and the last output ($d/out) and exits 1.
set -u
U=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; cat "$d/out" 2>/dev/null; exit 1; }
