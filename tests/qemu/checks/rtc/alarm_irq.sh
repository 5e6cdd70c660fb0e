# SPDX-License-Identifier: MIT
# An alarm 3 seconds ahead (on the S3C the seconds field only: QEMU's model raises the alarm
# when any enabled field matches) fires the RTC's alarm interrupt through the stub's UIO device.
. /data/common.sh
before=$(grep -i uio /proc/interrupts)
$RTC alarm set --in 3 $ALARM_MATCH || fail "alarm set"
$RTC alarm show
out=$($RTC alarm wait --timeout 20) || fail "alarm wait: $out"
echo "$out"
echo "$out" | grep -q "(interrupt through" || fail "the alarm was not announced by the interrupt"
echo "before: $before"
echo "after:  $(grep -i uio /proc/interrupts)"
$RTC alarm clear
