// SPDX-License-Identifier: MIT
// The S3C2410/S3C2440 RTC register block: byte-wide registers, a two-digit BCD year, and the
// tick timer in TICNT. No interrupt-pending register: the SoC's interrupt controller
// (SRCPND/INTPND) holds the RTC's alarm and tick interrupts, which is the kernel's business.
//
// Sources: S3C2410X user's manual ch. 17 "RTC special registers" (RTCCON bits 3:0, TICNT
// "TICK INT ENABLE [7], TICK TIME COUNT [6:0]", tick period (n+1)/128 s, BCDYEAR "00 ~ 99");
// Linux drivers/rtc/rtc-s3c.h (S3C2410_RTCCON_RTCEN/CNTSEL/CLKRST, S3C2410_TICNT_ENABLE).
// Year: Linux's rtc-s3c reads BCDYEAR and adds 2000 (tm_year = bcd2bin(year) + 100) and refuses
// to set a year outside 2000..2099, which is what two digits hold; we do the same.
#pragma once

#include <cstdint>

#include "uiokit/s3c2410_rtc/registers_common.hpp"

namespace uiokit::s3c_rtc::regs::s3c2410 {

using W = std::uint8_t;

struct RTCCON : Reg<"RTCCON", 0x40, W, Access::rw> {
  using CTLEN = Field<"CTLEN", 0, 1>;    // RTCEN in the manual: BCD registers writable
  using CLKSEL = Field<"CLKSEL", 1, 1>;  // 0: the 1/2^15 divided clock (1 for test only)
  using CNTSEL = Field<"CNTSEL", 2, 1>;  // 0: merged BCD counters (1 reserved)
  using CLKRST = Field<"CLKRST", 3, 1>;  // 1: holds the divider in reset
  using fields = Fields<CTLEN, CLKSEL, CNTSEL, CLKRST>;
};

struct TICNT : Reg<"TICNT", 0x44, W, Access::rw> {
  using COUNT = Field<"COUNT", 0, 7>;   // period (COUNT + 1) / 128 s
  using ENABLE = Field<"ENABLE", 7, 1>;
  using fields = Fields<COUNT, ENABLE>;
};

struct ALMYEAR : Reg<"ALMYEAR", 0x68, W, Access::rw> {
  using YEAR = BcdField<"YEAR", 0, 8>;
  using fields = Fields<YEAR>;
};

struct BCDYEAR : Reg<"BCDYEAR", 0x88, W, Access::rw> {
  using YEAR = BcdField<"YEAR", 0, 8>;  // 00..99: 2000..2099
  using fields = Fields<YEAR>;
};

using RTCALM = regs::RTCALM<W>;
using ALMSEC = regs::ALMSEC<W>;
using ALMMIN = regs::ALMMIN<W>;
using ALMHOUR = regs::ALMHOUR<W>;
using ALMDATE = regs::ALMDATE<W>;
using ALMMON = regs::ALMMON<W>;
using RTCRST = regs::RTCRST<W>;
using BCDSEC = regs::BCDSEC<W>;
using BCDMIN = regs::BCDMIN<W>;
using BCDHOUR = regs::BCDHOUR<W>;
using BCDDATE = regs::BCDDATE<W>;
using BCDDAY = regs::BCDDAY<W>;
using BCDMON = regs::BCDMON<W>;

using Block = reg::Block<"s3c2410-rtc", 0x8c, RTCCON, TICNT, RTCALM, ALMSEC, ALMMIN, ALMHOUR, ALMDATE, ALMMON,
                         ALMYEAR, RTCRST, BCDSEC, BCDMIN, BCDHOUR, BCDDATE, BCDDAY, BCDMON, BCDYEAR>;

}  // namespace uiokit::s3c_rtc::regs::s3c2410
