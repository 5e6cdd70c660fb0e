# SPDX-License-Identifier: MIT
# Read back to back across a minute and an hour boundary: every reading must follow the last.
. /data/common.sh
$RTC set 2026-12-31T23:59:57Z || fail "set"
out=$($RTC --json watch --seconds 5) || fail "watch: $out"
echo "$out"
[ "$(json_num minute_edges "$out")" -ge 1 ] || fail "no minute edge crossed"
echo "year now: $($RTC show)"
