# SPDX-License-Identifier: MIT
# Debian's own hwclock (util-linux, dynamically linked, from the guest architecture's packages)
# through the driver's daemon, with its default method: RTC_UIE_ON, select() for the update
# interrupt, then RTC_RD_TIME. It must not fall back to polling, which it does when update
# events fail. Then --systohc sets the RTC through the daemon, which the CLI reads back.
. /data/common.sh
HW=/usr/sbin/hwclock.util-linux
[ -x $HW ] || fail "no util-linux hwclock in the guest (tests/qemu/riglib/debprograms.py)"
$RTC set 2031-05-06T07:08:09Z || fail "set"
start_rtcd $NODE
out=$($HW --verbose --utc --noadjfile --rtc=/dev/$NODE --show 2>&1) || fail "hwclock --show exited $?: $out"
echo "$out"
echo "$out" | grep -q "Using the rtc interface to the clock" || fail "hwclock did not use the rtc interface"
echo "$out" | grep -q "Waiting in loop" && fail "hwclock polled: the daemon's update interrupt (RTC_UIE_ON, select) did not work"
echo "$out" | grep -q "^\.\.\.got clock tick" || fail "hwclock saw no clock tick"
echo "$out" | grep -q "Time read from Hardware Clock: 2031/05/06 07:08:[01][0-9]" || fail "hwclock did not read the time we set"
date -u -s "2033-03-04 05:06:07" >/dev/null || fail "date -s"
$HW --utc --noadjfile --rtc=/dev/$NODE --systohc || fail "hwclock --systohc exited $?"
kill -TERM $pid
wait $pid
out=$($RTC show) || fail "show"
echo "$RTC_CLI show after hwclock --systohc: $out"
case "$out" in 2033-03-04T05:0[6-9]:*) ;; *) fail "hwclock --systohc did not reach the RTC: $out" ;; esac
