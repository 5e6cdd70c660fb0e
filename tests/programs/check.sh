#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks the command-line conventions of every program listed in PROGRAMS_TSV (lines of
# name, path, bash completion file and command lines that print JSON, tab-separated). Usage: check.sh PROGRAMS_TSV VERSION
set -uo pipefail
tsv=$1
version=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -c 4096 /dev/zero >"$work/regs.bin"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

while IFS=$'\t' read -r name path completion jsons; do
  [ -n "$name" ] || continue
  out=$("$path" --version 2>"$work/err"); rc=$?
  [ "$rc" -eq 0 ] && [ "$out" = "$name $version" ] || fail "$name --version: exit $rc, printed '$out' (want '$name $version')"
  out=$("$path" --help 2>"$work/err"); rc=$?
  [ "$rc" -eq 0 ] && grep -q "^Usage: $name " <<<"$out" || fail "$name --help: exit $rc, no 'Usage: $name' line"
  out=$("$path" --no-such-option 2>"$work/err"); rc=$?
  [ "$rc" -eq 64 ] || fail "$name --no-such-option: exit $rc, want 64 (EX_USAGE)"
  [ -z "$out" ] && [ -s "$work/err" ] || fail "$name --no-such-option: the message must be on stderr only"
  # The completion offers the options --help lists, for the program found first on PATH.
  offered=$(PATH="$(dirname "$path"):$PATH" bash -c 'source "$1"; f=$(complete -p "$2" | awk "{print \$3}")
    COMP_WORDS=("$2" --); COMP_CWORD=1; "$f"; echo "${COMPREPLY[*]}"' _ "$completion" "$name" 2>&1)
  [[ " $offered " == *" --help "* && " $offered " == *" --version "* ]] ||
    fail "$name: its completion offers '$offered' for --, not --help and --version"
  IFS=$'\t' read -r -a cmds <<<"$jsons"
  for cmd in "${cmds[@]}"; do
    read -r -a args <<<"${cmd//\{file\}/$work/regs.bin}"
    "$path" "${args[@]}" >"$work/out" 2>"$work/err"; rc=$?
    if [ "$rc" -ne 0 ]; then
      fail "$name $cmd: exit $rc: $(cat "$work/err")"
    elif ! python3 -m json.tool "$work/out" >/dev/null 2>"$work/err"; then
      fail "$name $cmd: output is not JSON: $(head -c 200 "$work/out")"
    fi
  done
  echo "checked $name (--version, --help, usage error, completion, ${#cmds[@]} JSON command lines)"
done <"$tsv"
[ "$failures" -eq 0 ]
