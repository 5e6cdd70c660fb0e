#!/bin/sh
# SPDX-License-Identifier: MIT
# smdkc210 paused at reset: the Exynos RTC's BCD time registers, read by name over GDB, hold the
# host's time (QEMU's RTC starts from it) within 2 s. BCDYEAR is years since 1900 in three digits.
. "$(dirname "$0")/common.sh"
start_board smdkc210
reg --svd "$SVD_DIR/s3c-rtc.svd" -d "gdb:unix:$SOCK:mem:0x10070000+0x100" --json \
  read BCDSEC BCDMIN BCDHOUR BCDDAY BCDMON BCDYEAR
[ "$STATUS" -eq 0 ] || fail "read exited $STATUS: $OUT"
python3 - "$OUT" <<'PY' || fail "the RTC's time is not the host's: $OUT"
import calendar, json, sys, time
regs = {r["name"].split(".")[-1]: r["value"] for r in json.loads(sys.argv[1])}
bcd = lambda v: int("%x" % v)
t = calendar.timegm((1900 + bcd(regs["BCDYEAR"]), bcd(regs["BCDMON"]), bcd(regs["BCDDAY"]),
                     bcd(regs["BCDHOUR"]), bcd(regs["BCDMIN"]), bcd(regs["BCDSEC"])))
print("RTC %s, host %s" % (time.strftime("%F %T", time.gmtime(t)), time.strftime("%F %T", time.gmtime())))
sys.exit(0 if abs(t - time.time()) <= 2 else 1)
PY
echo "PASS: Exynos RTC time over GDB"
