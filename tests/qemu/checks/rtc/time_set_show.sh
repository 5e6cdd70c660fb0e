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
    # The other ways to the same RTC: the default search, the device tree, /dev/mem, and the
    # device addresses; each reads the same clock.
    for how in "" "--dt-compatible" "--dt-compatible uiokit,uio-stub" "--mem 0x10070000" "-d uio:rtc" \
               "-d dt:/soc/rtc@10070000" "-d dt:/soc/rtc@10070000:mem" "-d mem:0x10070000+0x100"; do
      out=$(s3c-rtc $how --json show) || fail "s3c-rtc $how show: $out"
      echo "s3c-rtc $how: $out"
      t=$(json_num unix "$out")
      [ "$t" -ge "$t0" ] && [ "$t" -le $((now + 30)) ] || fail "s3c-rtc $how read $t, not $t0..$((now + 30))"
    done
    # A dt: node that uio_stub exports is opened through its UIO device (the interrupt comes
    # with it); :mem asks for /dev/mem.
    s3c-rtc -d dt:/soc/rtc@10070000 --json show | grep -q '"device":"uio' || fail "dt: did not go through UIO"
    s3c-rtc -d dt:/soc/rtc@10070000:mem --json show | grep -q '/dev/mem' || fail "dt:...:mem did not use /dev/mem"
    exit 0
  fi
  i=$((i + 1))
done
fail "the RTC did not advance past $t0"
