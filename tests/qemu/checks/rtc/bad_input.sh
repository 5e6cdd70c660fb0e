# SPDX-License-Identifier: MIT
# Every failure class has its own exit status, and a refused set leaves the RTC untouched.
. /data/common.sh
$RTC set 2030-01-02T03:04:05Z || fail "set"
expect_status 65 $RTC set 2026-04-31T00:00:00Z
expect_status 65 $RTC set 2100-02-29T00:00:00Z
expect_status 65 $RTC set not-a-time
expect_status 68 $RTC set 2900-01-01T00:00:00Z
# Years as Linux's rtc-s3c counts them (2000 plus two BCD digits), both ends refused outside.
expect_status 68 $RTC set 2100-01-01T00:00:00Z
expect_status 68 $RTC set 1999-12-31T23:59:59Z
out=$($RTC set 2100-01-01T00:00:00Z 2>&1)
echo "$out" | grep -q "2000..2099" || fail "the refusal does not name the range: $out"
expect_status 68 s3c-rtc --uio rtc --variant s3c2410 set 2100-01-01T00:00:00Z
expect_status 66 s3c-rtc --uio no-such-rtc show
expect_status 64 s3c-rtc --uio rtc frobnicate
t=$(json_num unix "$($RTC --json show)")
[ "$t" -ge 1893553445 ] && [ "$t" -le 1893553460 ] || fail "a refused set changed the RTC (now $t)"
# Three digits only when asked: 2150 reads back as 2150 that way, and as 2050 through the
# kernel's two-digit reading, which is what the option's help warns of.
s3c-rtc --uio rtc --years-1900-2899 set 2150-06-01T00:00:00Z || fail "set 2150 with --years-1900-2899"
out=$(s3c-rtc --uio rtc --years-1900-2899 show) || fail "show (three digits)"
case "$out" in 2150-06-01T00:00:0*) ;; *) fail "2150 read back as $out" ;; esac
out=$($RTC show) || fail "show (two digits)"
case "$out" in 2050-06-01T00:00:0*) ;; *) fail "the two-digit reading of 2150 is $out, not 2050" ;; esac
echo "2150 set with three digits reads as $out with two, as rtc-s3c would"
$RTC set 2030-01-02T03:04:05Z || fail "set back"
$RTC alarm clear
expect_status 124 $RTC alarm wait --timeout 2
# Garbage in the month counter (QEMU keeps what is written: 0x13 reads back as 0x13).
command -v devmem >/dev/null || fail "no devmem in the guest's busybox: cannot write garbage BCD"
devmem 0x10070084 32 0x13
expect_status 70 $RTC show
$RTC set 2030-01-02T03:04:05Z || fail "set after garbage"
# Held by another process: the daemon owns the UIO device.
start_rtcd rtc-busy
expect_status 75 $RTC show
kill -TERM $pid
wait $pid
