// SPDX-License-Identifier: MIT
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "uiokit/error.hpp"
#include "uiokit/fb/image_io.hpp"

namespace uiokit::fb {
namespace {
// The next header number, skipping whitespace and # comments.
long header_number(std::istream& in, const std::string& path) {
  for (;;) {
    int c = in.peek();
    if (c == '#') {
      std::string skip;
      std::getline(in, skip);
    } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      in.get();
    } else {
      break;
    }
  }
  long v = -1;
  if (!(in >> v) || v < 0) throw Error(Errc::parse_error, path, "malformed PPM header");
  return v;
}
}  // namespace

Image load_ppm(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::not_found, path.string(), "cannot open the PPM file");
  char magic[2] = {};
  in.read(magic, 2);
  if (!in || magic[0] != 'P' || magic[1] != '6') throw Error(Errc::parse_error, path.string(), "not a binary PPM (P6)");
  const long w = header_number(in, path.string()), h = header_number(in, path.string());
  const long maxval = header_number(in, path.string());
  if (w <= 0 || h <= 0 || w > 16384 || h > 16384 || maxval != 255)
    throw Error(Errc::parse_error, path.string(), "unsupported PPM: " + std::to_string(w) + "x" + std::to_string(h) +
                                                      " maxval " + std::to_string(maxval));
  in.get();  // the single whitespace byte before the pixels
  std::vector<unsigned char> rgb(static_cast<std::size_t>(w * h * 3));
  in.read(reinterpret_cast<char*>(rgb.data()), static_cast<std::streamsize>(rgb.size()));
  if (in.gcount() != static_cast<std::streamsize>(rgb.size()))
    throw Error(Errc::parse_error, path.string(), "truncated PPM pixel data");
  Image out(static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(h), PixelFormat::xrgb8888);
  const Surface s = out.surface();
  for (std::uint32_t y = 0; y < s.height; ++y)
    for (std::uint32_t x = 0; x < s.width; ++x) {
      const auto* p = &rgb[(std::size_t{y} * s.width + x) * 3];
      s.put(x, y, pack(PixelFormat::xrgb8888, {p[0], p[1], p[2]}));
    }
  return out;
}

void save_ppm(const std::filesystem::path& path, const Surface& s) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw Error(Errc::open_failed, path.string(), "cannot create the PPM file");
  out << "P6\n" << s.width << " " << s.height << "\n255\n";
  std::vector<char> row(std::size_t{s.width} * 3);
  for (std::uint32_t y = 0; y < s.height; ++y) {
    for (std::uint32_t x = 0; x < s.width; ++x) {
      const Rgb c = unpack(s.format, s.get(x, y), Expansion::shift);
      row[x * 3] = static_cast<char>(c.r), row[x * 3 + 1] = static_cast<char>(c.g), row[x * 3 + 2] = static_cast<char>(c.b);
    }
    out.write(row.data(), static_cast<std::streamsize>(row.size()));
  }
  if (!out) throw Error(Errc::io_failed, path.string(), "writing the PPM failed");
}

}  // namespace uiokit::fb
