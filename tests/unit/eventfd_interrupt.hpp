// SPDX-License-Identifier: MIT
// An eventfd as a uiokit::Interrupt (the shape of a VFIO interrupt): raise(n) adds n events,
// consume() takes them all (the count) and blocks while there are none.
#pragma once

#include <doctest/doctest.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string>

#include "uiokit/error.hpp"
#include "uiokit/irq/interrupt.hpp"

namespace uiokit::test {

class EventfdInterrupt final : public Interrupt {
 public:
  EventfdInterrupt() : fd_(::eventfd(0, EFD_CLOEXEC)) { REQUIRE(fd_ >= 0); }
  ~EventfdInterrupt() override { ::close(fd_); }
  int fd() const noexcept override { return fd_; }
  IrqEvents consume() override {
    std::uint64_t n = 0;
    if (::read(fd_, &n, sizeof n) != static_cast<ssize_t>(sizeof n))
      throw Error(Errc::io_failed, "eventfd", "read", {}, errno);
    total_ += n;
    return IrqEvents{n, total_};
  }
  void enable() override { ++enables; }
  void disable() override {}
  std::string describe() const override { return "eventfd"; }
  void raise(std::uint64_t n) { REQUIRE(::write(fd_, &n, sizeof n) == static_cast<ssize_t>(sizeof n)); }

  int enables = 0;

 private:
  int fd_;
  std::uint64_t total_ = 0;
};

}  // namespace uiokit::test
