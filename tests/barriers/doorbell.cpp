// SPDX-License-Identifier: MIT
// The pattern every DMA driver repeats: a descriptor written to DMA memory, then the doorbell
// register that tells the device to read it. check_doorbell.py compiles this file for each ARM
// target and reads the instructions between the two: the ordered doorbell (writel) must put a
// barrier there that orders the descriptor's stores before the device write; the relaxed one
// has none, which shows the checker tells the two apart.
#include <cstdint>

#include "uiokit/mmio.hpp"

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

}  // extern "C"
