// SPDX-License-Identifier: MIT
// Port I/O: x86 I/O ports as a transport, io:PORT[+SIZE] in the device-address syntax.
//
// x86 has a second address space of 65536 byte-addressed ports, reached with the in and out
// instructions (inb/inw/inl, outb/outw/outl) at 8, 16 or 32 bits; there is no 64-bit port
// access, so widths() leaves it out and a 64-bit access is refused. A process may use ports
// after ioperm() grants them, which needs CAP_SYS_RAWIO (root); the grant is per process and
// dropped when the transport is destroyed. Each access is one instruction of its width; port
// I/O is strongly ordered on x86, so no barrier is needed.
//
// Other CPUs have no port space: opening io: there is Errc::unsupported.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "uiokit/transport.hpp"

namespace uiokit::portio {

class PortTransport final : public Transport {
 public:
  // Ports [first, first + size); throws permission_denied when ioperm() refuses. `owner` is
  // kept alive as long as the transport (the open UIO device whose port region this is).
  PortTransport(std::uint32_t first, std::uint32_t size, std::string label, std::shared_ptr<void> owner = {});
  ~PortTransport() override;
  PortTransport(const PortTransport&) = delete;
  PortTransport& operator=(const PortTransport&) = delete;

  std::uint64_t size() const noexcept override { return size_; }
  std::string describe() const override { return label_; }
  std::optional<std::uint64_t> address() const noexcept override { return first_; }
  unsigned widths() const noexcept override { return 1 | 2 | 4; }
  std::uint64_t load(std::uint64_t offset, unsigned width) override;
  void store(std::uint64_t offset, unsigned width, std::uint64_t value) override;

 private:
  std::uint32_t first_, size_;
  std::string label_;
  std::shared_ptr<void> owner_;
};

}  // namespace uiokit::portio
