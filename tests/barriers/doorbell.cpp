// SPDX-License-Identifier: MIT
// The pattern every DMA driver repeats: a descriptor written to DMA memory, then the doorbell
// register that tells the device to read it. check_doorbell.py compiles this file for each ARM
// target and reads the instructions between the two: the ordered doorbell must put a barrier
// there that orders the descriptor's stores before the device write; the relaxed one has none,
// which shows the checker tells the two apart. Both forms twice: the accessors (writel,
// write32_relaxed) and a typed register block (edu's, generated from tools/svd/devices/edu.svd):
// b.ordered().write<...>() and b.write<...>().
#include <cstddef>
#include <cstdint>

#include "edu_regs/EDU.hpp"
#include "uiokit/mmio.hpp"
#include "uiokit/reg/block.hpp"

struct Descriptor {
  std::uint64_t address;
  std::uint32_t length;
  std::uint32_t flags;
};

extern "C" {

[[gnu::noinline]] void post_ordered(Descriptor* d, volatile void* doorbell, std::uint64_t address, std::uint32_t length) {
  d->address = address;
  d->length = length;
  d->flags = 1;
  uiokit::mmio::writel(1, doorbell);
}

[[gnu::noinline]] void post_relaxed(Descriptor* d, volatile void* doorbell, std::uint64_t address, std::uint32_t length) {
  d->address = address;
  d->length = length;
  d->flags = 1;
  uiokit::mmio::write32_relaxed(doorbell, 1);
}

using edu_regs::EDU;
using EduRegs = uiokit::reg::Bound<EDU::block, uiokit::reg::MmioIo>;

[[gnu::noinline]] void post_typed_ordered(Descriptor* d, volatile std::byte* bar, std::uint64_t address, std::uint32_t length) {
  d->address = address;
  d->length = length;
  d->flags = 1;
  EduRegs(uiokit::reg::MmioIo{bar}).ordered().write<EDU::DMA_CMD>(EDU::DMA_CMD::START{1});
}

[[gnu::noinline]] void post_typed_relaxed(Descriptor* d, volatile std::byte* bar, std::uint64_t address, std::uint32_t length) {
  d->address = address;
  d->length = length;
  d->flags = 1;
  EduRegs(uiokit::reg::MmioIo{bar}).write<EDU::DMA_CMD>(EDU::DMA_CMD::START{1});
}

}  // extern "C"
