#!/bin/sh
# SPDX-License-Identifier: MIT
# `uiokit reg watch` over a file: a second process changes fields; watch prints each change with
# the fields that changed and stops when --until holds (exit 0); a condition that never holds
# ends at --timeout with exit 124; a register whose read has side effects is refused.
# Usage: reg_watch.sh UIOKIT SVD_DIR
. "$(dirname "$0")/common.sh"
SVD=$2/s3c-rtc.svd
head -c 256 /dev/zero > "$d/rtc.bin"
R="$U reg --svd $SVD -d file:$d/rtc.bin+0+0x100"

# Waits (up to 10 s) until watch has printed a line matching $1.
seen() {
  i=0
  until grep -q "$1" "$d/out"; do
    i=$((i + 1)); [ $i -lt 500 ] || fail "watch did not print $1"; sleep 0.02
  done
}

$R watch RTCCON --until RTCCON.TICEN==1 --interval 20 --timeout 20 > "$d/out" 2>&1 &
pid=$!
seen 'RTC.RTCCON '
$R write RTCCON.TICCKSEL hz2 > /dev/null || fail "write"
seen 'TICCKSEL.*->'
$R write RTCCON.TICEN 1 > /dev/null || fail "write"
wait $pid; rc=$?
cat "$d/out"
[ $rc -eq 0 ] || fail "watch exit $rc, expected 0"
grep -q 'RTC.RTCCON  0x00000000 -> 0x000000e0' "$d/out" || fail "no change line for TICCKSEL"
grep -q 'RTC.RTCCON.TICCKSEL *\[7:4\]  0x0 (hz32768) -> 0xe (hz2)' "$d/out" || fail "TICCKSEL not decoded"
grep -q 'RTC.RTCCON.TICEN *\[8\]  0x0 -> 0x1' "$d/out" || fail "TICEN not decoded"
grep -q 'RTCCON.TICEN==1: met' "$d/out" || fail "condition not reported"
[ "$(grep -c ' -> ' "$d/out")" -eq 4 ] || fail "expected two changes of one field each"

# Two targets, stopped by --count after two changes: one in each register, each change line
# stamped with the UTC time (ISO 8601, milliseconds).
$R watch RTCCON TICCNT --count 2 --interval 20 --timeout 20 > "$d/out" 2>&1 &
pid=$!
seen 'RTC.TICCNT '
$R write TICCNT 0x20 > /dev/null || fail "write"
seen 'RTC.TICCNT  0x00000000 -> 0x00000020'
$R write RTCCON.TICEN 0 > /dev/null || fail "write"
wait $pid; rc=$?
cat "$d/out"
[ $rc -eq 0 ] || fail "watch --count 2: exit $rc, expected 0"
stamp='20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\.[0-9][0-9][0-9]Z'
grep -q "^$stamp  RTC.TICCNT  0x00000000 -> 0x00000020\$" "$d/out" || fail "no stamped change line for TICCNT"
grep -q "^$stamp  RTC.RTCCON  0x000001e0 -> 0x000000e0\$" "$d/out" || fail "no stamped change line for RTCCON"
[ "$(grep -c '^20.*  RTC\.[A-Z]*  0x[0-9a-f]* -> ' "$d/out")" -eq 2 ] || fail "--count 2 did not stop after two changes"

$R watch RTCCON --count 1 --timeout 0.3 > "$d/out" 2>&1; rc=$?
[ $rc -eq 124 ] || fail "a count never reached: exit $rc, expected 124"
$R write RTCCON.TICEN 1 > /dev/null || fail "write"

$R watch RTCCON --until RTCCON.TICEN==0 --timeout 0.3 > "$d/out" 2>&1; rc=$?
[ $rc -eq 124 ] || fail "a condition that never holds: exit $rc, expected 124"
grep -q 'TICEN==0 did not hold' "$d/out" || fail "timeout message"

cat > "$d/ra.svd" <<'SVD'
<device schemaVersion="1.3"><name>ra</name><addressUnitBits>8</addressUnitBits><width>32</width>
<peripherals><peripheral><name>U</name><baseAddress>0</baseAddress>
<addressBlock><offset>0</offset><size>0x10</size><usage>registers</usage></addressBlock><registers>
<register><name>DATA</name><addressOffset>0</addressOffset><size>32</size><readAction>clear</readAction></register>
</registers></peripheral></peripherals></device>
SVD
$U reg --svd "$d/ra.svd" -d "file:$d/rtc.bin+0+0x10" watch DATA --timeout 0.1 > "$d/out" 2>&1; rc=$?
[ $rc -eq 64 ] || fail "a readAction register without --force: exit $rc, expected 64"
$U reg --svd "$d/ra.svd" -d "file:$d/rtc.bin+0+0x10" --force watch DATA --timeout 0.1 > "$d/out" 2>&1 || fail "--force"
echo PASS
