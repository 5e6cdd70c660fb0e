// SPDX-License-Identifier: MIT
// Comparing a screendump with what the driver meant to show.
//
// QEMU's screendump is a 24-bit RGB picture of what the display scans out. The expected picture
// is drawn again on the host, in the device's pixel format, by the same code the guest ran (the
// unit tests check that code against hand-computed pixels); each
// of its pixels is widened to 8 bits per channel the way the display model does (Expansion),
// and must equal the dump's pixel exactly. Any wrong offset, stride, page or colour order shows
// as mismatches, reported with the first one's position and both colours.
#pragma once

#include <cstdint>
#include <string>

#include "uiokit/fb/surface.hpp"

namespace uiokit::fb {

struct CompareResult {
  bool size_matches = false;
  std::uint64_t pixels = 0, mismatches = 0;
  int first_x = -1, first_y = -1;
  Rgb expected{}, got{};
  Image diff;  // xrgb8888: matching pixels dimmed, mismatches red
  bool ok() const noexcept { return size_matches && mismatches == 0; }
  std::string summary() const;
};

// The colour the display shows at (x, y) of `intended`: unpack() of its pixel, except for
// Expansion::qemu_pl110 on the 1555 formats, where odd pixels are read as QEMU reads them.
Rgb displayed(const Surface& intended, std::uint32_t x, std::uint32_t y, Expansion e) noexcept;

// What the display shows for `intended` (any format), as XRGB8888.
Image expected_dump(const Surface& intended, Expansion e);

// dump: the screendump (XRGB8888 as load_png gives it).
CompareResult compare(const Surface& dump, const Surface& intended, Expansion e);

}  // namespace uiokit::fb
