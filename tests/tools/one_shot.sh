#!/bin/sh
# SPDX-License-Identifier: MIT
# `uiokit` answers a one-shot register access itself and hands every other command line to
# `uiokit-tool` (tools/one_shot.hpp, tools/launcher.cpp). Both must answer alike: for each
# command line below, run by each over its own copy of the same register file, the output, the
# messages, the exit status and the file afterwards must be the same. Then `uiokit` alone, with
# no uiokit-tool beside it or where an install puts it: the one-shot forms still work, and any
# other command line fails with a message naming uiokit-tool.
# Usage: one_shot.sh UIOKIT SVD_DIR UIOKIT_TOOL
. "$(dirname "$0")/common.sh"
SVD=$(realpath "$2")
TOOL=$(realpath "$3")
U=$(realpath "$U")
head -c 4096 /dev/urandom > "$d/regs.bin"

n=0
same() {
  n=$((n + 1))
  for who in uiokit tool; do
    mkdir -p "$d/$who"
    cp "$d/regs.bin" "$d/$who/r.bin"
    prog=$U; [ $who = tool ] && prog=$TOOL
    # @ in the command line stands for the register file; each program gets its own copy, in a
    # folder of its own so that messages naming the file read alike.
    (cd "$d/$who" && "$prog" $(echo "$*" | sed "s|@|$d/$who/r.bin|g") > "$d/$who.out" 2> "$d/$who.err"; echo $? > "$d/$who.rc")
    sed -i "s|$d/$who/|@/|g" "$d/$who.out" "$d/$who.err"
    cp "$d/$who/r.bin" "$d/$who.bin"
  done
  for part in out err rc bin; do
    cmp -s "$d/uiokit.$part" "$d/tool.$part" || {
      diff "$d/uiokit.$part" "$d/tool.$part" > "$d/out" 2>&1
      fail "uiokit and uiokit-tool differ ($part) on: $*"
    }
  done
}

# One-shot forms, their failures included.
same reg -d file:@ read 0x20
same reg -d file:@ read 0x20 0x24 0x0
same reg --device=file:@ -w16 read 0x22
same reg -dfile:@ --width 8 --json read 0x3
same reg -d file:@ --be read 0x20
same reg --svd $SVD/edu.svd -d file:@ read EDU.STATUS EDU.IDENT
same reg --svd $SVD/edu.svd -d file:@ --json --reset read EDU.STATUS
same reg --svd $SVD/edu.svd -d file:@ read EDU.STATUS.COMPUTING
same reg -d file:@ write 0x10 0xdeadbeef
same reg -d file:@ --json write 0x10 0x1
same reg -n -d file:@ write 0x10 0x1
same reg --svd $SVD/edu.svd -d file:@ write EDU.STATUS.IRQ_ON_DONE 1
same reg --svd $SVD/edu.svd -d file:@ write EDU.IDENT 0x1
same reg --svd $SVD/edu.svd -d file:@ read EDU.NOPE
same reg --svd $SVD/edu.svd -d file:@ read NOPE
same reg --svd $SVD/nope.svd -d file:@ read EDU.STATUS
same reg -d file:@ read 0x2000
same reg -d file:@ read 0x21
same reg -d file:@ write 0x0 0x1ffffffff
same reg -d file:@ write 0x0 zz1
same reg -d file:$d/absent.bin read 0x0
same reg -d nowhere:x read 0x0
same reg -w 12 -d file:@ read 0x0
same reg --svd $SVD/edu.svd read EDU.STATUS
same reg -d file:@ modify 0x10 --set 0x3 --clear 0x100
same reg -d file:@ -n --json modify 0x10 --set=0xf0
same reg --svd $SVD/edu.svd -d file:@ modify EDU.STATUS IRQ_ON_DONE=1
same reg --svd $SVD/edu.svd -d file:@ modify EDU.IDENT --set 0x1
same reg -d file:@ modify 0x10 --set 0x1 --clear 0x1
same reg -d file:@ dump 0x0 -l 32
same reg -d file:@ -w 16 dump --length=16 0x8
same reg -d file:@ --json dump 0x0 -l8
same reg --svd $SVD/edu.svd -d file:@ dump
same reg --svd $SVD/edu.svd -d file:@ --reset dump EDU.STATUS
same reg --svd $SVD/edu.svd -d file:@+0+0x10 dump EDU
same reg -d file:@ dump 0x2000
# Left to uiokit-tool: the same answers through the exec.
same reg -d file:@ dump 0x0 -l 0x20
same reg -d file:@ modify --set 1 0x0
same reg --svd $SVD/edu.svd -d file:@ snapshot
same reg -d file:@ read 0x0 --json
same reg -d file:@ read -1
same reg -d file:@ read list
same reg -d file:@ read 0x20 dump
same reg -d file:@ -d file:@ read 0x0
same reg --width 0x10 -d file:@ read 0x0
same reg -d file:@ read
same reg -d file:@ write 0x0
same reg -d gdb:127.0.0.1:1:mem:0x0 read 0x0
same reg --help
same --version
same nosuch
echo "ok: $n command lines answered alike"

# uiokit alone.
mkdir "$d/alone"
cp "$U" "$d/alone/uiokit"
cp "$d/regs.bin" "$d/alone.bin"
"$d/alone/uiokit" reg -d "file:$d/alone.bin" read 0x20 > "$d/out" 2>&1 || fail "a one-shot read needed uiokit-tool"
"$TOOL" reg -d "file:$d/alone.bin" read 0x20 | cmp -s - "$d/out" || fail "uiokit alone read otherwise than uiokit-tool"
"$d/alone/uiokit" reg --svd "$SVD/edu.svd" -d "file:$d/alone.bin" write EDU.STATUS.IRQ_ON_DONE 0 > "$d/out" 2>&1 ||
  fail "a one-shot write needed uiokit-tool"
"$d/alone/uiokit" reg -d "file:$d/alone.bin" dump 0x0 -l 16 > "$d/out" 2>&1 || fail "a one-shot dump needed uiokit-tool"
# A GDB stub is reached by uiokit-tool only: the front end links no client for it.
"$d/alone/uiokit" reg -d gdb:127.0.0.1:1:mem:0x0 read 0x0 > "$d/out" 2>&1 && fail "a gdb: read ran without uiokit-tool"
grep -q 'uiokit: .*uiokit-tool' "$d/out" || fail "a gdb: read without uiokit-tool does not name it"
"$d/alone/uiokit" --version > "$d/out" 2>&1 && fail "--version ran without uiokit-tool"
grep -q 'uiokit: .*uiokit-tool' "$d/out" || fail "the message does not name uiokit-tool"
echo "ok: one-shot forms run without uiokit-tool; others say it is missing:"
cat "$d/out"
