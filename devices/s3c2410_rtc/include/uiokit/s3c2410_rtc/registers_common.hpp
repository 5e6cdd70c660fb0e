// SPDX-License-Identifier: MIT
// The registers every Samsung S3C RTC shares: the alarm (RTCALM, ALMSEC..ALMYEAR), the round
// reset (RTCRST) and the BCD time counters (BCDSEC..BCDMON), at the same offsets from the S3C2410
// to the Exynos parts.
//
// Sources: S3C2410X user's manual, chapter 17 "Real time clock", "RTC special registers";
// Linux drivers/rtc/rtc-s3c.h (S3C2410_RTCALM_* bits, S3C2410_ALMSEC..S3C2410_RTCYEAR offsets);
// QEMU hw/rtc/exynos4210_rtc.c (the masks it applies on ALMSEC..ALMMON writes: 0x7f, 0x7f, 0x3f,
// 0x3f, 0x1f). The S3C2410 registers are byte wide (Linux uses readb/writeb); the S3C6410 and
// Exynos parts have 32-bit registers. So each register is a template on its word; the variant
// headers (registers_s3c2410.hpp, registers_s3c6410.hpp) pick the word and add what differs.
//
// The year registers are not here: their width and meaning differ (two BCD digits on S3C2410,
// three on Exynos).
#pragma once

#include <cstdint>

#include "uiokit/reg/block.hpp"

namespace uiokit::s3c_rtc::regs {

using reg::Access;
using reg::BcdField;
using reg::Field;
using reg::Fields;
using reg::Reg;

// RTCALM: which alarm fields must match (the S3C2410 manual: an alarm interrupt when every
// enabled field matches; QEMU's model raises it when any enabled field matches, see alarm.hpp).
template <class W>
struct RTCALM : Reg<"RTCALM", 0x50, W, Access::rw> {
  using SECEN = Field<"SECEN", 0, 1>;
  using MINEN = Field<"MINEN", 1, 1>;
  using HOUREN = Field<"HOUREN", 2, 1>;
  using DATEEN = Field<"DATEEN", 3, 1>;
  using MONEN = Field<"MONEN", 4, 1>;
  using YEAREN = Field<"YEAREN", 5, 1>;
  using ALMEN = Field<"ALMEN", 6, 1>;  // global alarm enable
  using fields = Fields<SECEN, MINEN, HOUREN, DATEEN, MONEN, YEAREN, ALMEN>;
};

// Alarm time, BCD like the counters.
template <class W>
struct ALMSEC : Reg<"ALMSEC", 0x54, W, Access::rw> {
  using SEC = BcdField<"SEC", 0, 7>;
  using fields = Fields<SEC>;
};
template <class W>
struct ALMMIN : Reg<"ALMMIN", 0x58, W, Access::rw> {
  using MIN = BcdField<"MIN", 0, 7>;
  using fields = Fields<MIN>;
};
template <class W>
struct ALMHOUR : Reg<"ALMHOUR", 0x5c, W, Access::rw> {
  using HOUR = BcdField<"HOUR", 0, 6>;
  using fields = Fields<HOUR>;
};
template <class W>
struct ALMDATE : Reg<"ALMDATE", 0x60, W, Access::rw> {
  using DATE = BcdField<"DATE", 0, 6>;
  using fields = Fields<DATE>;
};
template <class W>
struct ALMMON : Reg<"ALMMON", 0x64, W, Access::rw> {
  using MON = BcdField<"MON", 0, 5>;
  using fields = Fields<MON>;
};

// RTCRST (S3C2410 manual): round-second reset. SRSTEN with SECCR = 3, 4 or 5 rounds the
// seconds up to the next minute when they exceed 30, 40 or 50. Exynos dropped it; we never
// write it (listed so that dumps show it on S3C2410).
template <class W>
struct RTCRST : Reg<"RTCRST", 0x6c, W, Access::rw> {
  using SECCR = Field<"SECCR", 0, 3>;
  using SRSTEN = Field<"SRSTEN", 3, 1>;
  using fields = Fields<SECCR, SRSTEN>;
};

// The time counters. Writes take effect only while RTCCON.CTLEN is 1.
template <class W>
struct BCDSEC : Reg<"BCDSEC", 0x70, W, Access::rw> {
  using SEC = BcdField<"SEC", 0, 7>;
  using fields = Fields<SEC>;
};
template <class W>
struct BCDMIN : Reg<"BCDMIN", 0x74, W, Access::rw> {
  using MIN = BcdField<"MIN", 0, 7>;
  using fields = Fields<MIN>;
};
template <class W>
struct BCDHOUR : Reg<"BCDHOUR", 0x78, W, Access::rw> {
  using HOUR = BcdField<"HOUR", 0, 6>;  // 24-hour
  using fields = Fields<HOUR>;
};
template <class W>
struct BCDDATE : Reg<"BCDDATE", 0x7c, W, Access::rw> {
  using DATE = BcdField<"DATE", 0, 6>;  // day of the month
  using fields = Fields<DATE>;
};
// Day of the week, 1..7 in the manual, 0..6 (Sunday 0) in QEMU's model. Linux's rtc-s3c never
// reads or writes it and neither do we: the weekday follows from the date.
template <class W>
struct BCDDAY : Reg<"BCDDAY", 0x80, W, Access::rw> {
  using DAY = BcdField<"DAY", 0, 3>;
  using fields = Fields<DAY>;
};
template <class W>
struct BCDMON : Reg<"BCDMON", 0x84, W, Access::rw> {
  using MON = BcdField<"MON", 0, 5>;
  using fields = Fields<MON>;
};

}  // namespace uiokit::s3c_rtc::regs
