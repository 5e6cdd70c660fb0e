// SPDX-License-Identifier: MIT
// ClcdDisplay: what every CLCD variant shares (mode checks, pages, the video RAM), over the
// layout its variant bound (clcd_layout.hpp).
#include "uiokit/fb/clcd.hpp"

#include <algorithm>
#include <chrono>

#include "clcd_layout.hpp"
#include "uiokit/error.hpp"

namespace uiokit::fb {
namespace {

class RegionClcd final : public ClcdDevice {
 public:
  RegionClcd(Region regs, Region vram, std::uint64_t bus, std::string name)
      : regs_(std::move(regs)), vram_(std::move(vram)), bus_(bus), name_(std::move(name)) {}
  Transport& registers() override { return regs_; }
  Region& vram() override { return vram_; }
  std::string name() const override { return name_; }
  std::string via() const override { return "regions"; }
  std::uint64_t vram_bus() override { return bus_; }

 private:
  RegionTransport regs_;
  Region vram_;
  std::uint64_t bus_;
  std::string name_;
};

constexpr std::uint32_t max_width = 1024, max_height = 1024, max_pages = 2;
// About three frames at 60 Hz: a flip takes effect at the next vertical sync.
constexpr std::chrono::milliseconds flip_timeout{50};

// The mode a scanout is, when it is one this driver sets inside its video RAM.
std::optional<Mode> mode_of(const clcd::Scanout& s, std::uint64_t vram_bus, std::size_t vram_size) {
  if (!s.on || !s.format || s.width == 0 || s.height == 0) return std::nullopt;
  Mode m;
  m.width = s.width;
  m.height = s.height;
  m.format = *s.format;
  m.stride = m.width * bytes_per_pixel(m.format);
  m.page_bytes = std::size_t{m.stride} * m.height;
  m.pages = static_cast<std::uint32_t>(std::min<std::size_t>(max_pages, vram_size / m.page_bytes));
  if (m.pages == 0 || s.base < vram_bus || s.base >= vram_bus + m.page_bytes * m.pages) return std::nullopt;
  return m;
}
}  // namespace

std::unique_ptr<ClcdDevice> clcd_from_regions(Region registers, Region vram, std::uint64_t vram_bus, std::string name) {
  return std::make_unique<RegionClcd>(std::move(registers), std::move(vram), vram_bus, std::move(name));
}

ClcdDisplay::ClcdDisplay(std::unique_ptr<ClcdDevice> device, ClcdBoard board) : device_(std::move(device)) {
  Transport& regs = device_->registers();
  variant_ = &clcd::variant_for(clcd::read_id(regs), board, regs.describe());
  vram_bus_ = device_->vram_bus();
  if (vram_bus_ == 0 || vram_bus_ > 0xffffffffULL - device_->vram().size())
    throw Error(Errc::invalid_argument, device_->vram().describe(),
                "the video RAM has no 32-bit bus address the controller could scan out from");
  layout_ = variant_->bind(regs);
}

ClcdDisplay::~ClcdDisplay() = default;

ClcdVariant ClcdDisplay::variant() const noexcept { return variant_->id; }

std::string ClcdDisplay::name() const { return std::string(to_string(variant_->id)) + " " + device_->name(); }

std::vector<PixelFormat> ClcdDisplay::formats() const {
  const auto f = layout_->formats();
  return {f.begin(), f.end()};
}

std::vector<std::pair<std::string, std::string>> ClcdDisplay::details() const {
  std::vector<std::pair<std::string, std::string>> out{
      {"variant", std::string(to_string(variant_->id)) + " (" + std::string(variant_->placement) + ")"},
      {"registers", device_->registers().describe()},
      {"video RAM", device_->vram().describe() + ", bus address " + hex(vram_bus_)}};
  for (auto& line : layout_->registers()) out.push_back(std::move(line));
  return out;
}

std::optional<Mode> ClcdDisplay::mode() const { return mode_of(layout_->scanout(), vram_bus_, memory_size()); }

Mode ClcdDisplay::validate(const ModeRequest& rq) const {
  const std::string what = describe(rq);
  if (rq.width == 0 || rq.height == 0) throw Error(Errc::invalid_argument, name(), "mode " + what + " has a zero size");
  if (rq.pages == 0 || rq.pages > max_pages) throw Error(Errc::invalid_argument, name(), "a mode has 1 or 2 pages here");
  if (rq.width % 16 != 0 || rq.width > max_width || rq.height > max_height)
    throw Error(Errc::invalid_argument, name(), "mode " + what + ": the CLCD needs a width that is a multiple of 16, "
                                                "at most 1024x1024");
  const auto fmts = formats();
  if (std::find(fmts.begin(), fmts.end(), rq.format) == fmts.end()) {
    std::string offered;
    for (auto f : fmts) offered += (offered.empty() ? "" : ", ") + std::string(to_string(f));
    throw Error(Errc::unsupported, name(),
                "pixel format " + std::string(to_string(rq.format)) + " is not one the " +
                    std::string(to_string(variant_->id)) + " scans out here (it does " + offered + ")" +
                    (variant_->missing.empty() ? "" : ": " + std::string(variant_->missing)));
  }
  return lay_out(rq);
}

Mode ClcdDisplay::set_mode(const ModeRequest& rq) {
  const Mode m = validate(rq);  // nothing is written before this returns
  layout_->start(m.width, m.height, m.format, static_cast<std::uint32_t>(vram_bus_));
  return m;
}

void ClcdDisplay::disable() { layout_->stop(); }

void ClcdDisplay::show(unsigned page) {
  const Mode m = mode_with(page);
  const std::uint64_t base = vram_bus_ + m.page_bytes * page;
  // A controller whose DMA has not reached the new page by then has no panel clock running; the
  // new base is set, and it takes effect once one runs.
  static_cast<void>(layout_->flip(static_cast<std::uint32_t>(base), static_cast<std::uint32_t>(base + m.page_bytes),
                                  flip_timeout));
}

unsigned ClcdDisplay::shown() const {
  const auto s = layout_->scanout();
  const auto m = mode_of(s, vram_bus_, memory_size());
  return m ? static_cast<unsigned>((s.base - vram_bus_) / m->page_bytes) : 0;
}

}  // namespace uiokit::fb
