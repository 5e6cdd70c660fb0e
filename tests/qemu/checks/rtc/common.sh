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
