// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>

#include "uiokit/mmio.hpp"

using namespace uiokit::mmio;

TEST_CASE("mmio accessors read and write exactly their width") {
  alignas(8) unsigned char mem[16];
  std::memset(mem, 0xaa, sizeof mem);
  writel(0x11223344, mem + 4);
  CHECK(mem[3] == 0xaa);  // neighbours untouched
  CHECK(mem[8] == 0xaa);
  CHECK(readl(mem + 4) == 0x11223344);
  CHECK(readb(mem + 4) == 0x44);
  CHECK(readw(mem + 6) == 0x1122);
  writeb(0x5a, mem + 9);
  CHECK(mem[10] == 0xaa);
  writeq(0x0102030405060708ULL, mem + 8);
  CHECK(readq(mem + 8) == 0x0102030405060708ULL);
  CHECK(read32_relaxed(mem + 4) == 0x11223344);
  write16_relaxed(mem, 0xbeef);
  CHECK(read16_relaxed(mem) == 0xbeef);
}

TEST_CASE("big-endian accessors swap on a little-endian CPU") {
  alignas(8) unsigned char mem[8] = {};
  writel_be(0x11223344, mem);
  CHECK(mem[0] == 0x11);
  CHECK(mem[3] == 0x44);
  CHECK(readl_be(mem) == 0x11223344);
  writew_be(0xabcd, mem + 4);
  CHECK(mem[4] == 0xab);
  CHECK(readw_be(mem + 4) == 0xabcd);
  CHECK(byteswap<std::uint64_t>(0x0102030405060708ULL) == 0x0807060504030201ULL);
  CHECK(from_device<std::uint32_t>(0x11223344, Endian::little) == 0x11223344);
}

TEST_CASE("an ordered write still lands after the barrier") {
  alignas(8) unsigned char mem[8] = {};
  mb();
  rmb();
  dma_rmb();
  dma_wmb();
  writel(7, mem);  // writel issues wmb() first
  CHECK(readl(mem) == 7);
}
