# SPDX-License-Identifier: MIT
# systohc and hctosys between the guest's system clock and the RTC, each checked from the other
# side: the RTC read back after systohc, the system clock (date) after hctosys. Tolerances allow
# for the guest clock running about twice as fast as the RTC on smdkc210.
. /data/common.sh
sys_t=1936773000  # 2031-05-17T08:30:00Z
date -u -s "2031-05-17 08:30:00" >/dev/null || fail "date -s (the check needs to set the system clock)"
out=$($RTC --json systohc) || fail "systohc: $out"
echo "systohc: $out"
rtc_t=$(json_num unix "$($RTC --json show)")
[ "$rtc_t" -ge "$sys_t" ] && [ "$rtc_t" -le $((sys_t + 6)) ] || fail "RTC reads $rtc_t after systohc at $sys_t"
echo "ok: the RTC took the system time ($rtc_t, set at $sys_t)"

hc_t=1864785906  # 2029-02-03T04:05:06Z
$RTC set 2029-02-03T04:05:06Z >/dev/null || fail "set"
out=$($RTC --json hctosys) || fail "hctosys: $out"
echo "hctosys: $out"
now=$(date -u +%s)
[ "$now" -ge "$hc_t" ] && [ "$now" -le $((hc_t + 6)) ] || fail "system clock reads $now after hctosys from $hc_t"
echo "ok: the system clock took the RTC's time ($(date -u), $now)"
