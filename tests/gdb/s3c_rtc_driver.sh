#!/bin/sh
# SPDX-License-Identifier: MIT
# smdkc210 paused at reset: the RTC driver itself (s3c-rtc, over a gdb: device address) reads the
# Exynos RTC's time, which QEMU starts from the host's, within 2 s; and a set is refused before
# any write when the date does not exist. Usage: s3c_rtc_driver.sh UIOKIT SVD_DIR S3C_RTC
. "$(dirname "$0")/common.sh"
RTC=$3
start_board smdkc210
A="gdb:unix:$SOCK:mem:0x10070000+0x100"
set +e
OUT=$("$RTC" -d "$A" --json show 2>&1)
STATUS=$?
set -e
[ "$STATUS" -eq 0 ] || fail "s3c-rtc show exited $STATUS: $OUT"
python3 - "$OUT" <<'PY' || fail "the driver's time is not the host's: $OUT"
import calendar, json, sys, time
j = json.loads(sys.argv[1])
t = calendar.timegm(time.strptime(j["time"], "%Y-%m-%dT%H:%M:%SZ"))
print("driver %s, host %s" % (j["time"], time.strftime("%FT%TZ", time.gmtime())))
sys.exit(0 if abs(t - time.time()) <= 2 else 1)
PY
set +e
OUT=$("$RTC" -d "$A" set 2026-04-31T00:00:00Z 2>&1)
STATUS=$?
set -e
[ "$STATUS" -eq 65 ] || fail "31 April: exit $STATUS, not 65: $OUT"
echo "$OUT" | grep -q "31 April" || fail "the refusal does not name the date: $OUT"
echo "PASS: s3c-rtc over GDB"
