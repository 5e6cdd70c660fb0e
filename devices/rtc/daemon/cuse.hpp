// SPDX-License-Identifier: MIT
// The character device an RTC daemon (s3c-rtcd, pl031-rtcd) serves: Linux's RTC interface (include/uapi/linux/rtc.h, as
// drivers/rtc/rtc-dev.c implements it) over CUSE, so that unmodified clients (hwclock) work.
//
//   ioctl RTC_RD_TIME / RTC_SET_TIME           the time (struct rtc_time, tm_year from 1900)
//   ioctl RTC_ALM_READ / RTC_ALM_SET           the daily alarm (hour, minute, second)
//   ioctl RTC_WKALM_RD / RTC_WKALM_SET         the full alarm with its enable
//   ioctl RTC_AIE_ON/OFF, RTC_UIE_ON/OFF       alarm and update (once a second) events
//   read()                                     blocks until an event; returns the unsigned long
//                                              (count << 8) | RTC_IRQF | RTC_AF/RTC_UF
//   anything else                              ENOTTY, as rtc-dev answers
//
// The RTC ioctls carry their argument size in the number, so CUSE's restricted ioctls suffice:
// the kernel copies in_buf/out_buf of that size, no retry dance. One worker thread watches the
// RTC (the alarm's interrupt and pending bit, the seconds for update events) and answers
// blocked reads; a mutex orders its register accesses with the ioctls'.
#pragma once

#include <string>

#include "uiokit/rtc/clock.hpp"

namespace uiokit::rtc::daemon {

struct ServeOptions {
  std::string program;           // "s3c-rtcd", for messages and libfuse
  std::string name;              // /dev/<name>
  bool foreground = false;
  bool debug = false;            // libfuse's -d
};

// Serves until SIGTERM/SIGINT/SIGHUP; returns the process exit status. The device node goes away
// when the CUSE session ends.
int serve(Clock& clock, const ServeOptions& options);

}  // namespace uiokit::rtc::daemon
