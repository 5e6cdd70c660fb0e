# SPDX-License-Identifier: MIT
# pl031-rtc refuses what the PL031 cannot hold or do, before writing anything, with the exit
# status of the failure class; and refuses a device that is not a PL031.
. /data/common.sh
$RTC set 2030-01-02T03:04:05Z || fail "set"
expect_status 68 $RTC set 2107-01-01T00:00:00Z
expect_status 68 $RTC set 1969-12-31T23:59:59Z
expect_status 65 $RTC set 2026-02-30T00:00:00Z
expect_status 64 $RTC alarm set --in 5 --match hour,minute
out=$($RTC show) || fail "show"
case "$out" in 2030-01-02T03:0[4-9]:*) echo "still $out: nothing written" ;; *) fail "a refused set changed the clock: $out" ;; esac
# Not a PL031: another cell's window (a CLCD, virt64's PL061) reads another peripheral ID; too
# small a window.
expect_status 66 $RTC_CLI -d uio:$OTHER_UIO show
$RTC_CLI -d uio:$OTHER_UIO show 2>&1 | grep -q "not a PL031" || fail "the refusal does not say why"
expect_status 64 $RTC_CLI -d mem:$BASE+0x10 show
expect_status 66 $RTC_CLI -d uio:nope show
# Held by the daemon: a second driver is refused.
start_rtcd rtc-busy
expect_status 75 $RTC show
kill -TERM $pid
wait $pid
