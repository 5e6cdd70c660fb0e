// SPDX-License-Identifier: MIT
// Copies to and from device memory (mmio_copy.hpp): every access naturally aligned, every byte
// of the run touched exactly once, nothing outside it, and the bytes right, for every start
// alignment and length around a word.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "uiokit/mmio_copy.hpp"

using uiokit::mmio::copy_from_io;
using uiokit::mmio::copy_to_io;

TEST_CASE("the aligned walk: bytes to a word boundary, aligned words, bytes, each byte once") {
  for (std::uintptr_t addr = 0x1000; addr < 0x1010; ++addr) {
    for (std::size_t n = 0; n <= 40; ++n) {
      CAPTURE(addr);
      CAPTURE(n);
      std::vector<int> touched(n, 0);
      bool aligned = true;
      uiokit::mmio::detail::walk_aligned(
          addr, n, [&](std::size_t i) { ++touched.at(i); },
          [&](std::size_t i) {
            aligned = aligned && (addr + i) % 8 == 0;
            for (std::size_t k = 0; k < 8; ++k) ++touched.at(i + k);
          });
      CHECK(aligned);
      bool once = true;
      for (int t : touched) once = once && t == 1;
      CHECK(once);
    }
  }
}

TEST_CASE("copy_to_io and copy_from_io copy the run and nothing around it") {
  std::array<std::uint8_t, 64> src{};
  for (std::size_t i = 0; i < src.size(); ++i) src[i] = static_cast<std::uint8_t>(i * 7 + 3);
  for (std::size_t off = 0; off < 9; ++off) {
    for (std::size_t n = 0; n <= 30; ++n) {
      CAPTURE(off);
      CAPTURE(n);
      alignas(8) std::array<std::uint8_t, 64> dev;
      dev.fill(0xee);
      copy_to_io(dev.data() + off, src.data() + 1, n);  // an unaligned source too
      bool ok = true;
      for (std::size_t i = 0; i < dev.size(); ++i) {
        const bool inside = i >= off && i < off + n;
        ok = ok && dev[i] == (inside ? src[i - off + 1] : 0xee);
      }
      CHECK(ok);
      std::array<std::uint8_t, 64> back;
      back.fill(0x11);
      copy_from_io(back.data() + 3, dev.data() + off, n);
      bool back_ok = true;
      for (std::size_t i = 0; i < back.size(); ++i) {
        const bool inside = i >= 3 && i < 3 + n;
        back_ok = back_ok && back[i] == (inside ? src[i - 3 + 1] : 0x11);
      }
      CHECK(back_ok);
    }
  }
}
