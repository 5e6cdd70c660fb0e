// SPDX-License-Identifier: MIT
// Drawing on a Surface: fills, rectangles, lines, blits and text.
//
// Speed comes from working a row at a time: a fill packs the colour once, writes one row with
// std::fill_n, and copies that row into the others with memcpy; a blit between surfaces of one
// format is one memcpy per row. On an io surface (video memory) the rows are copied with
// naturally aligned accesses instead (mmio::copy_to_io), since Device memory faults on
// memcpy's unaligned stores. Only lines and text go pixel by pixel.
// Coordinates outside the surface are clipped, except for text, which is refused when it does
// not fit (a label cut in half is a bug the caller wants to hear about).
#pragma once

#include <string_view>

#include "uiokit/fb/surface.hpp"

namespace uiokit::fb {

void fill(const Surface& s, Rgb c);
void fill_rect(const Surface& s, Rect r, Rgb c);
void rect_outline(const Surface& s, Rect r, Rgb c, int thickness = 1);
void line(const Surface& s, int x0, int y0, int x1, int y1, Rgb c);

// Copies src into dst at (x, y), clipped. Same format: memcpy per row; otherwise each pixel is
// converted through Rgb (e.g. XRGB8888 <-> RGB565).
void blit(const Surface& dst, int x, int y, const Surface& src);

// Converts n pixels of one row between formats.
void convert_row(std::byte* dst, PixelFormat dst_format, const std::byte* src, PixelFormat src_format,
                 std::uint32_t n);

// The built-in font: 8x8 cells (a 5x7 glyph), printable ASCII; other bytes draw as '?'.
inline constexpr int glyph_width = 8, glyph_height = 8;
Rect text_bounds(int x, int y, std::string_view text, int scale = 1) noexcept;
// Draws text with its top-left corner at (x, y); bg is painted behind the glyphs unless null.
// Throws Error(invalid_argument) if the text does not lie wholly inside the surface.
void text(const Surface& s, int x, int y, std::string_view text, Rgb fg, const Rgb* bg = nullptr, int scale = 1);

}  // namespace uiokit::fb
