#!/bin/sh
# SPDX-License-Identifier: MIT
# `uiokit reg snapshot | diff | restore` over a file holding the s3c-rtc registers: the snapshot
# names the device and decodes fields; diff finds exactly the changed field (against the file
# now and between two snapshots); restore writes back the changed writable register, leaves the
# w1c-only INTP and the read-only CURTICCNT alone, writes nothing with --dry-run, and refuses a
# snapshot of another device.
# Usage: reg_snapshot_restore.sh UIOKIT SVD_DIR
. "$(dirname "$0")/common.sh"
head -c 256 /dev/zero > "$d/rtc.bin"
A="file:$d/rtc.bin+0+0x100"
R="$U reg --svd $2/s3c-rtc.svd -d $A"

$R write RTCCON 0x31 > /dev/null && $R write INTP 0x3 > /dev/null || fail "setup writes"
$R snapshot -o "$d/s1.json" > "$d/out" || fail "snapshot"
grep -q '"name": "s3c-rtc"' "$d/s1.json" || fail "device name"
grep -q '"name": "RTC.RTCCON"' "$d/s1.json" || fail "RTCCON in the snapshot"
grep -q '"enum": "hz4096"' "$d/s1.json" || fail "decoded field"
grep -q '"address": 268894272' "$d/s1.json" || fail "RTCCON's SVD address 0x10070040"

$R write RTCCON.TICCKSEL hz1024 > /dev/null || fail "write"
$R diff "$d/s1.json" > "$d/out" || fail "diff against the device"
cat "$d/out"
[ "$(cat "$d/out")" = "RTC.RTCCON.TICCKSEL              [7:4]  0x3 (hz4096) -> 0x5 (hz1024)
1 difference" ] || fail "diff against the device"
$R snapshot > "$d/s2.json" || fail "second snapshot"
$U reg diff --json "$d/s1.json" "$d/s2.json" > "$d/out" || fail "diff of two snapshots"
[ "$(grep -c '"name"' "$d/out")" -eq 1 ] && grep -q '"name": "RTC.RTCCON.TICCKSEL"' "$d/out" || fail "diff of two snapshots"

$R write INTP 0 > /dev/null || fail "write INTP"
$U reg -d "$A" write 0x90 0x1234 > /dev/null || fail "raw write of CURTICCNT"
cp "$d/rtc.bin" "$d/before.bin"
$R restore --dry-run "$d/s1.json" > "$d/out" || fail "restore --dry-run"
cmp -s "$d/rtc.bin" "$d/before.bin" || fail "--dry-run wrote"
grep -q 'RTC.RTCCON .* 0x00000051 -> 0x00000031 (dry run: not written)' "$d/out" || fail "--dry-run output"
$R restore "$d/s1.json" > "$d/out" || fail "restore"
cat "$d/out"
$R read RTCCON | grep -q '= 0x00000031' || fail "RTCCON not restored"
$R read INTP | grep -q '= 0x00000000' || fail "INTP (w1c) written"
$R read CURTICCNT | grep -q '= 0x00001234' || fail "CURTICCNT (read-only) written"
grep -q 'RTC.INTP .*skipped: no field can be written without side effects (TIC: oneToClear, ALM: oneToClear)' "$d/out" || fail "INTP skip reason"
grep -q 'RTC.CURTICCNT .*skipped: read-only' "$d/out" || fail "CURTICCNT skip reason"
grep -q '^1 written, ' "$d/out" || fail "one register written"

cp "$d/rtc.bin" "$d/before.bin"
$U reg --svd "$2/pl031.svd" -d "$A" restore "$d/s1.json" > "$d/out" 2>&1; rc=$?
[ $rc -eq 64 ] || fail "another device's snapshot: exit $rc, expected 64"
grep -q "is a snapshot of device 's3c-rtc'" "$d/out" || fail "message for another device's snapshot"
cmp -s "$d/rtc.bin" "$d/before.bin" || fail "a refused restore wrote"
echo PASS
