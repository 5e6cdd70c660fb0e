#!/bin/sh
# SPDX-License-Identifier: MIT
# fb_card.sh TAG VIA MODE FORMAT PATTERN DUMPDEV DISPLAY-OPTIONS...
# One screendump check, in the guest: set MODE in FORMAT through the named driver path, read the
# mode back from the device's registers, draw PATTERN with TAG as its label into the page not
# shown and flip to it, and ask the host for a screendump (DUMPDEV "-": QEMU's console 0).
# The host test qemu.<board>.fb.verify.TAG then compares every pixel (uiokit-fb verify).
tag=$1 via=$2 mode=$3 format=$4 pattern=$5 dev=$6
shift 6
[ "$dev" = - ] && dev=
fb() { uiokit-fb "$@"; }

out=$(fb "$@" mode "$mode" --format "$format") || exit 1
echo "$out"
case "$out" in
  *" via $via") ;;
  *) echo "FAIL: the mode was set via another path than $via"; exit 1 ;;
esac
fb "$@" pattern "$pattern" --label "$tag" || exit 1
info=$(fb "$@" info) || exit 1
echo "$info" | grep -E '^(display|via|mode):'
# A bochs-display's framebuffer through sysfs goes through resource0_wc wherever the kernel has
# one (Normal non-cacheable on arm64: devices/fb/README.md, memory attributes).
map=$(echo "$info" | sed -n 's/^  framebuffer map *//p')
[ -n "$map" ] && echo "framebuffer map: $map"
case "$via:$map" in
  sysfs:resource0\ *) [ -e "$(echo "$map" | sed 's/.*(\(.*\))$/\1/')_wc" ] &&
    { echo "FAIL: the framebuffer is mapped through resource0 although resource0_wc exists"; exit 1; } ;;
esac
echo "$info" | grep -q "^mode: $mode $format," || { echo "FAIL: the device reads back another mode"; exit 1; }
uiokit-screendump "$tag" $dev
