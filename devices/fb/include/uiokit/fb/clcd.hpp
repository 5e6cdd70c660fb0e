// SPDX-License-Identifier: MIT
// ClcdDisplay: an ARM PrimeCell colour LCD controller (PL110 or PL111) scanning out of video RAM.
//
// The controller is a DMA engine with timing generators: it fetches pixels from the bus address
// in LCDUPBASE. So the driver needs the register window (a Transport) and a window of memory the
// controller can reach, with that memory's bus address (on vexpress: the 8 MiB reserved-memory
// vram@4c000000, which a UIO map or /dev/mem gives us). A ClcdDevice provides both.
//
// Three register layouts exist; the driver picks one when it binds, from the PrimeCell
// peripheral ID (0xFE0..0xFEC: part 0x111 or 0x110, designer ARM) and, for a PL110, the board:
//   PL111               LCDControl at 0x18, LCDIMSC at 0x1C (ARM DDI 0293: vexpress, RealView)
//   PL110               LCDINTRENABLE at 0x18, LCDControl at 0x1C, LCDUPCURR at 0x28 (ARM DDI
//                       0161: Integrator)
//   PL110 (Versatile)   the PL110 of ARM's Versatile boards, with LCDControl and LCDINTRENABLE
//                       where the PL111 has them. It reports a stock PL110's ID, so the board
//                       says which, as Linux decides it: a device tree with the Versatile system
//                       controller ("arm,versatile-sysreg").
// Each layout's registers are generated from tools/svd/devices/pl110.svd and pl111.svd; the
// variant table in src/clcd_layout.hpp binds one of them, once.
//
// set_mode() writes, in the TRM's power-up order: LcdPwr then LcdEn off, the TFT timings of the
// mode (QEMU takes the size from PPL and LPP: widths a multiple of 16, at most 1024x1024),
// LCDUPBASE, every interrupt masked, LCDControl with the format, then LcdEn, then LcdPwr. Pages
// lie back to back in video RAM (at most two). show() moves LCDUPBASE and waits (at most 50 ms)
// until the controller's current address (LCDUPCURR) is inside the new page: the flip takes
// effect at a vertical sync, and drawing into the old page before it would tear.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "uiokit/fb/framebuffer.hpp"
#include "uiokit/region.hpp"
#include "uiokit/transport.hpp"

namespace uiokit::fb {

namespace clcd {
class Layout;
struct Variant;
}  // namespace clcd

class ClcdDevice : public DisplayDevice {
 public:
  virtual Transport& registers() = 0;
  virtual Region& vram() = 0;
  // The bus address the controller must be given for byte 0 of vram(): its phys() by default.
  virtual std::uint64_t vram_bus() { return vram().phys().value_or(0); }
};

// Two Regions handed over as they are (a caller that mapped them itself).
std::unique_ptr<ClcdDevice> clcd_from_regions(Region registers, Region vram, std::uint64_t vram_bus,
                                              std::string name = "clcd");

enum class ClcdVariant { pl110, pl110_versatile, pl111 };
std::string_view to_string(ClcdVariant v) noexcept;  // "PL110", "PL110 (Versatile)", "PL111"

// What the board says about its CLCD, where the ID does not (the Versatile's PL110).
enum class ClcdBoard { other, versatile };
// The running system's board, from its device tree; `other` without one.
ClcdBoard running_board();

// The PrimeCell identification registers (CLCDPeriphID0..3), decoded.
struct PrimeCellId {
  unsigned part = 0;      // PartNumber1:PartNumber0
  unsigned designer = 0;  // Designer1:Designer0, 0x41 for ARM
  unsigned revision = 0;
  unsigned configuration = 0;
};
// The variant a CLCD with this ID is on this board; Errc::not_found naming the ID (and `where`)
// for anything but an ARM PL110 or PL111.
ClcdVariant identify(const PrimeCellId& id, ClcdBoard board, const std::string& where);

class ClcdDisplay final : public Framebuffer {
 public:
  // Reads the peripheral ID and binds the variant's registers. Errc::not_found when the window
  // holds neither part, Errc::invalid_argument when the video RAM has no 32-bit bus address;
  // nothing is written in either case.
  explicit ClcdDisplay(std::unique_ptr<ClcdDevice> device, ClcdBoard board = ClcdBoard::other);
  ~ClcdDisplay() override;

  ClcdVariant variant() const noexcept;
  std::string name() const override;
  std::string via() const override { return device_->via(); }
  std::vector<PixelFormat> formats() const override;
  std::size_t memory_size() const override { return device_->vram().size(); }
  std::vector<std::pair<std::string, std::string>> details() const override;
  std::optional<Mode> mode() const override;
  Mode validate(const ModeRequest& request) const override;
  Mode set_mode(const ModeRequest& request) override;
  void show(unsigned page) override;
  unsigned shown() const override;

  // Powers the panel down and disables the controller (LcdPwr, then LcdEn).
  void disable();

 protected:
  std::byte* memory() const override { return device_->vram().data(); }

 private:
  // Resources in acquisition order: the device with its two windows, then the variant's
  // registers bound to its transport.
  std::unique_ptr<ClcdDevice> device_;
  const clcd::Variant* variant_ = nullptr;
  std::unique_ptr<clcd::Layout> layout_;
  std::uint64_t vram_bus_ = 0;
};

}  // namespace uiokit::fb
