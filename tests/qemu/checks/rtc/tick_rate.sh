# The tick timer at 8 Hz, counted over 3 seconds of the RTC's own clock.
. /data/common.sh
out=$($RTC --json tick --rate 8 --seconds 3 --timeout 40) || fail "tick: $out"
echo "$out"
n=$(json_num ticks "$out")
[ "$n" -ge 22 ] && [ "$n" -le 26 ] || fail "$n ticks in 3 RTC seconds at 8 Hz"
echo "by interrupt: $(json_num by_interrupt "$out") of $n"
