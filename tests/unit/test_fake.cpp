// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "uiokit/fake/fake_device.hpp"

using uiokit::fake::FakeDevice;

TEST_CASE("fake: read-to-clear, sequences, read-only, logging") {
  FakeDevice dev(0x40, "dev");
  dev.poke(0x0, 4, 0xabcd);
  dev.read_to_clear(0x0, 0x00ff);
  CHECK(dev.read(0x0, 4) == 0xabcd);
  CHECK(dev.read(0x0, 4) == 0xab00);

  dev.sequence(0x4, {1, 2, 3});
  CHECK(dev.read(0x4, 4) == 1);
  CHECK(dev.read(0x4, 4) == 2);
  CHECK(dev.read(0x4, 4) == 3);
  CHECK(dev.read(0x4, 4) == 3);

  dev.poke(0x8, 4, 7);
  dev.read_only(0x8);
  dev.write(0x8, 4, 9);
  CHECK(dev.peek(0x8, 4) == 7);
  CHECK(dev.writes_to(0x8) == 1);
  CHECK(dev.reads_of(0x4) == 4);
}

TEST_CASE("fake: bad accesses are errors, not crashes") {
  FakeDevice dev(0x10);
  CHECK_THROWS_AS((void)dev.read(0x10, 4), uiokit::Error);
  CHECK_THROWS_AS((void)dev.read(0x2, 4), uiokit::Error);
  CHECK_THROWS_AS(dev.write(0x0, 3, 0), uiokit::Error);
}

TEST_CASE("fake: region() exposes the bytes without side effects") {
  FakeDevice dev(0x10);
  dev.poke(0x4, 4, 0x55);
  dev.read_to_clear(0x4);
  auto r = dev.region();
  CHECK(r.read<std::uint32_t>(4) == 0x55);
  CHECK(r.read<std::uint32_t>(4) == 0x55);
}
