// SPDX-License-Identifier: MIT
#include "uiokit/fb/draw.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "font.hpp"
#include "uiokit/error.hpp"
#include "uiokit/mmio_copy.hpp"

namespace uiokit::fb {
namespace {

// Writes n copies of one packed pixel: a short std::fill_n, then doubling memcpys, so that a
// long run costs what memcpy costs.
void fill_run(std::byte* p, std::uint32_t n, std::uint32_t px, unsigned bpp) {
  const std::uint32_t head = std::min<std::uint32_t>(n, 16);
  if (bpp == 2)
    std::fill_n(reinterpret_cast<std::uint16_t*>(p), head, static_cast<std::uint16_t>(px));
  else
    std::fill_n(reinterpret_cast<std::uint32_t*>(p), head, px);
  std::size_t done = std::size_t{head} * bpp;
  const std::size_t total = std::size_t{n} * bpp;
  while (done < total) {
    const std::size_t chunk = std::min(done, total - done);
    std::memcpy(p + done, p, chunk);
    done += chunk;
  }
}

}  // namespace

void fill_rect(const Surface& s, Rect r, Rgb c) {
  r = clip(s, r);
  if (r.w == 0) return;
  const unsigned bpp = bytes_per_pixel(s.format);
  const auto x = static_cast<std::uint32_t>(r.x), y = static_cast<std::uint32_t>(r.y);
  const std::size_t bytes = std::size_t(r.w) * bpp;
  if (s.io) {  // one run in normal memory, copied into each row with aligned accesses
    std::vector<std::uint32_t> run((bytes + 3) / 4);
    fill_run(reinterpret_cast<std::byte*>(run.data()), static_cast<std::uint32_t>(r.w), pack(s.format, c), bpp);
    for (int i = 0; i < r.h; ++i) mmio::copy_to_io(s.at(x, y + static_cast<std::uint32_t>(i)), run.data(), bytes);
    return;
  }
  std::byte* first = s.at(x, y);
  fill_run(first, static_cast<std::uint32_t>(r.w), pack(s.format, c), bpp);
  for (int i = 1; i < r.h; ++i) std::memcpy(s.at(x, y + static_cast<std::uint32_t>(i)), first, bytes);
}

void fill(const Surface& s, Rgb c) { fill_rect(s, s.bounds(), c); }

void rect_outline(const Surface& s, Rect r, Rgb c, int t) {
  fill_rect(s, {r.x, r.y, r.w, t}, c);
  fill_rect(s, {r.x, r.y + r.h - t, r.w, t}, c);
  fill_rect(s, {r.x, r.y, t, r.h}, c);
  fill_rect(s, {r.x + r.w - t, r.y, t, r.h}, c);
}

void line(const Surface& s, int x0, int y0, int x1, int y1, Rgb c) {
  const std::uint32_t px = pack(s.format, c);
  const int dx = std::abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
  const int dy = -std::abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
  int err = dx + dy;
  for (;;) {  // Bresenham; points off the surface are skipped
    if (x0 >= 0 && y0 >= 0 && static_cast<std::uint32_t>(x0) < s.width && static_cast<std::uint32_t>(y0) < s.height)
      s.put(static_cast<std::uint32_t>(x0), static_cast<std::uint32_t>(y0), px);
    if (x0 == x1 && y0 == y1) break;
    const int e2 = 2 * err;
    if (e2 >= dy) { err += dy; x0 += sx; }
    if (e2 <= dx) { err += dx; y0 += sy; }
  }
}

void convert_row(std::byte* dst, PixelFormat df, const std::byte* src, PixelFormat sf, std::uint32_t n) {
  if (df == sf) {
    std::memcpy(dst, src, std::size_t{n} * bytes_per_pixel(df));
    return;
  }
  const unsigned sb = bytes_per_pixel(sf), db = bytes_per_pixel(df);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t v = 0;
    std::memcpy(&v, src + std::size_t{i} * sb, sb);  // little-endian host: low bytes first
    const std::uint32_t out = pack(df, unpack(sf, v, Expansion::replicate));
    std::memcpy(dst + std::size_t{i} * db, &out, db);
  }
}

void blit(const Surface& dst, int x, int y, const Surface& src) {
  const Rect r = clip(dst, {x, y, static_cast<int>(src.width), static_cast<int>(src.height)});
  if (r.w == 0) return;
  const auto sx = static_cast<std::uint32_t>(r.x - x), sy = static_cast<std::uint32_t>(r.y - y);
  const auto n = static_cast<std::uint32_t>(r.w);
  const std::size_t src_bytes = std::size_t{n} * bytes_per_pixel(src.format);
  const std::size_t dst_bytes = std::size_t{n} * bytes_per_pixel(dst.format);
  // Rows of an io surface pass through normal memory (mmio_copy.hpp).
  std::vector<std::uint32_t> src_row(src.io ? (src_bytes + 3) / 4 : 0);
  std::vector<std::uint32_t> dst_row(dst.io && dst.format != src.format ? (dst_bytes + 3) / 4 : 0);
  for (int i = 0; i < r.h; ++i) {
    const auto row = static_cast<std::uint32_t>(i);
    const std::byte* from = src.at(sx, sy + row);
    if (src.io) {
      mmio::copy_from_io(src_row.data(), from, src_bytes);
      from = reinterpret_cast<const std::byte*>(src_row.data());
    }
    std::byte* to = dst.at(static_cast<std::uint32_t>(r.x), static_cast<std::uint32_t>(r.y) + row);
    if (!dst.io) {
      convert_row(to, dst.format, from, src.format, n);
      continue;
    }
    if (dst.format == src.format) {  // no conversion: straight from the source row
      mmio::copy_to_io(to, from, dst_bytes);
      continue;
    }
    convert_row(reinterpret_cast<std::byte*>(dst_row.data()), dst.format, from, src.format, n);
    mmio::copy_to_io(to, dst_row.data(), dst_bytes);
  }
}

Rect text_bounds(int x, int y, std::string_view t, int scale) noexcept {
  return {x, y, static_cast<int>(t.size()) * glyph_width * scale, glyph_height * scale};
}

void text(const Surface& s, int x, int y, std::string_view t, Rgb fg, const Rgb* bg, int scale) {
  if (scale < 1) throw Error(Errc::invalid_argument, "text", "scale " + std::to_string(scale) + " is below 1");
  const Rect b = text_bounds(x, y, t, scale);
  if (b.x < 0 || b.y < 0 || std::int64_t{b.x} + b.w > std::int64_t{s.width} || std::int64_t{b.y} + b.h > std::int64_t{s.height})
    throw Error(Errc::invalid_argument, "text",
                "\"" + std::string(t.substr(0, 32)) + "\" at (" + std::to_string(x) + ", " + std::to_string(y) +
                    ") needs " + std::to_string(b.w) + "x" + std::to_string(b.h) + " pixels and does not fit the " +
                    std::to_string(s.width) + "x" + std::to_string(s.height) + " screen");
  if (bg) fill_rect(s, b, *bg);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto& g = font::glyph(t[i]);
    const int gx = x + static_cast<int>(i) * glyph_width * scale;
    for (int row = 0; row < font::rows; ++row)
      for (int col = 0; col < 5; ++col)
        if (g[static_cast<std::size_t>(row)] & (0x10 >> col))
          fill_rect(s, {gx + (1 + col) * scale, y + row * scale, scale, scale}, fg);
  }
}

}  // namespace uiokit::fb
