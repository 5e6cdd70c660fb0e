// SPDX-License-Identifier: MIT
#include "uiokit/fb/format.hpp"

#include "uiokit/error.hpp"

namespace uiokit::fb {

PixelFormat parse_format(std::string_view name) {
  for (auto f : {PixelFormat::xrgb8888, PixelFormat::xbgr8888, PixelFormat::rgb565, PixelFormat::bgr565,
                 PixelFormat::xrgb1555, PixelFormat::xbgr1555})
    if (info(f).name == name) return f;
  throw Error(Errc::invalid_argument, std::string(name),
              "unknown pixel format (known: xrgb8888, xbgr8888, rgb565, bgr565, xrgb1555, xbgr1555)");
}

}  // namespace uiokit::fb
