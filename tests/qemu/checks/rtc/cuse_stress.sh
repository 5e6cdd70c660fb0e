# SPDX-License-Identifier: MIT
# s3c-rtcd under load and faults: 32 clients reading and setting the time through /dev/rtc for
# 10 s get no error and no torn value; the daemon killed with SIGKILL while clients hold the
# node (one blocked in read(), others calling ioctls) leaves them with an error, not a hang (the
# check's watchdog would end a hang as a timeout); a restarted daemon serves again.
. /data/common.sh
# The daemon logs every time set; its log goes to a file, shown when something fails.
start_quiet() {
  s3c-rtcd -f --uio rtc --name rtc-load 2>>/tmp/rtcd.log &
  pid=$!
  wait_node present /dev/rtc-load || { tail /tmp/rtcd.log; fail "s3c-rtcd did not create /dev/rtc-load"; }
}
start_quiet
rtcdev-client stress /dev/rtc-load 10 32 >/tmp/stress.out ||
  { grep -v '^client' /tmp/stress.out; tail /tmp/rtcd.log; fail "32 clients for 10 s"; }
tail -1 /tmp/stress.out
awk '/ calls$/ { n += $(NF - 1) } END { print n " ioctls in all, every value read a few seconds after a time set" }' /tmp/stress.out
rtcdev-client wait /dev/rtc-load >/tmp/wait.out 2>&1 &
waiter=$!
rtcdev-client stress /dev/rtc-load 30 8 >/tmp/busy.out 2>&1 &
busy=$!
sleep 2
kill -KILL $pid
wait $pid
echo "s3c-rtcd killed (status $?)"
wait $waiter || { cat /tmp/wait.out; fail "the blocked reader did not end with an error"; }
cat /tmp/wait.out
if wait $busy; then fail "clients calling ioctls saw no error after the daemon was killed"; fi
grep FAIL /tmp/busy.out | head -2 | sed 's/^FAIL: /as expected, /'
wait_node gone /dev/rtc-load || fail "/dev/rtc-load still there after the daemon and its clients ended"
start_quiet
out=$(hwclock -u -r -f /dev/rtc-load) || fail "hwclock -r through the restarted daemon"
echo "restarted s3c-rtcd serves: $out"
kill -TERM $pid
wait $pid
