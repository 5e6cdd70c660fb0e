# SPDX-License-Identifier: MIT
# The tick timer at 8 Hz, counted over 3 seconds of the RTC's own clock. The stub exports the
# node's second interrupt (the tick, SPI 45) as UIO device rtc-irq1: the ticks must arrive as
# interrupts through it, not only as pending bits.
. /data/common.sh
out=$($RTC --tick-uio rtc-irq1 --json tick --rate 8 --seconds 3 --timeout 40) || fail "tick: $out"
echo "$out"
n=$(json_num ticks "$out")
irq=$(json_num by_interrupt "$out")
[ "$n" -ge 22 ] && [ "$n" -le 26 ] || fail "$n ticks in 3 RTC seconds at 8 Hz"
echo "by interrupt: $irq of $n"
[ "$irq" -ge $((n - 2)) ] || fail "only $irq of $n ticks came as interrupts through rtc-irq1"
