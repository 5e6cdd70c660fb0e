// SPDX-License-Identifier: MIT
// Copies into and out of device memory: Linux's memcpy_toio and memcpy_fromio.
//
// memcpy may use any access that normal memory allows: unaligned and overlapping stores at the
// ends of a run, vector stores, and on arm64 `DC ZVA`, which zeroes a whole cache line at once.
// Memory mapped as Device (arm64's Device-nGnRE and Device-nGnRnE, which is what a VFIO region
// or a UIO map gives; ARMv7's Device and Strongly-ordered) faults on each of those. These
// functions make naturally aligned accesses only: single bytes up to an 8-byte boundary, then
// 8-byte words (two 4-byte ones on 32-bit ARM, as mmio::store does), then single bytes.
// Like Linux's, they are relaxed: order them against other memory with mmio::wmb() if needed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "uiokit/mmio.hpp"

namespace uiokit::mmio {

namespace detail {
// The walk over [addr, addr + n): byte(i) for the unaligned head and the tail, word(i) for each
// 8-byte word aligned at addr + i. The accesses are parameters so that a test can record them.
template <class Byte, class Word>
void walk_aligned(std::uintptr_t addr, std::size_t n, Byte byte, Word word) {
  std::size_t i = 0;
  for (; i < n && (addr + i) % 8 != 0; ++i) byte(i);
  for (; n - i >= 8; i += 8) word(i);
  for (; i < n; ++i) byte(i);
}
}  // namespace detail

inline void copy_to_io(volatile void* dst, const void* src, std::size_t n) noexcept {
  auto* d = static_cast<volatile std::byte*>(dst);
  const auto* s = static_cast<const std::byte*>(src);
  detail::walk_aligned(
      reinterpret_cast<std::uintptr_t>(dst), n,
      [&](std::size_t i) { store<std::uint8_t>(d + i, std::to_integer<std::uint8_t>(s[i])); },
      [&](std::size_t i) {
        std::uint64_t w;
        std::memcpy(&w, s + i, sizeof w);  // the source is normal memory: any alignment
        store<std::uint64_t>(d + i, w);
      });
}

inline void copy_from_io(void* dst, const volatile void* src, std::size_t n) noexcept {
  auto* d = static_cast<std::byte*>(dst);
  const auto* s = static_cast<const volatile std::byte*>(src);
  detail::walk_aligned(
      reinterpret_cast<std::uintptr_t>(src), n, [&](std::size_t i) { d[i] = std::byte{load<std::uint8_t>(s + i)}; },
      [&](std::size_t i) {
        const std::uint64_t w = load<std::uint64_t>(s + i);
        std::memcpy(d + i, &w, sizeof w);
      });
}

}  // namespace uiokit::mmio
