// SPDX-License-Identifier: MIT
#include "uiokit/fb/compare.hpp"

#include "uiokit/fb/draw.hpp"

namespace uiokit::fb {
namespace {
std::string rgb_text(Rgb c) {
  return "(" + std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + ")";
}
}  // namespace

Rgb displayed(const Surface& intended, std::uint32_t x, std::uint32_t y, Expansion e) noexcept {
  const PixelFormat f = intended.format;
  if (e == Expansion::qemu_pl110 && (f == PixelFormat::xrgb1555 || f == PixelFormat::xbgr1555) && x % 2 == 1) {
    // QEMU decodes the word (first pixel in the low half) and shifts by 5+5+5 before the second.
    const std::uint32_t word = intended.get(x - 1, y) | (intended.get(x, y) << 16);
    return unpack(f, (word >> 15) & 0xffff, Expansion::shift);
  }
  return unpack(f, intended.get(x, y), e == Expansion::replicate ? Expansion::replicate : Expansion::shift);
}

std::string CompareResult::summary() const {
  if (!size_matches) return "the dump's size differs from the intended picture's";
  if (mismatches == 0) return "all " + std::to_string(pixels) + " pixels match";
  return std::to_string(mismatches) + " of " + std::to_string(pixels) + " pixels differ; first at (" +
         std::to_string(first_x) + ", " + std::to_string(first_y) + "): expected " + rgb_text(expected) + ", dump has " +
         rgb_text(got);
}

Image expected_dump(const Surface& intended, Expansion e) {
  Image out(intended.width, intended.height, PixelFormat::xrgb8888);
  const Surface o = out.surface();
  for (std::uint32_t y = 0; y < intended.height; ++y)
    for (std::uint32_t x = 0; x < intended.width; ++x)
      o.put(x, y, pack(PixelFormat::xrgb8888, displayed(intended, x, y, e)));
  return out;
}

CompareResult compare(const Surface& dump, const Surface& intended, Expansion e) {
  CompareResult r;
  r.size_matches = dump.width == intended.width && dump.height == intended.height;
  if (!r.size_matches) return r;
  r.diff = Image(dump.width, dump.height, PixelFormat::xrgb8888);
  const Surface d = r.diff.surface();
  for (std::uint32_t y = 0; y < dump.height; ++y)
    for (std::uint32_t x = 0; x < dump.width; ++x) {
      ++r.pixels;
      const Rgb want = displayed(intended, x, y, e);
      const Rgb got = unpack(dump.format, dump.get(x, y), Expansion::shift);
      if (want == got) {
        d.put(x, y, pack(PixelFormat::xrgb8888, {static_cast<std::uint8_t>(got.r / 4), static_cast<std::uint8_t>(got.g / 4),
                                                 static_cast<std::uint8_t>(got.b / 4)}));
        continue;
      }
      d.put(x, y, 0x00ff0000u);
      if (r.mismatches++ == 0) {
        r.first_x = static_cast<int>(x), r.first_y = static_cast<int>(y);
        r.expected = want, r.got = got;
      }
    }
  return r;
}

}  // namespace uiokit::fb
