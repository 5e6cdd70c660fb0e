#!/bin/sh
# SPDX-License-Identifier: MIT
# A `uiokit` program loads no shared library but libc (and the loader that loads it): each
# one more costs every start (tools/README.md, "Start-up"). Fails naming any other it needs.
. "$(dirname "$0")/common.sh"
readelf -d "$U" > "$d/dynamic" 2>&1 || { cp "$d/dynamic" "$d/out"; fail "readelf -d $U"; }
grep '(NEEDED)' "$d/dynamic" > "$d/out"
needed=$(sed -n 's/.*\[\(.*\)\]/\1/p' "$d/out")
[ -n "$needed" ] || fail "$U names no shared library at all (readelf found no NEEDED entry)"
for lib in $needed; do
  case $lib in
    libc.so.*|ld-linux*.so.*) ;;
    *) fail "$U needs $lib; only libc and the loader are expected" ;;
  esac
done
echo "ok: $U needs" $needed
