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
#include "uiokit/mmio.hpp"
#include "uiokit/pci/discover.hpp"
#include "uiokit/region.hpp"

namespace edu {

constexpr std::uint16_t vendor = 0x1234, device = 0x11e8;
constexpr std::uint32_t ident_value = 0x010000ed;
enum : std::size_t {
  ident = 0x00, liveness = 0x04, factorial = 0x08, status = 0x20, irq_status = 0x24, irq_raise = 0x60, irq_ack = 0x64,
  dma_src = 0x80, dma_dst = 0x88, dma_count = 0x90, dma_cmd = 0x98, buffer = 0x40000,
};
constexpr std::uint32_t status_computing = 0x01, status_irq_on_done = 0x80;
constexpr std::uint32_t irq_factorial = 0x01;
constexpr std::uint64_t cmd_start = 0x01, cmd_to_ram = 0x02, cmd_irq = 0x04;

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
  while (r.read<std::uint64_t>(dma_cmd) & cmd_start) {
    if (std::chrono::steady_clock::now() > until) throw std::runtime_error("edu DMA did not finish within 5 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

inline void start_dma(uiokit::Region& r, std::uint64_t src, std::uint64_t dst, std::uint64_t count, std::uint64_t cmd) {
  using edu_regs::EDU;
  auto regs = EDU::block::bind(r);
  regs.write_raw<EDU::DMA_SRC>(src);
  regs.write_raw<EDU::DMA_DST>(dst);
  regs.write_raw<EDU::DMA_COUNT>(count);
  // The command register is the doorbell: the bytes the caller put in the DMA buffer must reach
  // memory before the device is told, so this write is ordered (writel), the others relaxed.
  // TCG never shows the difference; tests/barriers checks the instructions of this pattern.
  regs.ordered().write_raw<EDU::DMA_CMD>(cmd | cmd_start);
}

}  // namespace edu
