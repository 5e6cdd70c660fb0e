# SPDX-License-Identifier: MIT
# /dev/rtc semantics through s3c-rtcd beyond hwclock: update and alarm events through read()
# and poll(), EAGAIN, ENOTTY, EINVAL and ERANGE. QEMU's model fires the alarm when any enabled field
# matches, so the legacy (hour, minute, second) alarm fires early there: the check proves the
# event path, not the comparator.
. /data/common.sh
$RTC set 2031-05-06T07:08:09Z || fail "set"
start_rtcd rtc-ev
rtcdev-client uie /dev/rtc-ev || fail "update events"
rtcdev-client poll /dev/rtc-ev || fail "poll"
rtcdev-client alarm /dev/rtc-ev 3 || fail "alarm event"
rtcdev-client errors /dev/rtc-ev || fail "error codes"
kill -TERM $pid
wait $pid
[ ! -e /dev/rtc-ev ] || fail "/dev/rtc-ev still there after SIGTERM"
echo "s3c-rtcd stopped, node removed"
