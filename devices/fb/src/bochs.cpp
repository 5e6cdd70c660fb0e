// SPDX-License-Identifier: MIT
#include "uiokit/fb/bochs.hpp"

#include <algorithm>

#include "uiokit/error.hpp"

namespace uiokit::fb {
namespace {
using namespace bochs;

class RegionBochs final : public BochsDevice {
 public:
  RegionBochs(Region fb, Region regs, std::string name) : fb_(std::move(fb)), regs_(std::move(regs)), name_(std::move(name)) {}
  Region& framebuffer() override { return fb_; }
  Region& registers() override { return regs_; }
  std::string name() const override { return name_; }
  std::string via() const override { return "regions"; }

 private:
  Region fb_, regs_;
  std::string name_;
};

constexpr std::uint32_t max_dim = 16000;  // VBE_DISPI_MAX_XRES; registers are 16-bit anyway
// QEMU's bochs-display scans out nothing below 64x64 (bochs_display_get_mode), and hands the
// memory to pixman, whose rows must be a multiple of 4 bytes.
constexpr std::uint32_t min_dim = 64;
}  // namespace

std::unique_ptr<BochsDevice> bochs_from_regions(Region framebuffer, Region registers, std::string name) {
  return std::make_unique<RegionBochs>(std::move(framebuffer), std::move(registers), std::move(name));
}

BochsDisplay::BochsDisplay(std::unique_ptr<BochsDevice> device)
    : device_(std::move(device)), dispi_(Dispi::bind(device_->registers())) {
  const auto id = dispi_.read<ID>().raw();
  if (id < 0xB0C0 || id > dispi_id5)
    throw Error(Errc::not_found, device_->name(),
                "DISPI ID register reads " + hex(id) + ", not a Bochs VBE display (expected 0xb0c0..0xb0c5)");
}

std::size_t BochsDisplay::memory_size() const {
  // VIDEO_MEMORY_64K tells what the device decodes; the mapping may be smaller.
  const std::size_t reported = std::size_t{dispi_.read<VIDEO_MEMORY_64K>().raw()} * 64 * 1024;
  const std::size_t mapped = device_->framebuffer().size();
  return reported ? std::min(reported, mapped) : mapped;
}

std::vector<std::pair<std::string, std::string>> BochsDisplay::details() const {
  const auto en = dispi_.read<ENABLE>();
  return {{"DISPI ID", hex(dispi_.read<ID>().raw())},
          {"video memory", std::to_string(memory_size() / 1024) + " KiB"},
          {"ENABLE", hex(en.raw()) + (en.is_set<ENABLE::ENABLED>() ? " (enabled" : " (disabled") +
                         (en.is_set<ENABLE::LFB_ENABLED>() ? ", linear framebuffer)" : ")")},
          {"virtual screen", std::to_string(dispi_.read<VIRT_WIDTH>().raw()) + "x" +
                                 std::to_string(dispi_.read<VIRT_HEIGHT>().raw())},
          {"offset", std::to_string(dispi_.read<X_OFFSET>().raw()) + "," + std::to_string(dispi_.read<Y_OFFSET>().raw())},
          {"byte order", hex(dispi_.read<QEXT_BYTEORDER>().raw())}};
}

std::optional<Mode> BochsDisplay::mode() const {
  if (!dispi_.is_set<ENABLE::ENABLED>()) return std::nullopt;
  Mode m;
  m.width = dispi_.read<XRES>().raw();
  m.height = dispi_.read<YRES>().raw();
  const auto bpp = dispi_.read<BPP>().raw();
  if (bpp != 16 && bpp != 32) return std::nullopt;  // a mode this driver did not set (8/15/24 bpp)
  m.format = bpp == 32 ? PixelFormat::xrgb8888 : PixelFormat::rgb565;
  m.stride = std::uint32_t{dispi_.read<VIRT_WIDTH>().raw()} * bytes_per_pixel(m.format);
  m.page_bytes = std::size_t{m.stride} * m.height;
  m.pages = m.height ? std::max<std::uint32_t>(1, dispi_.read<VIRT_HEIGHT>().raw() / m.height) : 1;
  if (m.width == 0 || m.height == 0) return std::nullopt;
  return m;
}

Mode BochsDisplay::validate(const ModeRequest& r) const {
  const std::string what = std::to_string(r.width) + "x" + std::to_string(r.height) + " " +
                           std::string(to_string(r.format));
  if (r.width == 0 || r.height == 0) throw Error(Errc::invalid_argument, name(), "mode " + what + " has a zero size");
  if (r.pages == 0) throw Error(Errc::invalid_argument, name(), "a mode needs at least one page");
  if (r.format != PixelFormat::xrgb8888 && r.format != PixelFormat::rgb565)
    throw Error(Errc::unsupported, name(), "pixel format " + std::string(to_string(r.format)) +
                                               " is not one bochs-display scans out (xrgb8888 = 32 bpp, rgb565 = 16 bpp)");
  if (r.width < min_dim || r.height < min_dim)
    throw Error(Errc::invalid_argument, name(), "mode " + what + " is below the display's 64x64 minimum");
  if (r.width * bytes_per_pixel(r.format) % 4 != 0)
    throw Error(Errc::invalid_argument, name(), "mode " + what + ": rows must be a multiple of 4 bytes (an even width at 16 bpp)");
  if (r.width > max_dim || r.height > max_dim || std::uint64_t{r.height} * r.pages > 0xffff)
    throw Error(Errc::invalid_argument, name(), "mode " + what + " x " + std::to_string(r.pages) +
                                                    " pages exceeds the DISPI limits (16000 pixels, virtual height 65535)");
  Mode m{r.width, r.height, r.format, r.width * bytes_per_pixel(r.format), r.pages, 0};
  m.page_bytes = std::size_t{m.stride} * m.height;
  const std::size_t need = m.page_bytes * r.pages;
  if (need > memory_size())
    throw Error(Errc::invalid_argument, name(), "mode " + what + " with " + std::to_string(r.pages) + " pages needs " +
                                                    std::to_string(need) + " bytes of video memory; the device has " +
                                                    std::to_string(memory_size()));
  return m;
}

Mode BochsDisplay::set_mode(const ModeRequest& r) {
  const Mode m = validate(r);  // nothing is written before this returns
  // The order of Linux's bochs driver: disable, geometry, virtual screen, offsets, enable.
  dispi_.write<ENABLE>();
  if (dispi_.read<QEXT_SIZE>().raw() >= 8) dispi_.write_raw<QEXT_BYTEORDER>(byteorder_le);
  dispi_.write_raw<BPP>(static_cast<std::uint16_t>(bits_per_pixel(m.format)));
  dispi_.write_raw<XRES>(static_cast<std::uint16_t>(m.width));
  dispi_.write_raw<YRES>(static_cast<std::uint16_t>(m.height));
  dispi_.write_raw<BANK>(0);
  dispi_.write_raw<VIRT_WIDTH>(static_cast<std::uint16_t>(m.width));
  dispi_.write_raw<VIRT_HEIGHT>(static_cast<std::uint16_t>(m.height * m.pages));
  dispi_.write_raw<X_OFFSET>(0);
  dispi_.write_raw<Y_OFFSET>(0);
  dispi_.write<ENABLE>(ENABLE::ENABLED{1}, ENABLE::LFB_ENABLED{1});
  return m;
}

void BochsDisplay::show(unsigned page) {
  const auto m = mode();
  if (!m) throw Error(Errc::invalid_argument, name(), "the display is disabled: set a mode first");
  if (page >= m->pages)
    throw Error(Errc::invalid_argument, name(), "page " + std::to_string(page) + " does not exist in mode " + describe(*m));
  dispi_.write_raw<Y_OFFSET>(static_cast<std::uint16_t>(page * m->height));
}

unsigned BochsDisplay::shown() const {
  const auto m = mode();
  if (!m) return 0;
  return dispi_.read<Y_OFFSET>().raw() / m->height;
}

}  // namespace uiokit::fb
