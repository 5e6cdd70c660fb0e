// SPDX-License-Identifier: MIT
// rtc::Place: where an RTC's registers are, held for a driver: the transport over them and
// what keeps a second driver out. An address that comes down to a UIO device (uio:, or a dt:
// node a UIO device exports) is opened through the device, which brings its interrupt and its
// exclusive lock; /dev/mem (mem:, dt:...:mem) has no owner, so our lock file on the physical
// address stands in; gdb: reaches a board that runs no Linux, where neither applies.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "uiokit/address/address.hpp"
#include "uiokit/address/open.hpp"
#include "uiokit/irq/interrupt.hpp"
#include "uiokit/rtc/lock_file.hpp"
#include "uiokit/transport.hpp"
#include "uiokit/uio/uio.hpp"

namespace uiokit::rtc {

struct Place {
  std::optional<uio::Device> dev;   // the UIO device, holding its lock and the interrupt, or
  LockFile lock;                    // our lock file for /dev/mem
  std::unique_ptr<Transport> regs;  // on the heap: a driver keeps a pointer while Place moves
  std::string what;                 // "uio0 (rtc), regs (0x100 bytes at 0x10070000)"

  Interrupt* irq() noexcept { return dev ? &dev->irq() : nullptr; }
};

Place open_place(const DeviceAddress& address, const OpenOptions& options = {});

}  // namespace uiokit::rtc
