# SPDX-License-Identifier: MIT
# Set a time, read it back, see it advance (by the RTC's own seconds: the guest clock runs
# about twice as fast as real time on smdkc210).
. /data/common.sh
$RTC set 2026-11-22T03:40:05Z || fail "set"
first=$($RTC --json show) || fail "show"
echo "$first"
t0=$(json_num unix "$first")
[ "$t0" -ge 1795318805 ] && [ "$t0" -le 1795318807 ] || fail "read back $t0, set 1795318805"
i=0
while [ $i -lt 100 ]; do
  sleep 0.2
  now=$(json_num unix "$($RTC --json show)")
  if [ "$now" -ge $((t0 + 2)) ]; then
    echo "advanced from $t0 to $now: $($RTC show)"
    # The other ways to the same RTC: the default search, the device tree, /dev/mem.
    for how in "" "--dt-compatible" "--dt-compatible uiokit,uio-stub" "--mem 0x10070000"; do
      out=$(s3c-rtc $how --json show) || fail "s3c-rtc $how show: $out"
      echo "s3c-rtc $how: $out"
    done
    exit 0
  fi
  i=$((i + 1))
done
fail "the RTC did not advance past $t0"
