# SPDX-License-Identifier: MIT
# Shared by the RTC guest checks: s3c-rtc on the UIO device the stub exports, status helpers.
RTC="s3c-rtc --uio rtc"
fail() { echo "FAIL: $*"; exit 1; }
# expect_status <status> <command...>: runs it, shows its output, fails unless it exits so.
expect_status() {
  want=$1
  shift
  "$@"
  got=$?
  [ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want"
  echo "ok: '$*' exited $got"
}
# json_num <key> <json>: a number from a one-line JSON object (no jq in busybox).
json_num() { echo "$2" | sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
# start_rtcd <name>: s3c-rtcd in the foreground on the stub's RTC, in the background of this
# script ($pid); fails unless /dev/<name> appears within 5 s.
start_rtcd() {
  s3c-rtcd -f --uio rtc --name "$1" &
  pid=$!
  wait_node present "/dev/$1" || fail "s3c-rtcd did not create /dev/$1"
}
# wait_node present|gone <path>: up to 5 s for the node to appear or go; status says if it did.
wait_node() {
  n=0
  while [ $n -lt 50 ]; do
    if [ "$1" = present ]; then [ -e "$2" ] && return 0; else [ -e "$2" ] || return 0; fi
    sleep 0.1
    n=$((n + 1))
  done
  return 1
}
