// SPDX-License-Identifier: MIT
// Framebuffer: what every display driver here offers, whatever the device and the path to it.
//
// A mode is a visible size and a pixel format; the driver lays out `pages` copies of the screen
// one after the other in video memory (the stride is the distance between rows, the page size
// the distance between pages) and scans one of them out. Double buffering is drawing into a page
// that is not shown and then show()ing it: bochs-display pans with its Y offset register, the
// PL111 moves its panel base address; both take effect at once under QEMU, so the picture never
// shows a half-drawn page.
//
// set_mode() validates the whole request against the device (formats, size limits, video
// memory) before it writes a single register, so a refused mode leaves the display as it was.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "uiokit/fb/surface.hpp"

namespace uiokit::fb {

struct ModeRequest {
  std::uint32_t width = 0, height = 0;
  PixelFormat format = PixelFormat::xrgb8888;
  std::uint32_t pages = 2;  // screens' worth of video memory: 2 for double buffering
};

struct Mode {
  std::uint32_t width = 0, height = 0;
  PixelFormat format = PixelFormat::xrgb8888;
  std::uint32_t stride = 0;     // bytes from one row to the next
  std::uint32_t pages = 1;
  std::size_t page_bytes = 0;   // bytes from one page to the next
};

std::string describe(const Mode& m);                 // "640x480 xrgb8888, stride 2560, 2 pages"
std::string describe(const ModeRequest& r);          // "640x480 xrgb8888"
// "640x480", "640x480x32" / "640x480x16" (bochs-style depth: 32 -> xrgb8888, 16 -> rgb565).
ModeRequest parse_mode(std::string_view text);

// What every display's device says about itself (BochsDevice, ClcdDevice), for messages and
// `info`: its name and how it is reached.
class DisplayDevice {
 public:
  virtual ~DisplayDevice() = default;
  virtual std::string name() const = 0;
  virtual std::string via() const = 0;
};

class Framebuffer {
 public:
  virtual ~Framebuffer() = default;

  virtual std::string name() const = 0;      // "bochs-display 0000:00:02.0", "pl111 daughterboard"
  virtual std::string via() const = 0;       // how it is reached: "vfio", "sysfs", "uio", "devmem"
  virtual std::vector<PixelFormat> formats() const = 0;
  virtual std::size_t memory_size() const = 0;
  // Name/value lines for `info` (identity, registers that matter).
  virtual std::vector<std::pair<std::string, std::string>> details() const = 0;

  // The mode the device scans out now, read back from its registers; none while disabled.
  virtual std::optional<Mode> mode() const = 0;
  // Throws Error(invalid_argument or unsupported) naming what the device cannot do.
  virtual Mode validate(const ModeRequest& request) const = 0;
  // validate(), then program the device; page 0 is shown.
  virtual Mode set_mode(const ModeRequest& request) = 0;

  virtual void show(unsigned page) = 0;
  virtual unsigned shown() const = 0;

  // Page `index` of the current mode as a Surface over video memory. Errc::invalid_argument
  // without a mode or for a page the mode does not have.
  Surface page(unsigned index) const;
  // The page not shown (the only one with a single page).
  unsigned back_page() const;

 protected:
  virtual std::byte* memory() const = 0;
  // For validate(): the request laid out in video memory (stride, pages back to back);
  // Errc::invalid_argument when they need more than memory_size().
  Mode lay_out(const ModeRequest& request) const;
  // The current mode, which has `page`; Errc::invalid_argument without a mode or that page.
  Mode mode_with(unsigned page) const;
};

}  // namespace uiokit::fb
