// SPDX-License-Identifier: MIT
// Surface: a rectangle of pixels in memory, described by where it starts, its size, its stride
// (bytes from one row to the next, which may exceed width * bytes per pixel) and its format.
//
// A Surface does not own its memory: it views a framebuffer page, a mapped Region or an Image.
// Image owns a buffer and hands out a Surface over it, for off-screen drawing, PNG files and the
// expected pictures of the screendump checks.
// A Surface over video memory is `io`: its pixels are device memory (a VFIO region, a UIO map:
// Device memory on ARM, where memcpy's unaligned and overlapping stores fault), written and
// read with naturally aligned accesses only (uiokit/mmio_copy.hpp), runs through a row in
// normal memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "uiokit/fb/format.hpp"

namespace uiokit::fb {

struct Rect {
  int x = 0, y = 0;
  int w = 0, h = 0;
};

struct Surface {
  std::byte* data = nullptr;
  std::uint32_t width = 0, height = 0;
  std::uint32_t stride = 0;  // bytes
  PixelFormat format = PixelFormat::xrgb8888;
  bool io = false;  // device memory: aligned accesses only

  std::byte* row(std::uint32_t y) const noexcept { return data + std::size_t{y} * stride; }
  std::byte* at(std::uint32_t x, std::uint32_t y) const noexcept {
    return row(y) + std::size_t{x} * bytes_per_pixel(format);
  }
  std::uint32_t get(std::uint32_t x, std::uint32_t y) const noexcept;
  void put(std::uint32_t x, std::uint32_t y, std::uint32_t px) const noexcept;
  Rect bounds() const noexcept { return {0, 0, static_cast<int>(width), static_cast<int>(height)}; }
};

class Image {
 public:
  Image() = default;
  Image(std::uint32_t width, std::uint32_t height, PixelFormat format);
  Surface surface() noexcept { return s_; }
  Surface surface() const noexcept { return s_; }  // a view; the caller keeps it read-only
  std::uint32_t width() const noexcept { return s_.width; }
  std::uint32_t height() const noexcept { return s_.height; }
  PixelFormat format() const noexcept { return s_.format; }

 private:
  std::vector<std::uint32_t> mem_;  // word-aligned rows
  Surface s_;
};

// The part of r that lies inside the surface (w or h 0 when none does).
Rect clip(const Surface& s, Rect r) noexcept;

}  // namespace uiokit::fb
