// SPDX-License-Identifier: MIT
// The PrimeCell CLCD driver over the fake: the variant an ID and a board make, the registers
// each layout's mode set writes and in which order (the PL110 has LCDControl and its interrupt
// enable the other way round from the PL111 and the Versatile's PL110), show() waiting for the
// DMA to reach the new page, and refusals that write nothing.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "uiokit/backend/file.hpp"
#include "uiokit/error.hpp"
#include "uiokit/fake/fake_device.hpp"
#include "uiokit/fake/fake_transport.hpp"
#include "uiokit/fb/clcd.hpp"
#include "uiokit/fb/draw.hpp"

using namespace uiokit::fb;
using uiokit::Errc;
using uiokit::fake::FakeDevice;

namespace {
constexpr std::uint64_t bus = 0x4c000000;
// LCDControl bits: LcdEn, LcdTFT, BGR, LcdPwr, and LcdBpp's codes.
constexpr std::uint32_t en = 1, tft = 0x20, bgr = 0x100, pwr = 0x800;
constexpr std::uint32_t bpp(std::uint32_t code) { return code << 1; }

// A CLCD on the fake: its registers behind a FakeTransport, its video RAM in a memfd.
struct FakeClcd {
  FakeDevice regs{0x1000, "clcd"};
  uiokit::fake::FakeTransport transport{regs};
  uiokit::Region ram = uiokit::map_memfd("vram", 8 << 20);

  FakeClcd(std::uint8_t id0, std::uint8_t id1, std::uint8_t id2) {
    regs.poke(0xfe0, 4, id0);
    regs.poke(0xfe4, 4, id1);
    regs.poke(0xfe8, 4, id2);
  }
};
// The fake is the test's: the display borrows it, with the video RAM at `vram_bus`.
class Lent final : public ClcdDevice {
 public:
  explicit Lent(FakeClcd& c, std::uint64_t vram_bus = bus) : c_(c), bus_(vram_bus) {}
  uiokit::Transport& registers() override { return c_.transport; }
  uiokit::Region& vram() override { return c_.ram; }
  std::string name() const override { return "test-clcd"; }
  std::string via() const override { return "test"; }
  std::uint64_t vram_bus() override { return bus_; }

 private:
  FakeClcd& c_;
  std::uint64_t bus_;
};
FakeClcd pl111() { return {0x11, 0x11, 0x24}; }
FakeClcd pl110() { return {0x10, 0x11, 0x04}; }

std::vector<std::size_t> writes(const FakeDevice& d) {
  std::vector<std::size_t> out;
  for (const auto& a : d.log())
    if (a.write) out.push_back(a.offset);
  return out;
}

template <class F>
void refused_without_writes(FakeDevice& regs, Errc code, F&& bad, const char* says = "") {
  regs.clear_log();
  try {
    bad();
    FAIL("a bad request was accepted");
  } catch (const uiokit::Error& e) {
    CHECK(e.code() == code);
    CHECK(std::string(e.what()).find(says) != std::string::npos);
  }
  CHECK(writes(regs).empty());
}

// Mode set in the TRM's order: power down (LcdPwr, LcdEn), timings, LCDUPBASE, LCDLPBASE, the
// interrupt mask, LCDControl with the format, LcdEn, LcdPwr.
std::vector<std::size_t> mode_set_order(std::size_t control, std::size_t mask) {
  return {control, control, 0x00, 0x04, 0x08, 0x0c, 0x10, 0x14, mask, control, control, control};
}
}  // namespace

TEST_CASE("fb clcd: the variant comes from the peripheral ID, and for a PL110 from the board") {
  CHECK(identify({0x111, 0x41, 2, 0}, ClcdBoard::other, "t") == ClcdVariant::pl111);
  CHECK(identify({0x111, 0x41, 2, 0}, ClcdBoard::versatile, "t") == ClcdVariant::pl111);
  CHECK(identify({0x110, 0x41, 0, 0}, ClcdBoard::other, "t") == ClcdVariant::pl110);
  CHECK(identify({0x110, 0x41, 0, 0}, ClcdBoard::versatile, "t") == ClcdVariant::pl110_versatile);
  CHECK_THROWS_AS(identify({0x111, 0x00, 2, 0}, ClcdBoard::other, "t"), uiokit::Error);

  auto c = pl111();
  ClcdDisplay fb(std::make_unique<Lent>(c));
  CHECK(fb.variant() == ClcdVariant::pl111);
  CHECK(fb.name() == "PL111 test-clcd");
  CHECK(writes(c.regs).empty());
  auto v = pl110();
  CHECK(ClcdDisplay(std::make_unique<Lent>(v), ClcdBoard::versatile).variant() == ClcdVariant::pl110_versatile);
  CHECK(ClcdDisplay(std::make_unique<Lent>(v)).variant() == ClcdVariant::pl110);

  // The vexpress PL031's ID (0x31 0x10 0x14): refused before anything is written.
  FakeClcd rtc(0x31, 0x10, 0x14);
  refused_without_writes(rtc.regs, Errc::not_found, [&] { ClcdDisplay(std::make_unique<Lent>(rtc)); }, "not a PL111");
}

TEST_CASE("fb clcd: a PL111 has LCDControl at 0x18 and LCDIMSC at 0x1C, show() waits for the DMA") {
  auto c = pl111();
  ClcdDisplay fb(std::make_unique<Lent>(c));
  CHECK(fb.formats().size() == 6);
  CHECK_FALSE(fb.mode());
  c.regs.poke(0x1c, 4, 0x1e);  // interrupts left enabled by someone before
  fb.set_mode({640, 480, PixelFormat::rgb565, 2});
  CHECK(writes(c.regs) == mode_set_order(0x18, 0x1c));
  CHECK(c.regs.peek(0x18, 4) == (pwr | bgr | tft | bpp(6) | en));  // 5:6:5, red high
  CHECK(c.regs.peek(0x1c, 4) == 0);
  CHECK((c.regs.peek(0x00, 4) & 0xfc) == 39u << 2);  // PPL = 640/16 - 1
  CHECK((c.regs.peek(0x04, 4) & 0x3ff) == 479u);     // LPP
  CHECK(c.regs.peek(0x10, 4) == bus);
  const auto m = fb.mode();
  REQUIRE(m);
  CHECK(m->format == PixelFormat::rgb565);
  CHECK(m->width == 640);
  CHECK(m->pages == 2);

  // LCDUPCURR (0x2C) reaches the new page after two more reads: show() returns then.
  const std::uint32_t page1 = bus + 640 * 480 * 2;
  c.regs.sequence(0x2c, {bus + 100, bus + 200, page1 + 64});
  c.regs.clear_log();
  fb.show(1);
  CHECK(c.regs.peek(0x10, 4) == page1);
  CHECK(c.regs.reads_of(0x2c) == 3);
  CHECK(fb.shown() == 1);
  // Stuck in the old page: it gives up after 50 ms, the new base set.
  c.regs.sequence(0x2c, {page1 + 64});
  const auto t0 = std::chrono::steady_clock::now();
  fb.show(0);
  CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(50));
  CHECK(fb.shown() == 0);

  refused_without_writes(c.regs, Errc::invalid_argument, [&] { fb.set_mode({650, 480, PixelFormat::rgb565, 2}); });
  refused_without_writes(c.regs, Errc::invalid_argument, [&] { fb.set_mode({0, 0, PixelFormat::rgb565, 2}); });
  refused_without_writes(c.regs, Errc::invalid_argument, [&] { fb.set_mode({2048, 2048, PixelFormat::xrgb8888, 1}); });
  refused_without_writes(c.regs, Errc::invalid_argument, [&] { fb.set_mode({1024, 1024, PixelFormat::xrgb8888, 3}); });
  refused_without_writes(c.regs, Errc::invalid_argument, [&] { fb.show(2); });

  fb.set_mode({320, 240, PixelFormat::xbgr8888, 2});  // 24 bpp (code 5), BGR clear
  CHECK(c.regs.peek(0x18, 4) == (pwr | tft | bpp(5) | en));
  fill(fb.page(1), {255, 0, 0});
  CHECK(c.ram.read<std::uint32_t>(320 * 240 * 4) == 0x000000ffu);  // red in bits 7:0
}

TEST_CASE("fb clcd: a PL110 has LCDINTRENABLE at 0x18, LCDControl at 0x1C and LCDUPCURR at 0x28") {
  auto c = pl110();
  ClcdDisplay fb(std::make_unique<Lent>(c));
  CHECK(fb.formats() == std::vector<PixelFormat>{PixelFormat::xrgb8888, PixelFormat::xbgr8888});
  fb.set_mode({320, 240, PixelFormat::xrgb8888, 2});
  CHECK(writes(c.regs) == mode_set_order(0x1c, 0x18));
  CHECK(c.regs.peek(0x1c, 4) == (pwr | bgr | tft | bpp(5) | en));
  CHECK(c.regs.peek(0x18, 4) == 0);
  REQUIRE(fb.mode());
  CHECK(fb.mode()->format == PixelFormat::xrgb8888);

  const std::uint32_t page1 = bus + 320 * 240 * 4;
  c.regs.sequence(0x28, {bus, page1});
  c.regs.clear_log();
  fb.show(1);
  CHECK(c.regs.reads_of(0x28) == 2);
  CHECK(c.regs.reads_of(0x2c) == 0);

  // No 5:6:5 code, and its 16 bpp depends on the board: refused, naming what it does.
  refused_without_writes(c.regs, Errc::unsupported, [&] { fb.set_mode({320, 240, PixelFormat::rgb565, 2}); },
                         "multiplexer");
  // The same bits in the PL111's place are not a mode this layout reads back.
  c.regs.poke(0x1c, 4, 0);
  c.regs.poke(0x18, 4, pwr | bgr | tft | bpp(5) | en);
  CHECK_FALSE(fb.mode());
}

TEST_CASE("fb clcd: the Versatile's PL110 has LCDControl at 0x18 and LCDINTRENABLE at 0x1C") {
  auto c = pl110();
  ClcdDisplay fb(std::make_unique<Lent>(c), ClcdBoard::versatile);
  CHECK(fb.name() == "PL110 (Versatile) test-clcd");
  CHECK(fb.details().front().second.find("LCDControl at 0x18") != std::string::npos);
  fb.set_mode({640, 480, PixelFormat::xbgr8888, 1});
  CHECK(writes(c.regs) == mode_set_order(0x18, 0x1c));
  CHECK(c.regs.peek(0x18, 4) == (pwr | tft | bpp(5) | en));
  CHECK(c.regs.peek(0x1c, 4) == 0);
  CHECK(fb.mode()->pages == 2);  // what fits in the video RAM, at most two
  refused_without_writes(c.regs, Errc::unsupported, [&] { fb.set_mode({640, 480, PixelFormat::bgr565, 1}); });

  // disable(): LcdPwr off first, with LcdEn still on; then LcdEn.
  c.regs.clear_log();
  fb.disable();
  REQUIRE(c.regs.log().size() == 4);  // two read-modify-writes of LCDControl
  CHECK(c.regs.log()[1].value == (tft | bpp(5) | en));
  CHECK(c.regs.log()[3].value == (tft | bpp(5)));
  CHECK_FALSE(fb.mode());
}

TEST_CASE("fb clcd: video RAM without a 32-bit bus address is refused before any write") {
  auto c = pl111();
  refused_without_writes(c.regs, Errc::invalid_argument, [&] { ClcdDisplay(std::make_unique<Lent>(c, 0)); }, "bus address");
  refused_without_writes(c.regs, Errc::invalid_argument,
                         [&] { ClcdDisplay(std::make_unique<Lent>(c, 0xfff00000)); }, "bus address");
}
