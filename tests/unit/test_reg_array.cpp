// SPDX-License-Identifier: MIT
// What the register DSL learnt for generated code: arrays and cluster arrays, write-0 and toggle
// kinds, read side effects, reset values, wait_for, and the free functions for templates.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>

#include "uiokit/fake/fake_device.hpp"
#include "uiokit/reg/block.hpp"
#include "uiokit/reg/describe.hpp"

using namespace uiokit::reg;

namespace arr {
struct STAT : Reg<"STAT", 0x00, std::uint32_t, Access::rw, RegOptions{.reset = 0x30, .reset_mask = 0xff}> {
  using DONE = Field<"DONE", 0, 1, Access::w1c>;
  using FLIP = Field<"FLIP", 1, 1, Access::w1t>;
  using ARM = Field<"ARM", 2, 1, with(Access::rw, OnWrite::zero_clears)>;
  using LEVEL = Field<"LEVEL", 4, 4, Access::inherit, Encoding::plain, void, 3>;
  using fields = Fields<DONE, FLIP, ARM, LEVEL>;
};
struct POP : Reg<"POP", 0x04, std::uint32_t, with(Access::ro, OnWrite::plain, OnRead::modifies)> {};
struct DATA_element : Reg<"DATA", 0x10, std::uint32_t> {
  using LO = Field<"LO", 0, 16>;
  using fields = Fields<LO>;
};
using DATA = Array<DATA_element, 4, 4>;
// A cluster CH[2] of stride 0x10 at 0x20: CTRL at +0, and VAL[2] at +4.
struct CH {
  struct CTRL_element : Reg<"CH[].CTRL", 0x20, std::uint32_t> {};
  using CTRL = Array<CTRL_element, 2, 0x10, "CH[%s].CTRL">;
  struct VAL_element : Reg<"CH[].VAL[]", 0x24, std::uint32_t> {};
  using VAL = Array<Array<VAL_element, 2, 4>, 2, 0x10, "CH[%s].VAL[%s]">;
};
using Dev = Block<"dev", 0x40, STAT, POP, DATA, CH::CTRL, CH::VAL>;
}  // namespace arr
using namespace arr;

TEST_CASE("arrays: constant and run-time indices reach the element's offset") {
  uiokit::fake::FakeDevice dev(0x40, "dev");
  auto b = dev.bind<Dev>();
  b.write<DATA::at<2>>(DATA::LO{0x1234});
  CHECK(dev.peek(0x18, 4) == 0x1234);
  CHECK(b.read<DATA>(2).get<DATA::LO>() == 0x1234);
  b.write<DATA>(3, DATA::LO{7});
  CHECK(dev.peek(0x1c, 4) == 7);
  CHECK_THROWS_AS(b.read<DATA>(4), uiokit::Error);
  b.write_raw<at<CH::VAL, 1, 1>>(0xabcd);
  CHECK(dev.peek(0x20 + 0x10 + 4 + 4, 4) == 0xabcd);
  CHECK(b.read<CH::VAL>(1, 1).raw() == 0xabcd);
  b.modify<CH::CTRL>(1);
  CHECK(dev.reads_of(0x30) == 1);
  CHECK_THROWS_AS(b.write<CH::VAL>(Index<CH::VAL>{2, 0}), uiokit::Error);
}

TEST_CASE("arrays appear element by element in descriptions, named by their pattern, in offset order") {
  const auto d = describe<Dev>();
  REQUIRE(d.registers.size() == 2 + 4 + 2 + 4);
  CHECK(d.registers[2].name == "DATA[0]");
  CHECK(d.registers[5].name == "DATA[3]");
  CHECK(d.registers[5].offset == 0x1c);
  CHECK(d.registers[7].name == "CH[0].VAL[0]");  // between the two CTRL elements
  CHECK(d.registers[7].offset == 0x24);
  CHECK(d.registers[9].name == "CH[1].CTRL");
  CHECK(d.registers[9].offset == 0x30);
  CHECK(d.registers[11].name == "CH[1].VAL[1]");
  CHECK(d.registers[11].offset == 0x38);
  CHECK(d.registers[0].reset_value == 0x30);
}

TEST_CASE("write and modify put the do-nothing value in w1c, w1t and w0c bits") {
  uiokit::fake::FakeDevice dev(0x40, "dev");
  auto b = dev.bind<Dev>();
  b.write<STAT>(STAT::LEVEL{1});
  CHECK(dev.peek(0, 4) == 0x14);  // ARM (w0c) written as 1, DONE/FLIP as 0
  dev.poke(0, 4, 0x3);            // DONE and FLIP pending, ARM clear
  b.modify(STAT::LEVEL{9});
  CHECK(dev.peek(0, 4) == 0x94);
  b.write<STAT::FLIP>(1);  // one field, read-modify-write
  CHECK(dev.peek(0, 4) == 0x96);
  CHECK(to_string(STAT::ARM::access) == "w0c");
  CHECK(to_string(with(Access::wo, OnWrite::one_clears)) == "wo+w1c");
  CHECK(to_string(Access::w1c) == "w1c");
  CHECK(to_string(POP::access) == "rm");
}

TEST_CASE("a read with a side effect is only done when asked for") {
  uiokit::fake::FakeDevice dev(0x40, "dev");
  auto b = dev.bind<Dev>();
  static_assert(read_side_effect<POP>);
  static_assert(!read_side_effect<STAT>);
  dev.poke(4, 4, 5);
  CHECK(b.read<POP>(side_effects).raw() == 5);
}

namespace {
// Driver code in a template: the free functions need no `.template`.
template <class Bnd>
bool poll_done(Bnd& b) {
  write<STAT>(b, STAT::LEVEL{2});
  const auto stat = read<STAT>(b);
  return get<STAT::LEVEL>(stat) == 2 && !is_set<STAT::ARM>(stat) && get<STAT::LEVEL>(b) == 2 &&
         wait_for<STAT::DONE>(b, 1, std::chrono::milliseconds(50));
}
}  // namespace

TEST_CASE("wait_for polls a field until it has the value, or times out") {
  uiokit::fake::FakeDevice dev(0x40, "dev");
  auto b = dev.bind<Dev>();
  dev.sequence(0, {0x20, 0x20, 0x20, 0x21});
  CHECK(poll_done(b));
  dev.sequence(0, {0x0});
  const auto t0 = std::chrono::steady_clock::now();
  CHECK_FALSE(b.wait_for<STAT::DONE>(1, std::chrono::milliseconds(20), std::chrono::microseconds(500)));
  CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(20));
}

TEST_CASE("wait_for until a predicate holds, a register without fields reads as its word") {
  uiokit::fake::FakeDevice dev(0x40, "dev");
  auto b = dev.bind<Dev>();
  using CTRL1 = at<CH::CTRL, 1>;  // at 0x30, no fields
  dev.sequence(0x30, {1, 5, 9, 12});
  CHECK(get<CTRL1>(b) == 1);
  CHECK(wait_for<CTRL1>(b, [](std::uint32_t n) { return n > 8; }, std::chrono::milliseconds(50)));
  CHECK(dev.reads_of(0x30) == 3);
  dev.sequence(0, {0x30});
  CHECK(b.wait_for<STAT::LEVEL>([](std::uint32_t level) { return level == 3; }, std::chrono::milliseconds(20)));
  CHECK_FALSE(b.wait_for<STAT::LEVEL>([](std::uint32_t level) { return level > 3; }, std::chrono::milliseconds(5)));
}
