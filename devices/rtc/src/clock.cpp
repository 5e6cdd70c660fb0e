// SPDX-License-Identifier: MIT
#include "uiokit/rtc/clock.hpp"

namespace uiokit::rtc {

bool Clock::take_alarm(std::chrono::milliseconds slice) {
  Interrupt* line = irq();
  const bool event = line && line->wait(slice).has_value();
  const auto pending = alarm_pending();
  // Without a pending bit to read, an interrupt on the alarm's line is the alarm.
  const bool fired = (event && pending.value_or(true)) || pending.value_or(false);
  if (fired) {
    ack_alarm();
    enable_alarm(false);
  } else if (event) {
    other_interrupt();
  }
  if (event) line->enable();  // UIO masks the line on every interrupt
  return fired;
}

}  // namespace uiokit::rtc
