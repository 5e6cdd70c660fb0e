// SPDX-License-Identifier: MIT
#include "uiokit/fb/bochs.hpp"

#include <algorithm>

#include "bochs_dispi/BOCHS.hpp"
#include "uiokit/error.hpp"

namespace uiokit::fb {
namespace {
using BOCHS = bochs_dispi::BOCHS;
using DISPI = BOCHS::DISPI;
using QEXT = BOCHS::QEXT;

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

constexpr std::uint16_t dispi_id0 = 0xB0C0, dispi_id5 = 0xB0C5;  // VBE_DISPI_ID0..ID5
constexpr std::uint32_t max_dim = 16000;  // VBE_DISPI_MAX_XRES; registers are 16-bit anyway
// QEMU's bochs-display scans out nothing below 64x64 (bochs_display_get_mode), and hands the
// memory to pixman, whose rows must be a multiple of 4 bytes.
constexpr std::uint32_t min_dim = 64;
}  // namespace

std::unique_ptr<BochsDevice> bochs_from_regions(Region framebuffer, Region registers, std::string name) {
  return std::make_unique<RegionBochs>(std::move(framebuffer), std::move(registers), std::move(name));
}

auto BochsDisplay::dispi() const { return BOCHS::block::bind(device_->registers()); }

BochsDisplay::BochsDisplay(std::unique_ptr<BochsDevice> device) : device_(std::move(device)) {
  const auto id = dispi().get<DISPI::ID>();
  if (id < dispi_id0 || id > dispi_id5)
    throw Error(Errc::not_found, device_->name(),
                "DISPI ID register reads " + hex(id) + ", not a Bochs VBE display (expected 0xb0c0..0xb0c5)");
}

std::size_t BochsDisplay::memory_size() const {
  // VIDEO_MEMORY_64K tells what the device decodes; the mapping may be smaller.
  const std::size_t reported = std::size_t{dispi().get<DISPI::VIDEO_MEMORY_64K>()} * 64 * 1024;
  const std::size_t mapped = device_->framebuffer().size();
  return reported ? std::min(reported, mapped) : mapped;
}

std::vector<std::pair<std::string, std::string>> BochsDisplay::details() const {
  const auto d = dispi();
  const auto en = d.read<DISPI::ENABLE>();
  return {{"DISPI ID", hex(d.get<DISPI::ID>())},
          {"video memory", std::to_string(memory_size() / 1024) + " KiB"},
          {"ENABLE", hex(en.raw()) + (en.is_set<DISPI::ENABLE::ENABLED>() ? " (enabled" : " (disabled") +
                         (en.is_set<DISPI::ENABLE::LFB_ENABLED>() ? ", linear framebuffer)" : ")")},
          {"virtual screen", std::to_string(d.get<DISPI::VIRT_WIDTH>()) + "x" + std::to_string(d.get<DISPI::VIRT_HEIGHT>())},
          {"offset", std::to_string(d.get<DISPI::X_OFFSET>()) + "," + std::to_string(d.get<DISPI::Y_OFFSET>())},
          {"byte order", hex(d.read<QEXT::BYTEORDER>().raw())},
          // which window the pixels go through: its memory attributes differ (README.md)
          {"framebuffer map", device_->framebuffer().info().name + " (" + device_->framebuffer().info().source + ")"}};
}

std::optional<Mode> BochsDisplay::mode() const {
  const auto d = dispi();
  if (!d.is_set<DISPI::ENABLE::ENABLED>()) return std::nullopt;
  Mode m;
  m.width = d.get<DISPI::XRES>();
  m.height = d.get<DISPI::YRES>();
  const auto bpp = d.get<DISPI::BPP>();
  if (bpp != 16 && bpp != 32) return std::nullopt;  // a mode this driver did not set (8/15/24 bpp)
  m.format = bpp == 32 ? PixelFormat::xrgb8888 : PixelFormat::rgb565;
  m.stride = std::uint32_t{d.get<DISPI::VIRT_WIDTH>()} * bytes_per_pixel(m.format);
  m.page_bytes = std::size_t{m.stride} * m.height;
  m.pages = m.height ? std::max<std::uint32_t>(1, d.get<DISPI::VIRT_HEIGHT>() / m.height) : 1;
  if (m.width == 0 || m.height == 0) return std::nullopt;
  return m;
}

Mode BochsDisplay::validate(const ModeRequest& r) const {
  const std::string what = describe(r);
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
  return lay_out(r);
}

Mode BochsDisplay::set_mode(const ModeRequest& r) {
  const Mode m = validate(r);  // nothing is written before this returns
  auto d = dispi();
  // The order of Linux's bochs driver: disable, geometry, virtual screen, offsets, enable.
  d.write<DISPI::ENABLE>();
  if (d.get<QEXT::SIZE>() >= 8) d.write(QEXT::BYTEORDER::ORDER{QEXT::BYTEORDER::ORDER_values::little});
  d.write_raw<DISPI::BPP>(static_cast<std::uint16_t>(bits_per_pixel(m.format)));
  d.write_raw<DISPI::XRES>(static_cast<std::uint16_t>(m.width));
  d.write_raw<DISPI::YRES>(static_cast<std::uint16_t>(m.height));
  d.write_raw<DISPI::BANK>(0);
  d.write_raw<DISPI::VIRT_WIDTH>(static_cast<std::uint16_t>(m.width));
  d.write_raw<DISPI::VIRT_HEIGHT>(static_cast<std::uint16_t>(m.height * m.pages));
  d.write_raw<DISPI::X_OFFSET>(0);
  d.write_raw<DISPI::Y_OFFSET>(0);
  d.write(DISPI::ENABLE::ENABLED{1}, DISPI::ENABLE::LFB_ENABLED{1});
  return m;
}

void BochsDisplay::show(unsigned page) {
  const Mode m = mode_with(page);
  dispi().write_raw<DISPI::Y_OFFSET>(static_cast<std::uint16_t>(page * m.height));
}

unsigned BochsDisplay::shown() const {
  const auto m = mode();
  if (!m) return 0;
  return dispi().get<DISPI::Y_OFFSET>() / m->height;
}

}  // namespace uiokit::fb
