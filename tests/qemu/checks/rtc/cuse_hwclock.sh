# SPDX-License-Identifier: MIT
# busybox hwclock through the driver's daemon (CUSE): -r prints the time our driver set, -w sets the RTC,
# which our CLI then reads. SIGTERM removes the device; the same detached.
. /data/common.sh
$RTC set 2031-05-06T07:08:09Z || fail "set"
start_rtcd $NODE
ls -l /dev/$NODE
out=$(hwclock -u -r -f /dev/$NODE) || fail "hwclock -r"
echo "hwclock -r: $out"
echo "$out" | grep -q "May  6 07:08:" || fail "hwclock did not print the time we set"
date -u -s "2032-01-02 03:04:05" >/dev/null || fail "date -s"
hwclock -u -w -f /dev/$NODE || fail "hwclock -w"
echo "hwclock -r after -w: $(hwclock -u -r -f /dev/$NODE)"
kill -TERM $pid
wait $pid
st=$?
echo "$RTCD exited $st"
[ "$st" -eq 0 ] || fail "$RTCD exited $st after SIGTERM"
[ ! -e /dev/$NODE ] || fail "/dev/$NODE still there after SIGTERM"
out=$($RTC show) || fail "show"
echo "$RTC_CLI show: $out"
case "$out" in 2032-01-02T03:0[4-9]:*) ;; *) fail "hwclock -w did not reach the RTC" ;; esac
# Detached: the command returns once the node exists, the daemon lives on and logs to syslog.
$RTCD -d uio:$UIO --name rtc-bg || fail "$RTCD (detached) exited $?"
[ -e /dev/rtc-bg ] || fail "detached $RTCD returned before /dev/rtc-bg existed"
bg=$(pidof $RTCD) || fail "no detached $RTCD running"
out=$(hwclock -u -r -f /dev/rtc-bg) || fail "hwclock -r through the detached daemon"
echo "detached $RTCD: pid $bg; hwclock -r: $out"
echo "$out" | grep -q "Jan  2 03:0" || fail "hwclock -r through the detached daemon: not the time set"
kill -TERM $bg
wait_node gone /dev/rtc-bg || fail "/dev/rtc-bg still there after SIGTERM to the detached daemon"
echo "detached $RTCD stopped, node removed"
