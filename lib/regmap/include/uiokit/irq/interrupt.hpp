// SPDX-License-Identifier: MIT
// Interrupt: a device interrupt delivered to this process through a file descriptor.
//
// UIO (/dev/uioN: read() returns the total event count, write() of 1 or 0 to irqcontrol unmasks
// or masks) and VFIO (an eventfd per vector: read() returns the events since the last read, a
// separate unmask for INTx) both become a descriptor that turns readable when an interrupt has
// arrived. This interface is what drivers see, so a driver does not care which backend delivers;
// poll(), epoll and Boost.Asio (uiokit/irq/asio.hpp) all wait on fd().
//
// The usual loop is: wait() -> handle and acknowledge the device -> enable(). Level-triggered
// lines stay masked between the event and enable(), so a device cannot storm the CPU.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace uiokit {

struct IrqEvents {
  std::uint64_t count = 0;   // interrupts since the previous wait (1 unless some were missed)
  std::uint64_t total = 0;   // running total seen through this object
  std::uint64_t missed() const noexcept { return count > 0 ? count - 1 : 0; }
};

class Interrupt {
 public:
  virtual ~Interrupt() = default;

  // Readable when at least one event is pending.
  virtual int fd() const noexcept = 0;
  // Call once fd() is readable: reads the event and returns what arrived since the last call.
  virtual IrqEvents consume() = 0;
  // Unmask (re-arm) and mask the interrupt.
  virtual void enable() = 0;
  virtual void disable() = 0;
  // "uio0 (rtc)" or "vfio 0000:00:03.0 MSI 0", for messages.
  virtual std::string describe() const = 0;

  // Blocks until an event or the timeout (none: forever). Returns nothing on timeout.
  std::optional<IrqEvents> wait(std::optional<std::chrono::milliseconds> timeout = std::nullopt);
};

}  // namespace uiokit
