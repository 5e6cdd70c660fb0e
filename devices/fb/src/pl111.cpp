// SPDX-License-Identifier: MIT
#include "uiokit/fb/pl111.hpp"

#include <algorithm>
#include <chrono>

#include "uiokit/error.hpp"
#include "uiokit/fb/pl111_regs.hpp"

namespace uiokit::fb {
namespace {
using namespace pl111;

class RegionPl111 final : public Pl111Device {
 public:
  RegionPl111(Region regs, Region vram, std::uint64_t bus, std::string name)
      : regs_(std::move(regs)), vram_(std::move(vram)), bus_(bus), name_(std::move(name)) {}
  Region& registers() override { return regs_; }
  Region& vram() override { return vram_; }
  std::string name() const override { return name_; }
  std::string via() const override { return "regions"; }
  std::uint64_t vram_bus() override { return bus_; }

 private:
  Region regs_, vram_;
  std::uint64_t bus_;
  std::string name_;
};

struct FormatCode {
  PixelFormat format;
  Bpp bpp;
  bool bgr;
};
// QEMU's reading of the BGR bit (measured): set means red in the high bits.
constexpr FormatCode codes[] = {
    {PixelFormat::xrgb8888, Bpp::bpp24, true},     {PixelFormat::xbgr8888, Bpp::bpp24, false},
    {PixelFormat::rgb565, Bpp::bpp16_565, true},   {PixelFormat::bgr565, Bpp::bpp16_565, false},
    {PixelFormat::xrgb1555, Bpp::bpp16_1555, true}, {PixelFormat::xbgr1555, Bpp::bpp16_1555, false},
};

constexpr std::uint32_t max_width = 1024, max_height = 1024;
// VGA-like porches and sync widths; QEMU ignores them, a real panel needs its own.
constexpr unsigned hsw = 96, hfp = 16, hbp = 48, vsw = 2, vfp = 10, vbp = 33;
}  // namespace

std::unique_ptr<Pl111Device> pl111_from_regions(Region registers, Region vram, std::uint64_t vram_bus, std::string name) {
  return std::make_unique<RegionPl111>(std::move(registers), std::move(vram), vram_bus, std::move(name));
}

std::string_view to_string(Pl111Display::Part p) noexcept { return p == Pl111Display::Part::pl111 ? "PL111" : "PL110"; }

template <class F>
decltype(auto) Pl111Display::regs(F&& f) const {
  if (part_ == Part::pl111) return f(Pl111{}, Pl111::Block::bind(device_->registers()));
  return f(Pl110{}, Pl110::Block::bind(device_->registers()));
}

Pl111Display::Pl111Display(std::unique_ptr<Pl111Device> device) : device_(std::move(device)) {
  auto id = IdBlock::bind(device_->registers());
  const unsigned b0 = id.read<PERIPHID0>().raw() & 0xff, b1 = id.read<PERIPHID1>().raw() & 0xff,
                 b2 = id.read<PERIPHID2>().raw() & 0xff;
  if (b0 == 0x11 && b1 == 0x11 && (b2 & 0x0f) == 0x04) part_ = Part::pl111;
  else if (b0 == 0x10 && b1 == 0x11 && (b2 & 0x0f) == 0x04) part_ = Part::pl110;
  else
    throw Error(Errc::not_found, device_->registers().describe(),
                "peripheral ID reads " + hex(b0) + " " + hex(b1) + " " + hex(b2) +
                    ": not a PL111 (0x11 0x11 0x24) or PL110 (0x10 0x11 0x04)");
  vram_bus_ = device_->vram_bus();
  if (vram_bus_ == 0 || vram_bus_ > 0xffffffffULL - device_->vram().size())
    throw Error(Errc::invalid_argument, device_->vram().describe(),
                "the video RAM has no 32-bit bus address the controller could scan out from");
}

std::string Pl111Display::name() const { return std::string(to_string(part_)) + " " + device_->name(); }

std::vector<PixelFormat> Pl111Display::formats() const {
  // Without a way to tell QEMU's PL110 16 bpp variants apart (its mux register), only 24 bpp.
  if (part_ == Part::pl110) return {PixelFormat::xrgb8888, PixelFormat::xbgr8888};
  std::vector<PixelFormat> out;
  for (const auto& c : codes) out.push_back(c.format);
  return out;
}

std::vector<std::pair<std::string, std::string>> Pl111Display::details() const {
  return regs([&](auto layout, auto r) {
    using L = decltype(layout);
    const auto cr = r.template read<typename L::CONTROL>();
    return std::vector<std::pair<std::string, std::string>>{
        {"part", std::string(to_string(part_)) + (part_ == Part::pl111 ? " (CONTROL at 0x18, IMSC at 0x1c)"
                                                                       : " (CONTROL at 0x1c, IMSC at 0x18)")},
        {"registers", device_->registers().describe()},
        {"video RAM", device_->vram().describe() + ", bus address " + hex(vram_bus_)},
        {"TIM0", hex(r.template read<TIM0>().raw())},
        {"TIM1", hex(r.template read<TIM1>().raw())},
        {"TIM2", hex(r.template read<TIM2>().raw())},
        {"UPBASE", hex(r.template read<UPBASE>().raw())},
        {"CONTROL", hex(cr.raw()) + (cr.template is_set<typename L::CONTROL::LCDEN>() ? " (enabled" : " (disabled") +
                        (cr.template is_set<typename L::CONTROL::LCDPWR>() ? ", powered)" : ")")}};
  });
}

std::optional<Mode> Pl111Display::mode() const {
  return regs([&](auto layout, auto r) -> std::optional<Mode> {
    using C = typename decltype(layout)::CONTROL;
    const auto cr = r.template read<C>();
    if (!cr.template is_set<typename C::LCDEN>() || !cr.template is_set<typename C::LCDPWR>()) return std::nullopt;
    const auto bpp = cr.template get<typename C::LCDBPP>();
    const bool bgr = cr.template is_set<typename C::BGR>();
    const FormatCode* code = nullptr;
    for (const auto& c : codes)
      if (c.bpp == bpp && c.bgr == bgr) code = &c;
    if (!code) return std::nullopt;  // a palette or 12 bpp mode this driver does not set
    Mode m;
    m.width = (r.template get<TIM0::PPL>() + 1) * 16;
    m.height = r.template get<TIM1::LPP>() + 1;
    m.format = code->format;
    m.stride = m.width * bytes_per_pixel(m.format);
    m.page_bytes = std::size_t{m.stride} * m.height;
    m.pages = static_cast<std::uint32_t>(std::min<std::size_t>(2, device_->vram().size() / m.page_bytes));
    const std::uint64_t base = r.template read<UPBASE>().raw();
    if (m.pages == 0 || base < vram_bus_ || base >= vram_bus_ + m.page_bytes * m.pages) return std::nullopt;
    return m;
  });
}

Mode Pl111Display::validate(const ModeRequest& rq) const {
  const std::string what = std::to_string(rq.width) + "x" + std::to_string(rq.height) + " " +
                           std::string(to_string(rq.format));
  if (rq.width == 0 || rq.height == 0) throw Error(Errc::invalid_argument, name(), "mode " + what + " has a zero size");
  if (rq.pages == 0 || rq.pages > 2) throw Error(Errc::invalid_argument, name(), "a mode has 1 or 2 pages here");
  if (rq.width % 16 != 0 || rq.width > max_width || rq.height > max_height)
    throw Error(Errc::invalid_argument, name(), "mode " + what + ": the CLCD needs a width that is a multiple of 16, "
                                                "at most 1024x1024");
  const auto fmts = formats();
  if (std::find(fmts.begin(), fmts.end(), rq.format) == fmts.end())
    throw Error(Errc::unsupported, name(), "pixel format " + std::string(to_string(rq.format)) + " is not supported on the " +
                                               std::string(to_string(part_)));
  Mode m{rq.width, rq.height, rq.format, rq.width * bytes_per_pixel(rq.format), rq.pages, 0};
  m.page_bytes = std::size_t{m.stride} * m.height;
  const std::size_t need = m.page_bytes * rq.pages;
  if (need > memory_size())
    throw Error(Errc::invalid_argument, name(), "mode " + what + " with " + std::to_string(rq.pages) + " pages needs " +
                                                    std::to_string(need) + " bytes of video RAM; there are " +
                                                    std::to_string(memory_size()));
  return m;
}

Mode Pl111Display::set_mode(const ModeRequest& rq) {
  const Mode m = validate(rq);  // nothing is written before this returns
  const FormatCode code = *std::find_if(std::begin(codes), std::end(codes), [&](auto& c) { return c.format == m.format; });
  regs([&](auto layout, auto r) {
    using C = typename decltype(layout)::CONTROL;
    // Power down before touching the timings, as the TRM asks: LCDPWR off, then LCDEN off.
    r.template modify<C>(typename C::LCDPWR{0});
    r.template modify<C>(typename C::LCDEN{0});
    r.template write<TIM0>(TIM0::PPL{m.width / 16 - 1}, TIM0::HSW{hsw - 1}, TIM0::HFP{hfp - 1}, TIM0::HBP{hbp - 1});
    r.template write<TIM1>(TIM1::LPP{m.height - 1}, TIM1::VSW{vsw - 1}, TIM1::VFP{vfp}, TIM1::VBP{vbp});
    r.template write<TIM2>(TIM2::BCD{1}, TIM2::CPL{m.width - 1}, TIM2::IHS{1}, TIM2::IVS{1});
    r.template write<TIM3>();
    r.template write_raw<UPBASE>(static_cast<std::uint32_t>(vram_bus_));
    r.template write_raw<LPBASE>(0);
    r.template write<typename decltype(layout)::IMSC>();
    r.template write<C>(typename C::LCDTFT{1}, typename C::LCDBPP{code.bpp}, typename C::BGR{code.bgr ? 1u : 0u});
    r.template modify<C>(typename C::LCDEN{1});
    r.template modify<C>(typename C::LCDPWR{1});
  });
  return m;
}

void Pl111Display::disable() {
  regs([&](auto layout, auto r) {
    using C = typename decltype(layout)::CONTROL;
    r.template modify<C>(typename C::LCDPWR{0});
    r.template modify<C>(typename C::LCDEN{0});
  });
}

void Pl111Display::show(unsigned page) {
  const auto m = mode();
  if (!m) throw Error(Errc::invalid_argument, name(), "the display is disabled: set a mode first");
  if (page >= m->pages)
    throw Error(Errc::invalid_argument, name(), "page " + std::to_string(page) + " does not exist in mode " + describe(*m));
  const std::uint64_t base = vram_bus_ + m->page_bytes * page;
  regs([&](auto, auto r) {
    r.template write_raw<UPBASE>(static_cast<std::uint32_t>(base));
    // The controller latches UPBASE at the next vertical sync; until then its DMA (UPCURR) still
    // reads the old page, which the caller is about to draw into. Wait for the flip, at most
    // about three frames at 60 Hz. UPCURR 0 means no fetch is running (QEMU's model returns
    // UPBASE itself: the flip is immediate there).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
    for (;;) {
      const std::uint64_t cur = r.template read<UPCURR>().raw();
      if (cur == 0 || (cur >= base && cur < base + m->page_bytes)) break;
      if (std::chrono::steady_clock::now() > deadline) break;
    }
  });
}

unsigned Pl111Display::shown() const {
  const auto m = mode();
  if (!m) return 0;
  const std::uint64_t base = regs([&](auto, auto r) { return std::uint64_t{r.template read<UPBASE>().raw()}; });
  return static_cast<unsigned>((base - vram_bus_) / m->page_bytes);
}

}  // namespace uiokit::fb
