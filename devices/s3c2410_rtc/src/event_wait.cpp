// SPDX-License-Identifier: MIT
#include "uiokit/s3c2410_rtc/event_wait.hpp"

#include <algorithm>
#include <thread>


namespace uiokit::s3c_rtc {

namespace {
std::chrono::milliseconds left_until(SteadyClock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
  return left.count() > 0 ? left : std::chrono::milliseconds(0);
}

// Waits on `line` (or sleeps, without one) for at most `slice`; true when an event came.
bool wait_slice(Interrupt* line, std::chrono::milliseconds slice) {
  if (!line) {
    std::this_thread::sleep_for(slice);
    return false;
  }
  return line->wait(slice).has_value();
}
}  // namespace

std::optional<bool> wait_alarm_event(Rtc& rtc, Interrupt* line, SteadyClock::time_point deadline,
                                     const EventWaitTiming& timing) {
  const bool has_intp = rtc.alarm_pending().has_value();
  if (line) line->enable();
  for (;;) {
    // With INTP, poll between events; without, block on the line (it is the alarm's alone).
    const auto slice = has_intp ? timing.poll_slice : std::chrono::milliseconds(1000);
    const bool event = wait_slice(line, std::min(slice, left_until(deadline)));
    const auto pending = rtc.alarm_pending();
    if (event) {
      if (pending.value_or(true)) {
        rtc.ack_alarm();
        line->enable();
        return true;
      }
      // The tick's line, or the late announcement of an alarm acknowledged before: ticks are
      // transient and nobody else's, so acknowledge one and re-arm.
      rtc.ack_tick();
      line->enable();
    } else if (pending.value_or(false)) {
      const bool late = line && line->wait(std::min(timing.grace, left_until(deadline))).has_value();
      // What came in the grace may be a tick's interrupt, on the tick's line.
      const bool tick = late && rtc.tick_pending().value_or(false);
      if (tick) rtc.ack_tick();
      rtc.ack_alarm();
      if (late) line->enable();
      return late && !tick;
    }
    if (SteadyClock::now() >= deadline) return std::nullopt;
  }
}

TickWait::TickWait(Rtc& rtc, Interrupt* line, EventWaitTiming timing)
    : rtc_(&rtc), line_(line), timing_(timing) {
  if (line_) line_->enable();
}

std::optional<bool> TickWait::next(SteadyClock::time_point deadline) {
  const bool has_intp = rtc_->tick_pending().has_value();
  for (;;) {
    const auto slice = has_intp ? timing_.poll_slice : left_until(deadline);
    const bool event = wait_slice(line_, std::min(slice, left_until(deadline)));
    const auto pending = rtc_->tick_pending();
    if (event) {
      if (pending.value_or(true)) {
        rtc_->ack_tick();
        line_->enable();
        announces_ = true;
        return true;
      }
      if (rtc_->alarm_pending().value_or(false)) {
        // The alarm's line: unmasking it would storm until the alarm is acknowledged, which
        // is not ours to do. Leave it masked (the next waiter enables it first), poll INTP.
        line_ = nullptr;
      } else {
        line_->enable();  // stale: the announcement of a tick counted already
      }
    } else if (pending.value_or(false)) {
      // Only a line that has announced ticks is worth the grace: on the alarm's line it would
      // be a wait for nothing, long enough to miss ticks at high rates.
      const auto grace = announces_ ? std::min(timing_.grace, left_until(deadline)) : std::chrono::milliseconds(0);
      const bool late = line_ && line_->wait(grace).has_value();
      rtc_->ack_tick();
      if (late) line_->enable();
      return late;
    }
    if (SteadyClock::now() >= deadline) return std::nullopt;
  }
}


}  // namespace uiokit::s3c_rtc
