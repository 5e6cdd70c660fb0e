// SPDX-License-Identifier: MIT
// The CLCD variants: each one's generated registers, interrupt mask and formats, and how a
// controller is matched to one (its PrimeCell ID, and for a PL110 the board).
#include <algorithm>

#include "clcd_layout.hpp"
#include "pl110/CLCD.hpp"
#include "pl110/CLCD_VERSATILE.hpp"
#include "pl111/CLCD.hpp"
#ifdef UIOKIT_HAVE_LIBFDT
#include "uiokit/fdt/tree.hpp"
#endif

namespace uiokit::fb {
namespace clcd {
namespace {

// QEMU's reading of the BGR bit (measured): set puts red in the high bits (0x00RRGGBB, RGB565).
struct Pl111 {
  using regs = pl111::CLCD;
  using interrupt_mask = regs::LCDIMSC;
  using Control = regs::LCDControl;
  using Bpp = Control::LcdBpp_values;
  using Bgr = Control::BGR_values;
  static constexpr Code<Control> codes[] = {
      {PixelFormat::xrgb8888, Bpp::bpp24, Bgr::bgr},      {PixelFormat::xbgr8888, Bpp::bpp24, Bgr::rgb},
      {PixelFormat::rgb565, Bpp::bpp16_565, Bgr::bgr},    {PixelFormat::bgr565, Bpp::bpp16_565, Bgr::rgb},
      {PixelFormat::xrgb1555, Bpp::bpp16_1555, Bgr::bgr}, {PixelFormat::xbgr1555, Bpp::bpp16_1555, Bgr::rgb},
  };
};

// A PL110 has no 5:6:5 code: its 16 bpp mode is 1:5:5:5, or 5:6:5 through a multiplexer the
// board's system controller sets (QEMU draws it by that multiplexer), so only 24 bpp means one
// thing whatever the board.
template <class P>
struct Pl110 {
  using regs = P;
  using interrupt_mask = P::LCDINTRENABLE;
  using Control = P::LCDControl;
  static constexpr Code<Control> codes[] = {
      {PixelFormat::xrgb8888, Control::LcdBpp_values::bpp24, Control::BGR_values::bgr},
      {PixelFormat::xbgr8888, Control::LcdBpp_values::bpp24, Control::BGR_values::rgb},
  };
};

template <class V>
std::unique_ptr<Layout> bind_layout(Transport& t) {
  return std::make_unique<LayoutOf<V>>(t);
}

constexpr std::string_view pl110_16bpp =
    "16 bpp on a PL110 is 1:5:5:5 or 5:6:5 as a board multiplexer selects, which this driver does not set";

// First match wins: the Versatile's PL110 before the stock PL110 it identifies as.
constexpr Variant variants[] = {
    {ClcdVariant::pl111, 0x111, ClcdBoard::other, "LCDControl at 0x18, LCDIMSC at 0x1c", {}, &bind_layout<Pl111>},
    {ClcdVariant::pl110_versatile, 0x110, ClcdBoard::versatile, "LCDControl at 0x18, LCDINTRENABLE at 0x1c",
     pl110_16bpp, &bind_layout<Pl110<pl110::CLCD_VERSATILE>>},
    {ClcdVariant::pl110, 0x110, ClcdBoard::other, "LCDINTRENABLE at 0x18, LCDControl at 0x1c", pl110_16bpp,
     &bind_layout<Pl110<pl110::CLCD>>},
};

constexpr unsigned arm = 0x41;  // the designer code of ARM Ltd
}  // namespace

const Variant& variant_for(const PrimeCellId& id, ClcdBoard board, const std::string& where) {
  if (id.designer == arm)
    for (const auto& v : variants)
      if (v.part == id.part && (v.board == ClcdBoard::other || v.board == board)) return v;
  throw Error(Errc::not_found, where,
              "peripheral ID reads part " + hex(id.part) + ", designer " + hex(id.designer) +
                  ": not a PL111 (part 0x111) or PL110 (0x110) CLCD by ARM (0x41)");
}

const Variant& variant(ClcdVariant id) {
  return *std::find_if(std::begin(variants), std::end(variants), [id](const Variant& v) { return v.id == id; });
}

PrimeCellId read_id(Transport& registers) {
  // Every PrimeCell identifies itself at 0xFE0..0xFEC, in each layout alike: the PL111's names
  // serve for all of them.
  using C = pl111::CLCD;
  const auto clcd = reg::bind<C::block>(registers);
  const auto id1 = clcd.read<C::CLCDPeriphID1>();
  const auto id2 = clcd.read<C::CLCDPeriphID2>();
  return {clcd.get<C::CLCDPeriphID0::PartNumber0>() | id1.get<C::CLCDPeriphID1::PartNumber1>() << 8,
          id1.get<C::CLCDPeriphID1::Designer0>() | id2.get<C::CLCDPeriphID2::Designer1>() << 4,
          id2.get<C::CLCDPeriphID2::Revision>(), clcd.get<C::CLCDPeriphID3::Configuration>()};
}

}  // namespace clcd

ClcdVariant identify(const PrimeCellId& id, ClcdBoard board, const std::string& where) {
  return clcd::variant_for(id, board, where).id;
}

ClcdBoard running_board() {
#ifdef UIOKIT_HAVE_LIBFDT
  // Linux's pl111 driver tells the Versatile's PL110 by its system controller node.
  try {
    if (!fdt::Tree::running_system().find_compatible("arm,versatile-sysreg").empty()) return ClcdBoard::versatile;
  } catch (const Error&) {
    // No device tree to read (x86, or not root): nothing says this is a Versatile board.
  }
#endif
  return ClcdBoard::other;
}

std::string_view to_string(ClcdVariant v) noexcept {
  switch (v) {
    case ClcdVariant::pl110: return "PL110";
    case ClcdVariant::pl110_versatile: return "PL110 (Versatile)";
    case ClcdVariant::pl111: return "PL111";
  }
  return "CLCD";
}

}  // namespace uiokit::fb
