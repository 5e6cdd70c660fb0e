// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "uiokit/fake/fake_device.hpp"
#include "uiokit/fake/fake_transport.hpp"
#include "uiokit/reg/block.hpp"

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

namespace {
using namespace uiokit::reg;
struct CTRL : Reg<"CTRL", 0x0, std::uint32_t> {
  using EN = Field<"EN", 0, 1>;
  using fields = Fields<EN>;
};
struct ACK : Reg<"ACK", 0x4, std::uint16_t> {
  using DONE = Field<"DONE", 0, 1, Access::w1c>;
  using fields = Fields<DONE>;
};
using Small = Block<"small", 0x8, CTRL, ACK>;
}  // namespace

TEST_CASE("fake: FakeTransport puts a typed block's accesses through the device's hooks and log") {
  FakeDevice dev(0x10, "dev");
  uiokit::fake::FakeTransport t(dev);
  CHECK(t.size() == 0x10);
  CHECK(t.describe().find("dev") != std::string::npos);
  auto b = bind<Small>(t);
  dev.write_one_to_clear(0x4, 0x1);
  dev.poke(0x4, 2, 1);
  b.modify(CTRL::EN{1});
  b.write(ACK::DONE{1});
  CHECK(dev.peek(0x0, 4) == 1);
  CHECK(dev.peek(0x4, 2) == 0);
  REQUIRE(dev.log().size() == 3);
  CHECK(dev.log()[2].write);
  CHECK(dev.log()[2].offset == 0x4);
  CHECK(dev.log()[2].width == 2);
  CHECK_THROWS_AS((void)t.load(0x10, 4), uiokit::Error);
  CHECK_THROWS_AS(t.store(0x2, 4, 0), uiokit::Error);
}
