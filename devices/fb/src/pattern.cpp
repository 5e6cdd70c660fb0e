// SPDX-License-Identifier: MIT
#include "uiokit/fb/pattern.hpp"

#include <algorithm>
#include <array>

#include "uiokit/error.hpp"
#include "uiokit/fb/draw.hpp"

namespace uiokit::fb {
namespace {
constexpr std::array<std::string_view, 4> names{"bars", "gradient", "checker", "grid"};
constexpr Rgb white{255, 255, 255}, black{0, 0, 0};

void bars(const Surface& s) {
  constexpr std::array<Rgb, 8> colours{{{255, 255, 255}, {255, 255, 0}, {0, 255, 255}, {0, 255, 0},
                                        {255, 0, 255}, {255, 0, 0}, {0, 0, 255}, {0, 0, 0}}};
  const int w = static_cast<int>(s.width), h = static_cast<int>(s.height);
  for (int i = 0; i < 8; ++i) {
    const int x0 = w * i / 8, x1 = w * (i + 1) / 8;
    fill_rect(s, {x0, 0, x1 - x0, h}, colours[static_cast<std::size_t>(i)]);
  }
}

void gradient(const Surface& s) {
  const std::uint32_t w = std::max<std::uint32_t>(s.width - 1, 1), h = std::max<std::uint32_t>(s.height - 1, 1);
  for (std::uint32_t y = 0; y < s.height; ++y) {
    const auto g = static_cast<std::uint8_t>(y * 255 / h);
    for (std::uint32_t x = 0; x < s.width; ++x) {
      const auto r = static_cast<std::uint8_t>(x * 255 / w);
      s.put(x, y, pack(s.format, {r, g, static_cast<std::uint8_t>(255 - r)}));
    }
  }
}

void checker(const Surface& s) {
  constexpr Rgb a{240, 200, 40}, b{20, 40, 160};
  for (std::uint32_t y = 0; y < s.height; y += 16)
    for (std::uint32_t x = 0; x < s.width; x += 16)
      fill_rect(s, {static_cast<int>(x), static_cast<int>(y), 16, 16}, ((x ^ y) & 16) ? a : b);
}

void grid(const Surface& s) {
  const int w = static_cast<int>(s.width), h = static_cast<int>(s.height);
  fill(s, black);
  for (int x = 0; x < w; x += 32) fill_rect(s, {x, 0, 1, h}, {0, 160, 0});
  for (int y = 0; y < h; y += 32) fill_rect(s, {0, y, w, 1}, {0, 160, 0});
  line(s, 0, 0, w - 1, h - 1, {255, 64, 64});
  line(s, w - 1, 0, 0, h - 1, {64, 64, 255});
  rect_outline(s, s.bounds(), white);
}
}  // namespace

std::string_view to_string(Pattern p) noexcept { return names[static_cast<std::size_t>(p)]; }

std::vector<std::string_view> pattern_names() { return {names.begin(), names.end()}; }

Pattern parse_pattern(std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<Pattern>(i);
  throw Error(Errc::invalid_argument, std::string(name), "unknown pattern (known: bars, gradient, checker, grid)");
}

void draw_pattern(const Surface& s, Pattern p) {
  switch (p) {
    case Pattern::bars: bars(s); break;
    case Pattern::gradient: gradient(s); break;
    case Pattern::checker: checker(s); break;
    case Pattern::grid: grid(s); break;
  }
}

void draw_card(const Surface& s, Pattern p, const std::vector<std::string>& lines) {
  draw_pattern(s, p);
  rect_outline(s, s.bounds(), white, 2);
  fill_rect(s, {2, 2, 12, 4}, {255, 0, 0});  // the corner mark: red bar, green post
  fill_rect(s, {2, 6, 4, 8}, {0, 255, 0});
  std::size_t longest = 0;
  for (const auto& l : lines) longest = std::max(longest, l.size());
  if (lines.empty()) return;
  const Rect box{16, 16, static_cast<int>(longest) * glyph_width + 8,
                 static_cast<int>(lines.size()) * (glyph_height + 2) + 6};
  if (std::int64_t{box.x} + box.w > std::int64_t{s.width} || std::int64_t{box.y} + box.h > std::int64_t{s.height})
    throw Error(Errc::invalid_argument, "card",
                "the text box (" + std::to_string(box.w) + "x" + std::to_string(box.h) + ") does not fit the " +
                    std::to_string(s.width) + "x" + std::to_string(s.height) + " screen");
  fill_rect(s, box, black);
  rect_outline(s, box, white);
  for (std::size_t i = 0; i < lines.size(); ++i)
    text(s, box.x + 4, box.y + 4 + static_cast<int>(i) * (glyph_height + 2), lines[i], white);
}

}  // namespace uiokit::fb
