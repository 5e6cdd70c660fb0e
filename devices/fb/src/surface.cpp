#include "uiokit/fb/surface.hpp"

#include <algorithm>
#include <cstring>

namespace uiokit::fb {

std::uint32_t Surface::get(std::uint32_t x, std::uint32_t y) const noexcept {
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
  const long x0 = std::max<long>(r.x, 0), y0 = std::max<long>(r.y, 0);
  const long x1 = std::min<long>(long{r.x} + r.w, s.width), y1 = std::min<long>(long{r.y} + r.h, s.height);
  if (x1 <= x0 || y1 <= y0) return {static_cast<int>(x0), static_cast<int>(y0), 0, 0};
  return {static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1 - x0), static_cast<int>(y1 - y0)};
}

}  // namespace uiokit::fb
