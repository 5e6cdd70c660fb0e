// SPDX-License-Identifier: MIT
// Pixels written by hand, not computed by the code under test: the host's expected picture and
// the guest's card are drawn by the same functions, so a bug in unpacking, in a pattern or in
// the font would otherwise appear on both sides of every screendump comparison and pass.
#include <doctest/doctest.h>

#include <cstdint>

#include "uiokit/fb/compare.hpp"
#include "uiokit/fb/draw.hpp"
#include "uiokit/fb/pattern.hpp"

using namespace uiokit::fb;

namespace {
struct Known {
  PixelFormat format;
  std::uint32_t raw;
  std::uint32_t shifted;     // what a display that shifts shows, as 0xRRGGBB
  std::uint32_t replicated;  // what a display that replicates the top bits shows
};

// 0x8410 in RGB565 is r=16 g=32 b=16: shifted 128,128,128; replicated (16<<3|16>>2)=132 and
// (32<<2|32>>4)=130.
constexpr Known known[] = {
    {PixelFormat::xrgb8888, 0x00123456, 0x123456, 0x123456}, {PixelFormat::xbgr8888, 0x00563412, 0x123456, 0x123456},
    {PixelFormat::rgb565, 0xf800, 0xf80000, 0xff0000},       {PixelFormat::rgb565, 0x07e0, 0x00fc00, 0x00ff00},
    {PixelFormat::rgb565, 0x001f, 0x0000f8, 0x0000ff},       {PixelFormat::rgb565, 0x8410, 0x808080, 0x848284},
    {PixelFormat::bgr565, 0xf800, 0x0000f8, 0x0000ff},       {PixelFormat::bgr565, 0x001f, 0xf80000, 0xff0000},
    {PixelFormat::xrgb1555, 0x7c00, 0xf80000, 0xff0000},     {PixelFormat::xrgb1555, 0x03e0, 0x00f800, 0x00ff00},
    {PixelFormat::xrgb1555, 0x4210, 0x808080, 0x848484},     {PixelFormat::xbgr1555, 0x7c00, 0x0000f8, 0x0000ff},
    {PixelFormat::xbgr1555, 0x001f, 0xf80000, 0xff0000},
};

std::uint32_t xrgb(Rgb c) { return std::uint32_t{c.r} << 16 | std::uint32_t{c.g} << 8 | c.b; }

Image solid(PixelFormat f, std::uint32_t raw) {
  Image img(4, 2, f);
  for (std::uint32_t y = 0; y < 2; ++y)
    for (std::uint32_t x = 0; x < 4; ++x) img.surface().put(x, y, raw);
  return img;
}
}  // namespace

TEST_CASE("fb pixels: each format's memory value is shown as the hand-computed colour") {
  for (const auto& k : known) {
    CAPTURE(to_string(k.format));
    CAPTURE(k.raw);
    const Image img = solid(k.format, k.raw);
    CHECK(xrgb(displayed(img.surface(), 0, 0, Expansion::shift)) == k.shifted);
    CHECK(xrgb(displayed(img.surface(), 0, 0, Expansion::replicate)) == k.replicated);
    const Image dump = expected_dump(img.surface(), Expansion::shift);
    CHECK((dump.surface().get(1, 1) & 0xffffff) == k.shifted);
  }
}

TEST_CASE("fb pixels: compare accepts a hand-written dump and refuses one off by a widening") {
  for (const auto& k : known) {
    CAPTURE(to_string(k.format));
    const Image want = solid(k.format, k.raw);
    Image dump(4, 2, PixelFormat::xrgb8888);
    for (std::uint32_t y = 0; y < 2; ++y)
      for (std::uint32_t x = 0; x < 4; ++x) dump.surface().put(x, y, k.shifted);
    CHECK(compare(dump.surface(), want.surface(), Expansion::shift).ok());
    if (k.shifted != k.replicated) {
      dump.surface().put(3, 1, k.replicated);
      const auto r = compare(dump.surface(), want.surface(), Expansion::shift);
      CHECK_FALSE(r.ok());
      CHECK(r.mismatches == 1);
    }
  }
}

TEST_CASE("fb pixels: pattern pixels computed from the pattern's definition") {
  Image img(64, 32, PixelFormat::xrgb8888);
  const Surface& s = img.surface();
  SUBCASE("bars: eight equal bars, white first, black last") {
    draw_pattern(s, Pattern::bars);
    CHECK(s.get(0, 0) == 0xffffff);
    CHECK(s.get(7, 31) == 0xffffff);
    CHECK(s.get(8, 0) == 0xffff00);   // yellow
    CHECK(s.get(16, 5) == 0x00ffff);  // cyan
    CHECK(s.get(40, 9) == 0xff0000);  // red
    CHECK(s.get(63, 31) == 0x000000);
  }
  SUBCASE("checker: 16-pixel squares starting blue") {
    draw_pattern(s, Pattern::checker);
    CHECK(s.get(0, 0) == 0x1428a0);
    CHECK(s.get(15, 15) == 0x1428a0);
    CHECK(s.get(16, 0) == 0xf0c828);
    CHECK(s.get(16, 16) == 0x1428a0);
    CHECK(s.get(0, 16) == 0xf0c828);
  }
  SUBCASE("grid: green lines every 32 pixels, red and blue diagonals, a white frame") {
    Image big(100, 100, PixelFormat::xrgb8888);
    draw_pattern(big.surface(), Pattern::grid);
    const Surface& g = big.surface();
    CHECK(g.get(32, 10) == 0x00a000);
    CHECK(g.get(10, 64) == 0x00a000);
    CHECK(g.get(10, 10) == 0xff4040);  // the diagonal from the top left
    CHECK(g.get(5, 7) == 0x000000);
    CHECK(g.get(0, 50) == 0xffffff);
    CHECK(g.get(99, 99) == 0xffffff);
  }
}

TEST_CASE("fb pixels: gradient values from its formula") {
  Image img(256, 256, PixelFormat::xrgb8888);
  draw_pattern(img.surface(), Pattern::gradient);
  const Surface& s = img.surface();
  CHECK(s.get(0, 0) == 0x0000ff);     // r 0, g 0, b 255
  CHECK(s.get(255, 255) == 0xffff00);
  CHECK(s.get(51, 0) == 0x3300cc);    // r = 51*255/255, b = 255-51
  CHECK(s.get(0, 85) == 0x0055ff);    // g = 85*255/255
}

TEST_CASE("fb pixels: the card's corner mark and a glyph of the font") {
  Image img(200, 100, PixelFormat::xrgb8888);
  draw_card(img.surface(), Pattern::bars, {"A"});
  const Surface& s = img.surface();
  CHECK(s.get(0, 0) == 0xffffff);  // the two-pixel frame
  CHECK(s.get(1, 50) == 0xffffff);
  CHECK(s.get(5, 3) == 0xff0000);  // red bar (2,2)-(13,5)
  CHECK(s.get(3, 8) == 0x00ff00);  // green post (2,6)-(5,13)
  // The text box starts at (16,16); its text at (20,20). 'A' is 0x0E,0x11,0x11,0x11,0x1F,...
  // with bit 4 in column 1 of the 8-pixel cell: row 0 lights columns 2-4, row 4 columns 1-5.
  CHECK(s.get(21, 20) == 0x000000);
  CHECK(s.get(22, 20) == 0xffffff);
  CHECK(s.get(24, 20) == 0xffffff);
  CHECK(s.get(25, 20) == 0x000000);
  for (std::uint32_t x = 21; x <= 25; ++x) CHECK(s.get(x, 24) == 0xffffff);
  CHECK(s.get(26, 24) == 0x000000);
  CHECK(s.get(21, 21) == 0xffffff);  // row 1 (0x11): the two legs
  CHECK(s.get(22, 21) == 0x000000);
  CHECK(s.get(25, 21) == 0xffffff);
}
