// SPDX-License-Identifier: MIT
// uiokit::pl031::Pl031: the ARM PrimeCell RTC (PL031) driver, over any transport.
//
// The model (PL031 TRM, ARM DDI 0224): a 32-bit counter of seconds (RTCDR) that a 1 Hz clock
// advances, loaded by writing RTCLR, and a match register (RTCMR) that raises the alarm
// interrupt when the counter reaches it (RTCRIS; masked by RTCIMSC, cleared through RTCICR).
// Linux's rtc-pl031 counts the seconds since 1970-01-01 UTC, so the clock holds
// 1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z; this driver counts the same, so what it writes
// reads back the same under the kernel's driver. The alarm compares the whole count: an alarm
// must name every field, and a pattern (every day at 07:00) is refused before any write.
//
// The registers are generated from tools/svd/devices/pl031.svd. Binding checks the PrimeCell
// peripheral ID (part 0x031, designer ARM) so that a wrong address is refused before anything
// is written.
#pragma once

#include <memory>

#include "uiokit/rtc/clock.hpp"
#include "uiokit/transport.hpp"

namespace uiokit::pl031 {

using rtc::Alarm;
using rtc::DateTime;
using rtc::YearRange;

class Pl031 {
 public:
  // The last second the 32-bit count holds.
  static constexpr std::int64_t last_second = 0xffffffffLL;

  // Binds at offset 0 of `t`, which must outlive the driver. Throws not_found naming the
  // transport when the peripheral ID is not a PL031's, region_too_small for a small window.
  explicit Pl031(Transport& t);
  Pl031(Pl031&&) noexcept;
  Pl031& operator=(Pl031&&) noexcept;
  ~Pl031();

  static YearRange years() noexcept { return {1970, 2106}; }

  DateTime read_time();
  // Throws (invalid date or time; before 1970 or after the last second) unless `t` can be set.
  void validate(const DateTime& t) const;
  // Validates, starts the counter if it is not running (RTCCR), loads RTCLR and reads back.
  DateTime set_time(const DateTime& t);

  Alarm read_alarm();
  void set_alarm(const Alarm& a);  // every field named; a stale pending alarm cleared first
  void enable_alarm(bool on);      // RTCIMSC, a pending alarm cleared first (as rtc-pl031)
  void clear_alarm();
  bool alarm_pending();            // RTCRIS
  void ack_alarm();                // RTCICR

 private:
  struct Regs;
  std::unique_ptr<Regs> regs_;
};

}  // namespace uiokit::pl031
