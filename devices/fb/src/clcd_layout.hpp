// SPDX-License-Identifier: MIT
// One CLCD register layout behind an interface, so that ClcdDisplay is written once and the
// variant is chosen once, when it binds: the variant table (clcd_variants.cpp) names, for each
// part, its generated registers (pl110.svd, pl111.svd), the register that masks its interrupts
// and the pixel formats it scans out, as Linux's pl111 driver does with its variant data.
//
// LayoutOf<V> is that code for one variant V. It reads like the TRMs: the names are the
// generated ones (LCDControl::LcdEn, LCDTiming0::PPL), brought into scope once below.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "uiokit/error.hpp"
#include "uiokit/fb/clcd.hpp"
#include "uiokit/fb/format.hpp"
#include "uiokit/reg/block.hpp"
#include "uiokit/transport.hpp"

namespace uiokit::fb::clcd {

// What the registers say the controller scans out.
struct Scanout {
  bool on = false;                    // LcdEn and LcdPwr
  std::optional<PixelFormat> format;  // none: a LcdBpp/BGR pair this driver does not set
  std::uint32_t width = 0, height = 0;
  std::uint32_t base = 0;             // LCDUPBASE
};

class Layout {
 public:
  virtual ~Layout() = default;
  virtual std::span<const PixelFormat> formats() const = 0;
  virtual Scanout scanout() const = 0;
  // The TRM's power-up order, from powered down: timings for a TFT panel of width x height,
  // the frame base, interrupts masked, the format, then LcdEn, then LcdPwr.
  virtual void start(std::uint32_t width, std::uint32_t height, PixelFormat format, std::uint32_t base) = 0;
  // LcdPwr off, then LcdEn.
  virtual void stop() = 0;
  // A new frame base, and whether the DMA reached [base, end) within `timeout`.
  virtual bool flip(std::uint32_t base, std::uint32_t end, std::chrono::milliseconds timeout) = 0;
  // Register name and value lines for `info`.
  virtual std::vector<std::pair<std::string, std::string>> registers() const = 0;
};

struct Variant {
  ClcdVariant id;
  unsigned part;                // PrimeCell part number
  ClcdBoard board;              // the board this layout needs; `other`: any
  std::string_view placement;   // for `info`: where the registers that move are
  std::string_view missing;     // why formats other parts have are not offered, for refusals
  std::unique_ptr<Layout> (*bind)(Transport& registers);
};

// The variant for an identification on a board (the table's first match).
const Variant& variant_for(const PrimeCellId& id, ClcdBoard board, const std::string& where);
const Variant& variant(ClcdVariant id);
// CLCDPeriphID0..3, read through the transport (the same registers in every layout).
PrimeCellId read_id(Transport& registers);

// A pixel format as the LCDControl of one layout encodes it.
template <class Control>
struct Code {
  PixelFormat format;
  typename Control::LcdBpp_values bpp;
  typename Control::BGR_values bgr;
};

// VGA-like porches and sync widths; QEMU ignores them, a real panel needs its own.
inline constexpr unsigned hsw = 96, hfp = 16, hbp = 48, vsw = 2, vfp = 10, vbp = 33;

// V names the generated peripheral (`regs`), its interrupt mask register (`interrupt_mask`)
// and its formats (`codes`, an array of Code<regs::LCDControl>).
template <class V>
class LayoutOf final : public Layout {
  using P = V::regs;
  using LCDTiming0 = P::LCDTiming0;
  using LCDTiming1 = P::LCDTiming1;
  using LCDTiming2 = P::LCDTiming2;
  using LCDTiming3 = P::LCDTiming3;
  using LCDUPBASE = P::LCDUPBASE;
  using LCDLPBASE = P::LCDLPBASE;
  using LCDControl = P::LCDControl;
  using LCDUPCURR = P::LCDUPCURR;
  using InterruptMask = V::interrupt_mask;
  using PPL = LCDTiming0::PPL;
  using HSW = LCDTiming0::HSW;
  using HFP = LCDTiming0::HFP;
  using HBP = LCDTiming0::HBP;
  using LPP = LCDTiming1::LPP;
  using VSW = LCDTiming1::VSW;
  using VFP = LCDTiming1::VFP;
  using VBP = LCDTiming1::VBP;
  using CPL = LCDTiming2::CPL;
  using BCD = LCDTiming2::BCD;
  using IHS = LCDTiming2::IHS;
  using IVS = LCDTiming2::IVS;
  using LcdEn = LCDControl::LcdEn;
  using LcdPwr = LCDControl::LcdPwr;
  using LcdTFT = LCDControl::LcdTFT;
  using LcdBpp = LCDControl::LcdBpp;
  using BGR = LCDControl::BGR;

 public:
  explicit LayoutOf(Transport& t) : clcd_(reg::bind<typename P::block>(t)) {
    for (const auto& c : V::codes) formats_.push_back(c.format);
  }

  std::span<const PixelFormat> formats() const override { return formats_; }

  Scanout scanout() const override {
    const auto control = reg::read<LCDControl>(clcd_);
    Scanout s;
    s.on = reg::is_set<LcdEn>(control) && reg::is_set<LcdPwr>(control);
    for (const auto& c : V::codes)
      if (c.bpp == reg::get<LcdBpp>(control) && c.bgr == reg::get<BGR>(control)) s.format = c.format;
    s.width = (reg::get<PPL>(clcd_) + 1) * 16;
    s.height = reg::get<LPP>(clcd_) + 1;
    s.base = reg::get<LCDUPBASE>(clcd_);
    return s;
  }

  void start(std::uint32_t width, std::uint32_t height, PixelFormat format, std::uint32_t base) override {
    const auto& code = code_of(format);
    stop();
    clcd_.write(PPL{width / 16 - 1}, HSW{hsw - 1}, HFP{hfp - 1}, HBP{hbp - 1});
    clcd_.write(LPP{height - 1}, VSW{vsw - 1}, VFP{vfp}, VBP{vbp});
    clcd_.write(BCD{1}, CPL{width - 1}, IHS{1}, IVS{1});
    reg::write<LCDTiming3>(clcd_);
    reg::write_raw<LCDUPBASE>(clcd_, base);
    reg::write_raw<LCDLPBASE>(clcd_, 0);
    reg::write<InterruptMask>(clcd_);  // this driver handles none of them
    clcd_.write(LcdTFT{LCDControl::LcdTFT_values::tft}, LcdBpp{code.bpp}, BGR{code.bgr});
    clcd_.modify(LcdEn{1});
    clcd_.modify(LcdPwr{1});
  }

  void stop() override {
    clcd_.modify(LcdPwr{0});
    clcd_.modify(LcdEn{0});
  }

  bool flip(std::uint32_t base, std::uint32_t end, std::chrono::milliseconds timeout) override {
    reg::write_raw<LCDUPBASE>(clcd_, base);
    // The controller loads LCDUPBASE at the next vertical sync; until then its DMA (LCDUPCURR)
    // still reads the old page. LCDUPCURR 0 means no fetch is running. QEMU flips at once: its
    // PL111 returns LCDUPBASE as LCDUPCURR, and its PL110 models read 0x28 (their LCDUPCURR
    // here) as 0.
    return reg::wait_for<LCDUPCURR>(
        clcd_, [&](std::uint32_t at) { return at == 0 || (at >= base && at < end); }, timeout);
  }

  std::vector<std::pair<std::string, std::string>> registers() const override {
    const auto control = reg::read<LCDControl>(clcd_);
    return {{"LCDTiming0", hex(reg::read<LCDTiming0>(clcd_).raw())},
            {"LCDTiming1", hex(reg::read<LCDTiming1>(clcd_).raw())},
            {"LCDTiming2", hex(reg::read<LCDTiming2>(clcd_).raw())},
            {"LCDUPBASE", hex(reg::get<LCDUPBASE>(clcd_))},
            {"LCDControl", hex(control.raw()) + (reg::is_set<LcdEn>(control) ? " (LcdEn" : " (LcdEn off") +
                               (reg::is_set<LcdPwr>(control) ? ", LcdPwr)" : ", LcdPwr off)")}};
  }

 private:
  const Code<LCDControl>& code_of(PixelFormat f) const {
    for (const auto& c : V::codes)
      if (c.format == f) return c;
    throw Error(Errc::unsupported, std::string(P::block::name), "no code for " + std::string(to_string(f)));
  }

  reg::Bound<typename P::block, reg::TransportIo> clcd_;
  std::vector<PixelFormat> formats_;
};

}  // namespace uiokit::fb::clcd
