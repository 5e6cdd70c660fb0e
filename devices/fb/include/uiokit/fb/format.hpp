// SPDX-License-Identifier: MIT
// Pixel formats: how a colour becomes the bits of one pixel in video memory.
//
// Every format here is one little-endian word per pixel (16 or 32 bits) with three channels at
// fixed bit positions, which covers what both devices scan out: bochs-display's XRGB8888 and
// RGB565, and the PL111's 24bpp word, RGB565 and 1555, each in RGB or BGR order (the PL111's BGR
// control bit swaps red and blue). Packing truncates 8-bit channels to the field width; unpacking
// widens them again either by a plain shift (QEMU's PL110 drawing code: 5-bit white becomes 248)
// or by repeating the top bits (pixman, which QEMU uses for other surfaces: white stays 255).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace uiokit::fb {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend constexpr bool operator==(Rgb, Rgb) = default;
};

enum class PixelFormat : std::uint8_t {
  xrgb8888,  // 0x00RRGGBB
  xbgr8888,  // 0x00BBGGRR
  rgb565,    // red in bits 15:11
  bgr565,    // red in bits 4:0
  xrgb1555,  // red in bits 14:10
  xbgr1555,  // red in bits 4:0
};

struct Channel {
  std::uint8_t shift, bits;
};

struct FormatInfo {
  std::string_view name;
  unsigned bytes;  // per pixel: 2 or 4
  Channel r, g, b;
};

constexpr FormatInfo info(PixelFormat f) noexcept {
  switch (f) {
    case PixelFormat::xrgb8888: return {"xrgb8888", 4, {16, 8}, {8, 8}, {0, 8}};
    case PixelFormat::xbgr8888: return {"xbgr8888", 4, {0, 8}, {8, 8}, {16, 8}};
    case PixelFormat::rgb565: return {"rgb565", 2, {11, 5}, {5, 6}, {0, 5}};
    case PixelFormat::bgr565: return {"bgr565", 2, {0, 5}, {5, 6}, {11, 5}};
    case PixelFormat::xrgb1555: return {"xrgb1555", 2, {10, 5}, {5, 5}, {0, 5}};
    case PixelFormat::xbgr1555: return {"xbgr1555", 2, {0, 5}, {5, 5}, {10, 5}};
  }
  return {"?", 4, {16, 8}, {8, 8}, {0, 8}};
}

constexpr unsigned bytes_per_pixel(PixelFormat f) noexcept { return info(f).bytes; }
constexpr unsigned bits_per_pixel(PixelFormat f) noexcept { return info(f).bytes * 8; }
inline std::string_view to_string(PixelFormat f) noexcept { return info(f).name; }

// "xrgb8888", "rgb565", ... Throws Error(invalid_argument) listing the known names.
PixelFormat parse_format(std::string_view name);

constexpr std::uint32_t pack_channel(std::uint8_t v, Channel c) noexcept {
  return static_cast<std::uint32_t>(v >> (8 - c.bits)) << c.shift;
}
constexpr std::uint32_t pack(PixelFormat f, Rgb c) noexcept {
  const auto i = info(f);
  return pack_channel(c.r, i.r) | pack_channel(c.g, i.g) | pack_channel(c.b, i.b);
}

// How a display widens narrow channels to 8 bits. qemu_pl110 is shift plus QEMU's PL110/PL111
// reading of 1555 (pl110_template.h, QEMU 7.2): it decodes a 32-bit word as two pixels but moves
// on 15 bits, not 16, after the first, so the second pixel of every word is read from bits
// 15..29 (its lowest channel takes the first pixel's bit 15, the rest are off by one bit).
// Measured on the vexpress screendumps; the video memory holds the right bits.
enum class Expansion : std::uint8_t { shift, replicate, qemu_pl110 };

constexpr std::uint8_t unpack_channel(std::uint32_t px, Channel c, Expansion e) noexcept {
  const std::uint32_t v = (px >> c.shift) & ((1u << c.bits) - 1);
  std::uint32_t out = v << (8 - c.bits);
  if (e == Expansion::replicate && c.bits < 8) out |= v >> (2 * c.bits - 8);  // qemu_pl110 shifts
  return static_cast<std::uint8_t>(out);
}
constexpr Rgb unpack(PixelFormat f, std::uint32_t px, Expansion e = Expansion::shift) noexcept {
  const auto i = info(f);
  return {unpack_channel(px, i.r, e), unpack_channel(px, i.g, e), unpack_channel(px, i.b, e)};
}

}  // namespace uiokit::fb
