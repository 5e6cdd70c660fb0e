# SPDX-License-Identifier: MIT
# The PL031 driver and the kernel's rtc-pl031 agree on the same cell: what one writes, the other
# reads back. The cell is an AMBA device (dts/overlays/vexpress-pl031.dtso keeps its compatible)
# that /init gave to uio_stub; here it goes to rtc-pl031 and back, by driver_override.
#   1. pl031-rtc sets a time and an alarm; rtc-pl031 must read both (sysfs, util-linux hwclock).
#   2. Debian's hwclock sets another time through rtc-pl031; pl031-rtc must read it. (Before
#      2038: armhf's util-linux has a 32-bit time_t and refuses later dates.)
# The cell is left on uio_stub whatever happens, for the checks after this one.
. /data/common.sh
HW=/usr/sbin/hwclock.util-linux
[ -x $HW ] || fail "no util-linux hwclock in the guest (tests/qemu/riglib/debprograms.py)"
dev=
for d in /sys/bus/amba/devices/*; do
  [ "$(cat "$d/of_node/uiokit,uio-name" 2>/dev/null | tr -d '\0')" = "$UIO" ] && dev=$d
done
[ -n "$dev" ] || fail "no AMBA device carries uiokit,uio-name \"$UIO\""
n=${dev##*/}
# bind <driver>: moves the cell to that driver; fails unless it is bound to it afterwards.
bind() {
  [ -e "$dev/driver" ] && echo "$n" >"$dev/driver/unbind"
  echo "$1" >"$dev/driver_override"
  echo "$n" >/sys/bus/amba/drivers_probe 2>/dev/null
  got=$(basename "$(readlink "$dev/driver")")
  [ "$got" = "$1" ] || fail "$n is bound to '$got', not $1"
  echo "$n: bound to $1"
}
trap 'bind uio_stub >/dev/null' EXIT
# kernel_rtc: the /dev/rtcN that rtc-pl031 registered for this cell.
kernel_rtc() {
  for r in /sys/class/rtc/rtc*; do
    [ "$(readlink -f "$r/device")" = "$(readlink -f "$dev")" ] && { echo "${r##*/}"; return; }
  done
  fail "rtc-pl031 registered no RTC for $n"
}

[ "$(basename "$(readlink "$dev/driver")")" = uio_stub ] || fail "$n is not on uio_stub at the start"
$RTC set 2031-05-06T07:08:09Z || fail "$RTC_CLI set"
$RTC alarm set 2031-05-06T08:00:00Z || fail "$RTC_CLI alarm set"
bind rtc-pl031
rtc=$(kernel_rtc)
echo "rtc-pl031 registered $rtc: $(cat /sys/class/rtc/$rtc/name)"
secs=$(cat /sys/class/rtc/$rtc/since_epoch)
want=$(date -u -d '2031-05-06 07:08:09' +%s)
echo "rtc-pl031 since_epoch $secs, $RTC_CLI wrote $want"
[ $((secs - want)) -ge 0 ] && [ $((secs - want)) -le 5 ] || fail "rtc-pl031 reads $secs, not $want (+5 s)"
out=$($HW --utc --noadjfile --rtc=/dev/$rtc --show 2>&1) || fail "hwclock --show through rtc-pl031 exited $?: $out"
echo "hwclock through rtc-pl031: $out"
echo "$out" | grep -q "^2031-05-06 07:0[89]:" || fail "hwclock through rtc-pl031 does not read 2031-05-06 07:08"
alarm=$(cat /sys/class/rtc/$rtc/wakealarm)
want=$(date -u -d '2031-05-06 08:00:00' +%s)
echo "rtc-pl031 wakealarm $alarm, $RTC_CLI set $want"
[ "$alarm" = "$want" ] || fail "rtc-pl031 reads the alarm as '$alarm', not $want"

$HW --utc --noadjfile --rtc=/dev/$rtc --set --date '2034-07-08 09:10:11' || fail "hwclock --set through rtc-pl031 exited $?"
bind uio_stub
out=$($RTC show) || fail "$RTC_CLI show"
echo "$RTC_CLI after hwclock --set through rtc-pl031: $out"
case "$out" in 2034-07-08T09:1[0-5]:*) ;; *) fail "$RTC_CLI does not read what rtc-pl031 wrote: $out" ;; esac
echo "pl031-rtc and rtc-pl031 read each other's time, and the kernel reads our alarm"
