// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <array>
#include <nlohmann/json.hpp>

#include "uiokit/fake/fake_device.hpp"
#include "uiokit/reg/dump.hpp"

using namespace uiokit::reg;

namespace dumpdemo {
enum class Clk : std::uint8_t { slow = 0, fast = 1 };
constexpr auto enumerators(Clk) { return std::array{Enumerator<Clk>{Clk::slow, "slow"}, Enumerator<Clk>{Clk::fast, "fast"}}; }
struct CON : Reg<"CON", 0x0, std::uint32_t> {
  using EN = Field<"EN", 0, 1>;
  using CLK = EnumField<"CLK", 1, 1, Clk>;
  using fields = Fields<EN, CLK>;
};
struct SEC : Reg<"SEC", 0x4, std::uint32_t> {
  using S = BcdField<"S", 0, 7>;
  using fields = Fields<S>;
};
struct FIFO : Reg<"FIFO", 0x8, std::uint32_t, Access::rc> {};
struct CMD : Reg<"CMD", 0xc, std::uint32_t, Access::wo> {};
using Dev = Block<"demo", 0x10, CON, SEC, FIFO, CMD>;
}  // namespace dumpdemo

TEST_CASE("dump names every register, decodes fields, and skips side-effect reads") {
  uiokit::fake::FakeDevice dev(0x10);
  dev.poke(0x0, 4, 0x3);
  dev.poke(0x4, 4, 0x5a);
  dev.read_to_clear(0x8);
  dev.poke(0x8, 4, 0x77);
  auto b = dev.bind<dumpdemo::Dev>();
  const auto text = dump(b);
  CHECK(text.starts_with("demo\n"));
  CHECK(text.find("demo.CON") != std::string::npos);
  CHECK(text.find("= 0x1        fast") != std::string::npos);
  CHECK(text.find("= 0x5a        (invalid BCD)") != std::string::npos);
  CHECK(text.find("[0x8]   (not read: read has side effects; --force reads it)") != std::string::npos);
  CHECK(text.find("[0xc]   (not read: write-only)") != std::string::npos);
  CHECK(dev.peek(0x8, 4) == 0x77);  // the FIFO was not read
  CHECK(dev.reads_of(0x8) == 0);

  DumpOptions at;
  at.address = 0x10070000;
  const auto j = dump_json(b, at);
  REQUIRE(j.size() == 4);
  CHECK(j[0]["fields"]["CLK"]["enum"] == "fast");
  CHECK(j[0]["address"] == 0x10070000);
  CHECK(j[1]["fields"]["S"]["bcd_error"] == "invalid BCD");
  CHECK(j[2]["skipped"].is_string());

  dev.poke(0x4, 4, 0x59);
  CHECK(dump_json(b)[1]["fields"]["S"]["bcd"] == 59);
  CHECK(dump(b).find("= 0x59        (BCD 59)") != std::string::npos);

  DumpOptions force;
  force.force = true;
  CHECK(dump_json(b, force)[2]["value"] == 0x77);
  CHECK(dev.peek(0x8, 4) == 0);
}

TEST_CASE("describe turns the types into the register model") {
  const auto p = describe<dumpdemo::Dev>();
  REQUIRE(p.registers.size() == 4);
  CHECK(p.name == "demo");
  CHECK(p.block_size == 0x10);
  CHECK(p.registers[1].fields[0].encoding == Encoding::bcd);
  CHECK(p.registers[0].fields[1].enums.size() == 2);
  CHECK(p.registers[0].fields[1].enum_for(1)->name == "fast");
  CHECK(p.registers[2].access == Access::rc);
  CHECK(p.registers[2].read_has_side_effects());
  CHECK(p.registers[3].access == Access::wo);
  CHECK(p.registers[0].fields[0].access == Access::rw);  // inherited from the register
}
