// SPDX-License-Identifier: MIT
// The screendump comparator must catch what a broken driver would show: a wrong offset, a
// wrong stride, swapped colour order, a wrong widening of RGB565, or a stale frame.
#include <doctest/doctest.h>

#include <cstring>

#include "uiokit/fb/compare.hpp"
#include "uiokit/fb/draw.hpp"
#include "uiokit/fb/pattern.hpp"

using namespace uiokit::fb;

namespace {
Image card(std::uint32_t w, std::uint32_t h, PixelFormat f, const char* label = "check") {
  Image img(w, h, f);
  draw_card(img.surface(), Pattern::gradient, {label});
  return img;
}
}  // namespace

TEST_CASE("fb compare: an exact dump passes, for every format") {
  for (auto f : {PixelFormat::xrgb8888, PixelFormat::xbgr8888, PixelFormat::rgb565, PixelFormat::bgr565,
                 PixelFormat::xrgb1555}) {
    const Image want = card(160, 120, f);
    const Image dump = expected_dump(want.surface(), Expansion::shift);
    CHECK(compare(dump.surface(), want.surface(), Expansion::shift).ok());
  }
}

TEST_CASE("fb compare: wrong offset, stride, colour order, widening or a stale frame fail") {
  const Image want = card(160, 120, PixelFormat::rgb565);
  const Image good = expected_dump(want.surface(), Expansion::shift);

  SUBCASE("offset by one row (a wrong page base)") {
    Image dump(160, 120, PixelFormat::xrgb8888);
    blit(dump.surface(), 0, -1, good.surface());
    const auto r = compare(dump.surface(), want.surface(), Expansion::shift);
    CHECK_FALSE(r.ok());
    CHECK(r.mismatches > 100);
  }
  SUBCASE("stride off by 16 pixels") {
    // What the display shows when the driver writes rows 176 pixels apart but it reads 160.
    Image wide(176, 120, PixelFormat::rgb565);
    blit(wide.surface(), 0, 0, want.surface());
    const Surface as_read{wide.surface().data, 160, 120, 160 * 2, PixelFormat::rgb565};
    const Image dump = expected_dump(as_read, Expansion::shift);
    CHECK_FALSE(compare(dump.surface(), want.surface(), Expansion::shift).ok());
  }
  SUBCASE("red and blue swapped (BGR bit wrong)") {
    const Surface swapped{want.surface().data, 160, 120, want.surface().stride, PixelFormat::bgr565};
    const Image dump = expected_dump(swapped, Expansion::shift);
    const auto r = compare(dump.surface(), want.surface(), Expansion::shift);
    CHECK_FALSE(r.ok());
    CHECK(r.mismatches > 1000);
  }
  SUBCASE("RGB565 widened by replication where the display shifts") {
    const Image dump = expected_dump(want.surface(), Expansion::replicate);
    CHECK_FALSE(compare(dump.surface(), want.surface(), Expansion::shift).ok());
  }
  SUBCASE("a stale frame from the previous check (another label)") {
    const Image old = card(160, 120, PixelFormat::rgb565, "other");
    const Image dump = expected_dump(old.surface(), Expansion::shift);
    CHECK_FALSE(compare(dump.surface(), want.surface(), Expansion::shift).ok());
  }
  SUBCASE("a different size") {
    const Image dump(320, 240, PixelFormat::xrgb8888);
    const auto r = compare(dump.surface(), want.surface(), Expansion::shift);
    CHECK_FALSE(r.size_matches);
    CHECK_FALSE(r.ok());
  }
}

TEST_CASE("fb compare: QEMU's PL110 model reads the odd pixel of a 1555 word 15 bits up") {
  // What the vexpress dumps show: 0x7fff white twice in one word; the second pixel's lowest
  // channel takes the first pixel's bit 15 (0) and loses its own top bit.
  Image img(4, 1, PixelFormat::xrgb1555);
  fill(img.surface(), {255, 255, 255});
  CHECK(displayed(img.surface(), 0, 0, Expansion::qemu_pl110) == Rgb{248, 248, 248});
  CHECK(displayed(img.surface(), 1, 0, Expansion::qemu_pl110) == Rgb{248, 248, 240});
  CHECK(displayed(img.surface(), 1, 0, Expansion::shift) == Rgb{248, 248, 248});
  Image bgr(2, 1, PixelFormat::xbgr1555);
  fill(bgr.surface(), {255, 255, 255});
  CHECK(displayed(bgr.surface(), 1, 0, Expansion::qemu_pl110) == Rgb{240, 248, 248});
  // Every other format: the same as shift.
  Image other(2, 1, PixelFormat::rgb565);
  fill(other.surface(), {255, 255, 255});
  CHECK(displayed(other.surface(), 1, 0, Expansion::qemu_pl110) == Rgb{248, 252, 248});
  // And the comparator tells the models apart.
  const Image dump = expected_dump(img.surface(), Expansion::qemu_pl110);
  CHECK(compare(dump.surface(), img.surface(), Expansion::qemu_pl110).ok());
  CHECK_FALSE(compare(dump.surface(), img.surface(), Expansion::shift).ok());
}
