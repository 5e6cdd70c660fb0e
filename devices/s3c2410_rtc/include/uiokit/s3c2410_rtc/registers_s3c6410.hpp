// SPDX-License-Identifier: MIT
// The S3C6410/Exynos RTC register block (Linux's "samsung,s3c6410-rtc"): the S3C2410 layout
// with 32-bit registers, an interrupt-pending register INTP, a tick timer driven from RTCCON
// (TICEN, TICKSEL) with a 32-bit count in TICCNT, and, on Exynos4210, a three-digit BCD year.
//
// Sources: Linux drivers/rtc/rtc-s3c.h (S3C2410_INTP at 0x30 with ALM bit 1 and TIC bit 0,
// S3C64XX_RTCCON_TICEN bit 8); QEMU hw/rtc/exynos4210_rtc.c (INTP write-1-to-clear; tick clock
// 32768 >> TICKSEL from RTCCON[7:4]; the tick timer counts TICCNT down at that clock and ignores
// counts of 2 or less; CURTICNT at 0x90; BCDYEAR and ALMYEAR hold BCD3DIGITS(tm_year), i.e.
// three digits of years since 1900, masked to 0xfff).
//
// Year: QEMU's model (written by Samsung) keeps tm_year, years since 1900, in the three digits,
// so 2026 reads 0x126 and the range is 1900..2899. Mainline Linux reads only the low byte and
// adds 2000; within 2000..2099 the two agree on the low digits. We follow the three-digit
// reading, the one the hardware we can run (QEMU) defines.
#pragma once

#include <cstdint>

#include "uiokit/s3c2410_rtc/registers_common.hpp"

namespace uiokit::s3c_rtc::regs::s3c6410 {

using W = std::uint32_t;

struct INTP : Reg<"INTP", 0x30, W, Access::rw> {
  using TIC = Field<"TIC", 0, 1, Access::w1c>;  // tick interrupt pending
  using ALM = Field<"ALM", 1, 1, Access::w1c>;  // alarm interrupt pending
  using fields = Fields<TIC, ALM>;
};

struct RTCCON : Reg<"RTCCON", 0x40, W, Access::rw> {
  using CTLEN = Field<"CTLEN", 0, 1>;
  using CLKSEL = Field<"CLKSEL", 1, 1>;
  using CNTSEL = Field<"CNTSEL", 2, 1>;
  using CLKRST = Field<"CLKRST", 3, 1>;
  using TICKSEL = Field<"TICKSEL", 4, 4>;  // tick clock 32768 Hz >> TICKSEL
  using TICEN = Field<"TICEN", 8, 1>;      // tick timer enable
  using CLKOUTEN = Field<"CLKOUTEN", 9, 1>;
  using fields = Fields<CTLEN, CLKSEL, CNTSEL, CLKRST, TICKSEL, TICEN, CLKOUTEN>;
};

struct TICCNT : Reg<"TICCNT", 0x44, W, Access::rw> {};  // tick period in tick-clock cycles

struct ALMYEAR : Reg<"ALMYEAR", 0x68, W, Access::rw> {
  using YEAR = BcdField<"YEAR", 0, 12>;
  using fields = Fields<YEAR>;
};

struct BCDYEAR : Reg<"BCDYEAR", 0x88, W, Access::rw> {
  using YEAR = BcdField<"YEAR", 0, 12>;  // 000..999: 1900..2899
  using fields = Fields<YEAR>;
};

struct CURTICCNT : Reg<"CURTICCNT", 0x90, W, Access::ro> {};

using RTCALM = regs::RTCALM<W>;
using ALMSEC = regs::ALMSEC<W>;
using ALMMIN = regs::ALMMIN<W>;
using ALMHOUR = regs::ALMHOUR<W>;
using ALMDATE = regs::ALMDATE<W>;
using ALMMON = regs::ALMMON<W>;
using BCDSEC = regs::BCDSEC<W>;
using BCDMIN = regs::BCDMIN<W>;
using BCDHOUR = regs::BCDHOUR<W>;
using BCDDATE = regs::BCDDATE<W>;
using BCDDAY = regs::BCDDAY<W>;
using BCDMON = regs::BCDMON<W>;

using Block = reg::Block<"s3c6410-rtc", 0x100, INTP, RTCCON, TICCNT, RTCALM, ALMSEC, ALMMIN, ALMHOUR, ALMDATE, ALMMON,
                         ALMYEAR, BCDSEC, BCDMIN, BCDHOUR, BCDDATE, BCDDAY, BCDMON, BCDYEAR, CURTICCNT>;

}  // namespace uiokit::s3c_rtc::regs::s3c6410
