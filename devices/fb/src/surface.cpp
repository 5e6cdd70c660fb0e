// SPDX-License-Identifier: MIT
#include "uiokit/fb/surface.hpp"

#include <algorithm>
#include <cstring>

#include "uiokit/mmio.hpp"

namespace uiokit::fb {

std::uint32_t Surface::get(std::uint32_t x, std::uint32_t y) const noexcept {
  if (io) {  // pixels are naturally aligned: one access of their size
    if (bytes_per_pixel(format) == 2) return mmio::load<std::uint16_t>(at(x, y));
    return mmio::load<std::uint32_t>(at(x, y));
  }
  if (bytes_per_pixel(format) == 2) {
    std::uint16_t v;
    std::memcpy(&v, at(x, y), 2);
    return v;
  }
  std::uint32_t v;
  std::memcpy(&v, at(x, y), 4);
  return v;
}

void Surface::put(std::uint32_t x, std::uint32_t y, std::uint32_t px) const noexcept {
  if (io) {
    if (bytes_per_pixel(format) == 2) mmio::store<std::uint16_t>(at(x, y), static_cast<std::uint16_t>(px));
    else mmio::store<std::uint32_t>(at(x, y), px);
    return;
  }
  if (bytes_per_pixel(format) == 2) {
    const auto v = static_cast<std::uint16_t>(px);
    std::memcpy(at(x, y), &v, 2);
  } else {
    std::memcpy(at(x, y), &px, 4);
  }
}

Image::Image(std::uint32_t width, std::uint32_t height, PixelFormat format) {
  const std::uint32_t stride = (width * bytes_per_pixel(format) + 3) / 4 * 4;
  mem_.assign(std::size_t{stride} / 4 * height, 0);
  s_ = Surface{reinterpret_cast<std::byte*>(mem_.data()), width, height, stride, format};
}

Rect clip(const Surface& s, Rect r) noexcept {
  using i64 = std::int64_t;  // wide enough on 32-bit ARM too, where long is 32 bits
  const i64 x0 = std::max<i64>(r.x, 0), y0 = std::max<i64>(r.y, 0);
  const i64 x1 = std::min<i64>(i64{r.x} + r.w, s.width), y1 = std::min<i64>(i64{r.y} + r.h, s.height);
  if (x1 <= x0 || y1 <= y0) return {static_cast<int>(x0), static_cast<int>(y0), 0, 0};
  return {static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1 - x0), static_cast<int>(y1 - y0)};
}

}  // namespace uiokit::fb
