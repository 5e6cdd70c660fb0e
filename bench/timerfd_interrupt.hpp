// SPDX-License-Identifier: MIT
// A timerfd dressed as a uiokit::Interrupt, so that the wake-up ways of wake_ways.hpp can be
// measured on any Linux, without a device: enable() arms one expiry a period from now,
// consume() reads the expirations (8 bytes, the count since the last read).
#pragma once

#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <string>
#include <sys/types.h>

#include <uiokit/error.hpp>
#include <uiokit/irq/interrupt.hpp>

#include "mono_clock.hpp"

namespace bench {

class TimerfdInterrupt final : public uiokit::Interrupt {
 public:
  explicit TimerfdInterrupt(std::chrono::nanoseconds period)
      : fd_(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC)), period_(period) {
    if (fd_ < 0) uiokit::throw_sys(uiokit::Errc::open_failed, "timerfd", "timerfd_create", errno);
  }
  ~TimerfdInterrupt() override { ::close(fd_); }
  TimerfdInterrupt(const TimerfdInterrupt&) = delete;
  TimerfdInterrupt& operator=(const TimerfdInterrupt&) = delete;

  int fd() const noexcept override { return fd_; }
  uiokit::IrqEvents consume() override {
    std::uint64_t n = 0;
    if (::read(fd_, &n, sizeof n) != static_cast<ssize_t>(sizeof n))
      uiokit::throw_sys(uiokit::Errc::io_failed, "timerfd", "read of the expirations", errno);
    total_ += n;
    return uiokit::IrqEvents{n, total_};
  }
  void enable() override { arm(mono_ns() + period_.count()); }
  void disable() override { arm(0); }
  std::string describe() const override { return "timerfd"; }
  // When the armed expiry is (was) due, CLOCK_MONOTONIC nanoseconds.
  std::int64_t due_ns() const noexcept { return due_; }

 private:
  void arm(std::int64_t due) {
    itimerspec its{};
    its.it_value.tv_sec = due / 1000000000;
    its.it_value.tv_nsec = due % 1000000000;
    if (::timerfd_settime(fd_, TFD_TIMER_ABSTIME, &its, nullptr) != 0)
      uiokit::throw_sys(uiokit::Errc::io_failed, "timerfd", "timerfd_settime", errno);
    due_ = due;
  }

  int fd_;
  std::chrono::nanoseconds period_;
  std::int64_t due_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace bench
