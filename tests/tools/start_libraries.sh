#!/bin/sh
# SPDX-License-Identifier: MIT
# What a `uiokit` program loads at start, each shared library costing every start
# (tools/README.md, "Start-up"). Usage: start_libraries.sh PROGRAM libc|none
#   libc: no shared library but libc (and the loader that loads it); fails naming any other.
#   none: a static position-independent program: no loader, no shared library, and still
#         position-independent (its addresses randomised at each start).
. "$(dirname "$0")/common.sh"
expect=$2
readelf -d "$U" > "$d/dynamic" 2>&1 || { cp "$d/dynamic" "$d/out"; fail "readelf -d $U"; }
readelf -lh "$U" > "$d/headers" 2>&1 || { cp "$d/headers" "$d/out"; fail "readelf -lh $U"; }
grep '(NEEDED)' "$d/dynamic" > "$d/out"
needed=$(sed -n 's/.*\[\(.*\)\]/\1/p' "$d/out")
case $expect in
  libc)
    [ -n "$needed" ] || fail "$U names no shared library at all (readelf found no NEEDED entry)"
    for lib in $needed; do
      case $lib in
        libc.so.*|ld-linux*.so.*) ;;
        *) fail "$U needs $lib; only libc and the loader are expected" ;;
      esac
    done
    echo "ok: $U needs" $needed ;;
  none)
    [ -z "$needed" ] || fail "$U needs $(echo $needed); it should be linked statically (-static-pie)"
    cp "$d/headers" "$d/out"
    ! grep -q 'INTERP' "$d/headers" || fail "$U names a program interpreter (a loader)"
    grep -q 'Type:.*DYN' "$d/headers" || fail "$U is not position-independent (ELF type is not DYN)"
    echo "ok: $U is static and position-independent" ;;
  *) fail "usage: start_libraries.sh PROGRAM libc|none" ;;
esac
