// SPDX-License-Identifier: MIT
// Waiting for the RTC's alarm and ticks on an interrupt line, with INTP beside it.
//
// A UIO device carries one line, and the RTC has two (alarm and tick); which one a device
// exports is the device tree's choice. On S3C6410/Exynos INTP says what happened whichever
// line woke us, and between events it is polled every few ms, so a wait for an event whose
// line is not exported still ends. The S3C2410 has no INTP: there only the interrupt counts.
//
// The line and the pending bit are not seen at the same instant. On an SMP guest the interrupt
// may be taken by the other CPU and reach our read() well after INTP is set; under a loaded
// host, tens of ms after. So a wait never trusts one look:
//   - a pending bit with no event yet waits a short grace for its announcement before calling
//     the event polled (for ticks, once the line has announced one: it is the tick's);
//   - an event with nothing pending is the late announcement of an event already acknowledged
//     (stale): the line is re-armed and the wait goes on. It is only taken for the other event's
//     line when the other event is pending.
// The other event's line is handled so that it cannot storm: an alarm wait acknowledges ticks
// (transient, nobody else waits on them); a tick wait never acknowledges the alarm, which is
// not its own, and so leaves the alarm's line masked and polls INTP from then on.
//
#pragma once

#include <chrono>
#include <optional>

#include "uiokit/irq/interrupt.hpp"
#include "uiokit/s3c2410_rtc/rtc.hpp"

namespace uiokit::s3c_rtc {

using SteadyClock = std::chrono::steady_clock;

struct EventWaitTiming {
  std::chrono::milliseconds poll_slice{2};  // INTP polled this often between events
  std::chrono::milliseconds grace{20};      // how long a pending bit waits for its interrupt
};

// Blocks until the alarm, acknowledges it (INTP) and re-enables the line. Returns true when an
// interrupt announced it, false when INTP showed it first; nullopt at the deadline. `line` may
// be null (INTP alone). Throws Errc::unsupported when neither a line nor INTP can tell.
std::optional<bool> wait_alarm_event(Rtc& rtc, Interrupt* line, SteadyClock::time_point deadline,
                                     const EventWaitTiming& timing = {});

// Successive ticks on one line (null: INTP polling only), acknowledging each.
class TickWait {
 public:
  // Enables the line: the tick setting must already be running.
  TickWait(Rtc& rtc, Interrupt* line, EventWaitTiming timing = {});

  // The next tick: true when an interrupt announced it, false when INTP showed it first;
  // nullopt at the deadline.
  std::optional<bool> next(SteadyClock::time_point deadline);

  // The line the ticks are waited on; null once it is known to be the alarm's.
  Interrupt* line() const noexcept { return line_; }

 private:
  Rtc* rtc_;
  Interrupt* line_;
  EventWaitTiming timing_;
  bool announces_ = false;  // the line has announced a tick: it is the tick's
};

}  // namespace uiokit::s3c_rtc
