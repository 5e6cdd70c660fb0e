// SPDX-License-Identifier: MIT
// Test patterns and the test card: deterministic pictures, so that the host can draw the same
// picture again and compare it with a screendump of what the guest drew.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "uiokit/fb/surface.hpp"

namespace uiokit::fb {

enum class Pattern : std::uint8_t {
  bars,      // eight colour bars: white, yellow, cyan, green, magenta, red, blue, black
  gradient,  // red rises left to right, green top to bottom, blue falls left to right
  checker,   // 16-pixel squares
  grid,      // alignment grid: lines every 32 pixels, diagonals, a one-pixel frame
};

std::string_view to_string(Pattern p) noexcept;
// Throws Error(invalid_argument) listing the known names.
Pattern parse_pattern(std::string_view name);
std::vector<std::string_view> pattern_names();

void draw_pattern(const Surface& s, Pattern p);

// A pattern, a white frame, an asymmetric corner mark (top-left only, so a flip or an offset
// shows) and up to a few lines of text in a box at the top left. The text must fit.
void draw_card(const Surface& s, Pattern p, const std::vector<std::string>& lines);

}  // namespace uiokit::fb
