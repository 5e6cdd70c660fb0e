// SPDX-License-Identifier: MIT
// Pictures in files: PNG through libpng's simplified API (no setjmp: errors come back as a
// message, which becomes a uiokit::Error naming the file). QEMU's screendumps are read the same
// way (QMP screendump with format png). Loaded pictures are XRGB8888 Images; saving takes any
// Surface.
#pragma once

#include <filesystem>

#include "uiokit/fb/surface.hpp"

namespace uiokit::fb {

// PNG support is compiled in only with libpng; without it these throw Errc::unsupported.
bool have_png() noexcept;
Image load_png(const std::filesystem::path& path);  // parse_error for not-a-PNG and truncated files
void save_png(const std::filesystem::path& path, const Surface& s);

}  // namespace uiokit::fb
