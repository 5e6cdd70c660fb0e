// SPDX-License-Identifier: MIT
// QEMU's edu device (PCI 1234:11e8), the register map the PCI/VFIO checks drive
// (see QEMU's docs/specs/edu.rst and hw/misc/edu.c).
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>

#include "edu_regs/EDU.hpp"
#include "uiokit/pci/bind.hpp"
#include "uiokit/pci/discover.hpp"
#include "uiokit/region.hpp"

namespace edu {

constexpr std::uint16_t vendor = 0x1234, device = 0x11e8;
constexpr std::uint32_t ident_value = 0x010000ed;
// The registers, their offsets and bits are those of tools/svd/devices/edu.svd (generated);
// these are the ones the checks name. The checks read and write them through the Region, whose
// accesses survive a device that goes away (pci.zz_* checks); DMA_CMD is rung through the
// typed block, ordered (start_dma).
using edu_regs::EDU;
constexpr std::size_t ident = EDU::ID::offset, liveness = EDU::LIVENESS::offset, factorial = EDU::FACTORIAL::offset,
                      status = EDU::STATUS::offset, irq_status = EDU::IRQ_STATUS::offset, irq_ack = EDU::IRQ_ACK::offset;
constexpr std::uint32_t status_irq_on_done = EDU::STATUS::IRQ_ON_DONE::mask;
constexpr std::uint32_t irq_factorial = EDU::IRQ_STATUS::FACTORIAL::mask;
constexpr std::uint64_t cmd_to_ram = EDU::DMA_CMD::DIRECTION::mask;
constexpr std::size_t buffer = 0x40000;  // the device's 4 KiB DMA buffer, in its own address space

inline uiokit::pci::Address find() {
  uiokit::pci::Filter f;
  f.vendor = vendor;
  f.device = device;
  auto devs = uiokit::pci::list(f);
  if (devs.empty()) throw std::runtime_error("no edu device (1234:11e8) found");
  return devs.front().address;
}

// Puts edu on `driver` ("" for none), whatever it had.
inline void bind(const uiokit::pci::Address& a, const std::string& driver) {
  uiokit::pci::Binder b;
  if (driver.empty())
    b.unbind(a);
  else
    b.bind(a, driver);
}

inline void wait_dma(uiokit::Region& r) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (EDU::block::bind(r).is_set<EDU::DMA_CMD::START>()) {
    if (std::chrono::steady_clock::now() > until) throw std::runtime_error("edu DMA did not finish within 5 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

inline void start_dma(uiokit::Region& r, std::uint64_t src, std::uint64_t dst, std::uint64_t count, std::uint64_t cmd) {
  auto regs = EDU::block::bind(r);
  regs.write_raw<EDU::DMA_SRC>(src);
  regs.write_raw<EDU::DMA_DST>(dst);
  regs.write_raw<EDU::DMA_COUNT>(count);
  // The command register is the doorbell: the bytes the caller put in the DMA buffer must reach
  // memory before the device is told, so this write is ordered (writel), the others relaxed.
  // TCG never shows the difference; tests/barriers checks the instructions of this pattern.
  regs.ordered().write_raw<EDU::DMA_CMD>(cmd | EDU::DMA_CMD::START::mask);
}

}  // namespace edu
