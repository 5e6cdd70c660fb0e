# SPDX-License-Identifier: MIT
# Shared by the RTC guest checks: which driver (RTC_DRIVER=s3c, the default, or pl031) and
# where the stub exports it, status helpers. The checks that are not the S3C's own run for
# every driver with the same script.
case "${RTC_DRIVER:-s3c}" in
  s3c)
    RTC_CLI=s3c-rtc RTCD=s3c-rtcd UIO=rtc NODE=rtc-s3c
    DT_NODE=/soc/rtc@10070000 MEM=0x10070000+0x100
    ALARM_MATCH="--match second"  # QEMU's model raises the alarm when any enabled field matches
    SHORTHANDS="--dt-compatible|--dt-compatible uiokit,uio-stub|--mem 0x10070000" ;;
  pl031)  # RTC_BOARD: where the overlays put it (dts/overlays/<board>-*.dtso); OTHER_UIO: another
          # PrimeCell on the stub, whose peripheral ID is not a PL031's
    RTC_CLI=pl031-rtc RTCD=pl031-rtcd NODE=rtc-pl031
    case "${RTC_BOARD:-vexpress}" in
      vexpress) UIO=pl031 BASE=0x10017000 OTHER_UIO=clcd
        DT_NODE=/bus@40000000/motherboard-bus@40000000/iofpga@7,00000000/rtc@17000 ;;
      versatilepb) UIO=rtc BASE=0x101e8000 DT_NODE=/amba/rtc@101e8000 OTHER_UIO=clcd ;;
      virt64) UIO=pl031 BASE=0x9010000 DT_NODE=/pl031@9010000 OTHER_UIO=gpio ;;
    esac
    MEM=$BASE+0x1000
    ALARM_MATCH=""  # the PL031 compares the whole time
    # the overlays keep the cell's own compatible: the board's only PL031
    SHORTHANDS="-d dt:compatible=arm,pl031" ;;
esac
RTC="$RTC_CLI -d uio:$UIO"
fail() { echo "FAIL: $*"; exit 1; }
# expect_status <status> <command...>: runs it, shows its output, fails unless it exits so.
expect_status() {
  want=$1
  shift
  "$@"
  got=$?
  [ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want"
  echo "ok: '$*' exited $got"
}
# json_num <key> <json>: a number from a one-line JSON object (no jq in busybox).
json_num() { echo "$2" | sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
# start_rtcd <name>: the driver's daemon in the foreground on the stub's RTC, in the background
# of this script ($pid); fails unless /dev/<name> appears within 5 s.
start_rtcd() {
  $RTCD -f -d uio:$UIO --name "$1" &
  pid=$!
  wait_node present "/dev/$1" || fail "s3c-rtcd did not create /dev/$1"
}
# wait_node present|gone <path>: up to 5 s for the node to appear or go; status says if it did.
wait_node() {
  n=0
  while [ $n -lt 50 ]; do
    if [ "$1" = present ]; then [ -e "$2" ] && return 0; else [ -e "$2" ] || return 0; fi
    sleep 0.1
    n=$((n + 1))
  done
  return 1
}
