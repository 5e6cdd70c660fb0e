// SPDX-License-Identifier: MIT
#include <cstring>
#include <vector>

#include "uiokit/error.hpp"
#include "uiokit/fb/draw.hpp"
#include "uiokit/fb/image_io.hpp"

#ifdef UIOKIT_FB_HAVE_PNG
#include <png.h>
#endif

namespace uiokit::fb {

#ifdef UIOKIT_FB_HAVE_PNG
bool have_png() noexcept { return true; }

Image load_png(const std::filesystem::path& path) {
  png_image img;
  std::memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  const auto fail = [&](const char* doing) -> Error {
    std::string msg = img.message[0] ? img.message : "unknown libpng error";
    png_image_free(&img);
    return Error(Errc::parse_error, path.string(), std::string(doing) + ": " + msg);
  };
  if (!std::filesystem::exists(path)) throw Error(Errc::not_found, path.string(), "no such file");
  if (!png_image_begin_read_from_file(&img, path.c_str())) throw fail("not a readable PNG file");
  if (img.width == 0 || img.height == 0 || img.width > 16384 || img.height > 16384) {
    png_image_free(&img);
    throw Error(Errc::parse_error, path.string(), "PNG size " + std::to_string(img.width) + "x" +
                                                      std::to_string(img.height) + " is out of range");
  }
  img.format = PNG_FORMAT_BGRA;  // little-endian 0xAARRGGBB words: XRGB8888 once alpha is dropped
  Image out(img.width, img.height, PixelFormat::xrgb8888);
  const Surface s = out.surface();
  if (!png_image_finish_read(&img, nullptr, s.data, static_cast<png_int_32>(s.stride), nullptr))
    throw fail("PNG data is damaged or truncated");
  for (std::uint32_t y = 0; y < s.height; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(s.row(y));
    for (std::uint32_t x = 0; x < s.width; ++x) row[x] &= 0x00ffffffu;
  }
  return out;
}

void save_png(const std::filesystem::path& path, const Surface& s) {
  std::vector<std::uint8_t> rgb(std::size_t{s.width} * s.height * 3);
  for (std::uint32_t y = 0; y < s.height; ++y)
    for (std::uint32_t x = 0; x < s.width; ++x) {
      const Rgb c = unpack(s.format, s.get(x, y), Expansion::shift);
      auto* p = &rgb[(std::size_t{y} * s.width + x) * 3];
      p[0] = c.r, p[1] = c.g, p[2] = c.b;
    }
  png_image img;
  std::memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  img.width = s.width;
  img.height = s.height;
  img.format = PNG_FORMAT_RGB;
  if (!png_image_write_to_file(&img, path.c_str(), 0, rgb.data(), 0, nullptr)) {
    std::string msg = img.message;
    png_image_free(&img);
    throw Error(Errc::io_failed, path.string(), "writing the PNG failed: " + msg);
  }
}
#else
bool have_png() noexcept { return false; }
Image load_png(const std::filesystem::path& path) {
  throw Error(Errc::unsupported, path.string(), "this build has no PNG support (libpng was not found)");
}
void save_png(const std::filesystem::path& path, const Surface&) {
  throw Error(Errc::unsupported, path.string(), "this build has no PNG support (libpng was not found)");
}
#endif

}  // namespace uiokit::fb
