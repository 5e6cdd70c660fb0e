// SPDX-License-Identifier: MIT
// rtc::Clock: a real-time clock this process holds, as the RTC front end (the rtc command
// line and the /dev/rtc daemon) drives it, whatever the hardware. Linux's rtc_class_ops in
// userspace: a driver is its register block, its own logic behind read_time/set_time and the
// alarm, and how it was found (describe()); the programs, JSON, exit statuses and the CUSE
// daemon are written once, in devices/rtc.
//
// Times are UTC (as `hwclock --utc` and Linux's rtc class keep them). An alarm names the
// fields that must match; a clock whose comparator takes only a whole time (a counter match
// register, as the PL031's) refuses a partial one, before writing anything.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "uiokit/irq/interrupt.hpp"
#include "uiokit/rtc/calendar.hpp"

namespace uiokit::rtc {

struct YearRange {
  int first = 0;
  int last = 0;
};

// An alarm: the fields that must match (absent: not compared) and the global enable.
struct Alarm {
  std::optional<int> year, month, day, hour, minute, second;
  bool enabled = false;
  friend bool operator==(const Alarm&, const Alarm&) = default;
  bool complete() const noexcept { return year && month && day && hour && minute && second; }
};

class Clock {
 public:
  virtual ~Clock() = default;

  // How the clock was reached ("uio0 (rtc), regs (0x100 bytes at 0x10070000), s3c6410").
  virtual const std::string& describe() const noexcept = 0;
  // The hardware, for JSON: "s3c6410", "pl031".
  virtual std::string_view model() const noexcept = 0;
  virtual YearRange years() const noexcept = 0;

  // Throws bad_hardware_value for garbage, never returns a time that does not exist.
  virtual DateTime read_time() = 0;
  // Throws (invalid date or time, year out of the hardware's range) unless `t` can be set.
  virtual void validate(const DateTime& t) const = 0;
  // Validates, writes, reads back; returns what was read back.
  virtual DateTime set_time(const DateTime& t) = 0;

  virtual Alarm read_alarm() = 0;
  // Everything checked before the first write; a pending alarm is cleared before enabling.
  virtual void set_alarm(const Alarm& a) = 0;
  virtual void enable_alarm(bool on) = 0;
  virtual void clear_alarm() = 0;  // disabled, and a pending one cleared
  // Whether the alarm has fired and is not yet acknowledged; nullopt where the hardware keeps
  // no such bit the driver can read.
  virtual std::optional<bool> alarm_pending() = 0;
  virtual void ack_alarm() = 0;

  // The alarm's interrupt line (through UIO), or null.
  virtual Interrupt* irq() noexcept = 0;
  // Blocks until the alarm, acknowledges it and re-enables the line. True when an interrupt
  // announced it. Throws Errc::timeout, or unsupported when nothing can tell.
  virtual bool wait_alarm(std::optional<std::chrono::milliseconds> timeout) = 0;
  // One step of the daemon's watch for the alarm: waits up to `slice` for the line; true when
  // the alarm fired, which is then acknowledged and disabled (one-shot, as the kernel's
  // aie_timer). An interrupt that is not the alarm's goes to other_interrupt().
  bool take_alarm(std::chrono::milliseconds slice);

  // Numbers a driver adds to `show --json` (the S3C's re-read passes).
  virtual std::map<std::string, std::int64_t> facts() const { return {}; }

 protected:
  virtual void other_interrupt() {}
};

// A Clock whose time and alarm operations are a driver class's members of the same names
// (D::driver() gives it): a device class adds only how it was found and its interrupt.
template <class D>
class DriverClock : public Clock {
 public:
  YearRange years() const noexcept override { return driver().years(); }
  DateTime read_time() override { return driver().read_time(); }
  void validate(const DateTime& t) const override { driver().validate(t); }
  DateTime set_time(const DateTime& t) override { return driver().set_time(t); }
  Alarm read_alarm() override { return driver().read_alarm(); }
  void set_alarm(const Alarm& a) override { driver().set_alarm(a); }
  void enable_alarm(bool on) override { driver().enable_alarm(on); }
  void clear_alarm() override { driver().clear_alarm(); }
  std::optional<bool> alarm_pending() override { return driver().alarm_pending(); }
  void ack_alarm() override { driver().ack_alarm(); }

 private:
  auto& driver() noexcept { return static_cast<D&>(*this).driver(); }
  const auto& driver() const noexcept { return static_cast<const D&>(*this).driver(); }
};

}  // namespace uiokit::rtc
