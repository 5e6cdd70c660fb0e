// SPDX-License-Identifier: MIT
#include "uiokit/fb/framebuffer.hpp"

#include <charconv>

#include "uiokit/error.hpp"

namespace uiokit::fb {

std::string describe(const Mode& m) {
  return std::to_string(m.width) + "x" + std::to_string(m.height) + " " + std::string(to_string(m.format)) +
         ", stride " + std::to_string(m.stride) + ", " + std::to_string(m.pages) + (m.pages == 1 ? " page" : " pages");
}

std::string describe(const ModeRequest& r) {
  return std::to_string(r.width) + "x" + std::to_string(r.height) + " " + std::string(to_string(r.format));
}

ModeRequest parse_mode(std::string_view text) {
  ModeRequest r;
  unsigned vals[3] = {0, 0, 0};
  int n = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (p < end && n < 3) {
    auto [next, ec] = std::from_chars(p, end, vals[n]);
    if (ec != std::errc() || next == p) break;
    ++n;
    p = next;
    if (p < end && *p == 'x') ++p; else break;
  }
  if (p != end || n < 2)
    throw Error(Errc::invalid_argument, std::string(text), "not a mode: expected WIDTHxHEIGHT or WIDTHxHEIGHTxDEPTH");
  r.width = vals[0];
  r.height = vals[1];
  if (n == 3) {
    if (vals[2] == 32) r.format = PixelFormat::xrgb8888;
    else if (vals[2] == 16) r.format = PixelFormat::rgb565;
    else throw Error(Errc::invalid_argument, std::string(text), "depth must be 16 or 32 (or give --format)");
  }
  return r;
}

Mode Framebuffer::mode_with(unsigned page) const {
  const auto m = mode();
  if (!m) throw Error(Errc::invalid_argument, name(), "the display is disabled: set a mode first (`uiokit-fb mode`)");
  if (page >= m->pages)
    throw Error(Errc::invalid_argument, name(), "page " + std::to_string(page) + " does not exist in mode " + describe(*m));
  return *m;
}

Mode Framebuffer::lay_out(const ModeRequest& r) const {
  Mode m{r.width, r.height, r.format, r.width * bytes_per_pixel(r.format), r.pages, 0};
  m.page_bytes = std::size_t{m.stride} * m.height;
  const std::size_t need = m.page_bytes * r.pages;
  if (need > memory_size())
    throw Error(Errc::invalid_argument, name(), "mode " + describe(r) + " with " + std::to_string(r.pages) +
                                                    " pages needs " + std::to_string(need) +
                                                    " bytes of video memory; there are " + std::to_string(memory_size()));
  return m;
}

Surface Framebuffer::page(unsigned index) const {
  const Mode m = mode_with(index);
  return Surface{memory() + m.page_bytes * index, m.width, m.height, m.stride, m.format, true};
}

unsigned Framebuffer::back_page() const {
  const auto m = mode();
  if (!m || m->pages < 2) return 0;
  return (shown() + 1) % m->pages;
}

}  // namespace uiokit::fb
