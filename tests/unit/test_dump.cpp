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
  auto d = dump(b, {}, 0x10070000);
  const auto text = to_text(d);
  CHECK(text.find("CON") != std::string::npos);
  CHECK(text.find("CLK=fast (1)") != std::string::npos);
  CHECK(text.find("S=invalid BCD 0x5a") != std::string::npos);
  CHECK(text.find("reading clears it") != std::string::npos);
  CHECK(text.find("write-only") != std::string::npos);
  CHECK(dev.peek(0x8, 4) == 0x77);  // the FIFO was not read
  CHECK(dev.reads_of(0x8) == 0);

  auto j = nlohmann::json::parse(to_json(d));
  CHECK(j["block"] == "demo");
  CHECK(j["registers"][0]["fields"]["CLK"]["name"] == "fast");
  CHECK(j["registers"][0]["address"] == 0x10070000);
  CHECK(j["registers"][1]["fields"]["S"]["error"] == "invalid BCD");
  CHECK(j["registers"][2]["skipped"].is_string());

  auto forced = dump(b, DumpOptions{true});
  CHECK(forced.rows[2].value == 0x77u);
  CHECK(dev.peek(0x8, 4) == 0);
}

TEST_CASE("describe turns the types into data") {
  auto d = describe<dumpdemo::Dev>();
  REQUIRE(d.registers.size() == 4);
  CHECK(d.name == "demo");
  CHECK(d.registers[1].fields[0].encoding == Encoding::bcd);
  CHECK(d.registers[0].fields[1].values.size() == 2);
  CHECK(d.registers[3].access == Access::wo);
}
