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
    # The other ways to the same RTC: the default search, device addresses (the device tree
    # through UIO and through /dev/mem, /dev/mem), the driver's shorthands or the node by its
    # compatible; each reads the same clock.
    ways="default|-d uio:$UIO|-d dt:$DT_NODE|-d dt:$DT_NODE:mem|-d mem:$MEM${SHORTHANDS:+|$SHORTHANDS}"
    IFS='|'
    for how in $ways; do
      IFS=' '
      [ "$how" = default ] && how=""
      out=$($RTC_CLI $how --json show) || fail "$RTC_CLI $how show: $out"
      echo "$RTC_CLI $how: $out"
      t=$(json_num unix "$out")
      [ "$t" -ge "$t0" ] && [ "$t" -le $((now + 30)) ] || fail "$RTC_CLI $how read $t, not $t0..$((now + 30))"
    done
    IFS=' '
    # A dt: node that uio_stub exports is opened through its UIO device (the interrupt comes
    # with it); :mem asks for /dev/mem.
    $RTC_CLI -d dt:$DT_NODE --json show | grep -q '"device":"uio' || fail "dt: did not go through UIO"
    $RTC_CLI -d dt:$DT_NODE:mem --json show | grep -q '/dev/mem' || fail "dt:...:mem did not use /dev/mem"
    exit 0
  fi
  i=$((i + 1))
done
fail "the RTC did not advance past $t0"
