// SPDX-License-Identifier: MIT
// ARM PrimeCell PL110/PL111 colour LCD controller: the register map (ARM DDI 0293, "Summary of
// PrimeCell CLCDC registers").
//
// The two parts differ where it hurts: the PL111 has the control register at 0x18 and the
// interrupt mask at 0x1C, the PL110 the other way round, and QEMU models both. So the blocks are
// templates over where CONTROL and IMSC sit, and the driver picks one from the peripheral ID
// (PL111: 0x11 0x11 0x24 at 0xFE0.., PL110: 0x10 0x11 0x04).
#pragma once

#include <cstdint>

#include "uiokit/reg/block.hpp"

namespace uiokit::fb::pl111 {

using reg::Access;
using reg::Field;
using reg::Fields;
using reg::Reg;
using u32 = std::uint32_t;

struct TIM0 : Reg<"TIM0", 0x000, u32> {  // horizontal timing
  using PPL = Field<"PPL", 2, 6>;        // pixels per line / 16 - 1
  using HSW = Field<"HSW", 8, 8>;
  using HFP = Field<"HFP", 16, 8>;
  using HBP = Field<"HBP", 24, 8>;
  using fields = Fields<PPL, HSW, HFP, HBP>;
};
struct TIM1 : Reg<"TIM1", 0x004, u32> {  // vertical timing
  using LPP = Field<"LPP", 0, 10>;       // lines per panel - 1
  using VSW = Field<"VSW", 10, 6>;
  using VFP = Field<"VFP", 16, 8>;
  using VBP = Field<"VBP", 24, 8>;
  using fields = Fields<LPP, VSW, VFP, VBP>;
};
struct TIM2 : Reg<"TIM2", 0x008, u32> {  // clock and signal polarity
  using PCD_LO = Field<"PCD_LO", 0, 5>;
  using CLKSEL = Field<"CLKSEL", 5, 1>;
  using ACB = Field<"ACB", 6, 5>;
  using IVS = Field<"IVS", 11, 1>;
  using IHS = Field<"IHS", 12, 1>;
  using IPC = Field<"IPC", 13, 1>;
  using IOE = Field<"IOE", 14, 1>;
  using CPL = Field<"CPL", 16, 10>;      // clocks per line - 1
  using BCD = Field<"BCD", 26, 1>;       // bypass the pixel clock divider
  using PCD_HI = Field<"PCD_HI", 27, 5>;
  using fields = Fields<PCD_LO, CLKSEL, ACB, IVS, IHS, IPC, IOE, CPL, BCD, PCD_HI>;
};
struct TIM3 : Reg<"TIM3", 0x00C, u32> {  // line end control
  using LED = Field<"LED", 0, 7>;
  using LEE = Field<"LEE", 16, 1>;
  using fields = Fields<LED, LEE>;
};
struct UPBASE : Reg<"UPBASE", 0x010, u32> {};  // upper panel frame base: bus address, 8-byte aligned
struct LPBASE : Reg<"LPBASE", 0x014, u32> {};

enum class Bpp : std::uint8_t { bpp1 = 0, bpp2 = 1, bpp4 = 2, bpp8 = 3, bpp16_1555 = 4, bpp24 = 5, bpp16_565 = 6, bpp12_444 = 7 };

template <std::size_t Offset>
struct CONTROL_AT : Reg<"CONTROL", Offset, u32> {
  using LCDEN = Field<"LCDEN", 0, 1>;
  using LCDBPP = reg::EnumField<"LCDBPP", 1, 3, Bpp>;
  using LCDBW = Field<"LCDBW", 4, 1>;
  using LCDTFT = Field<"LCDTFT", 5, 1>;
  using LCDMONO8 = Field<"LCDMONO8", 6, 1>;
  using LCDDUAL = Field<"LCDDUAL", 7, 1>;
  using BGR = Field<"BGR", 8, 1>;          // QEMU: set puts red in the high bits (0x00RRGGBB, RGB565)
  using BEBO = Field<"BEBO", 9, 1>;
  using BEPO = Field<"BEPO", 10, 1>;
  using LCDPWR = Field<"LCDPWR", 11, 1>;
  using LCDVCOMP = Field<"LCDVCOMP", 12, 2>;
  using WATERMARK = Field<"WATERMARK", 16, 1>;
  using fields = Fields<LCDEN, LCDBPP, LCDBW, LCDTFT, LCDMONO8, LCDDUAL, BGR, BEBO, BEPO, LCDPWR, LCDVCOMP, WATERMARK>;
};
template <std::size_t Offset>
struct IMSC_AT : Reg<"IMSC", Offset, u32> {};

struct RIS : Reg<"RIS", 0x020, u32, Access::ro> {};
struct MIS : Reg<"MIS", 0x024, u32, Access::ro> {};
struct ICR : Reg<"ICR", 0x028, u32, Access::wo> {};
struct UPCURR : Reg<"UPCURR", 0x02C, u32, Access::ro> {};
struct LPCURR : Reg<"LPCURR", 0x030, u32, Access::ro> {};
struct PERIPHID0 : Reg<"PERIPHID0", 0xFE0, u32, Access::ro> {};
struct PERIPHID1 : Reg<"PERIPHID1", 0xFE4, u32, Access::ro> {};
struct PERIPHID2 : Reg<"PERIPHID2", 0xFE8, u32, Access::ro> {};
struct PERIPHID3 : Reg<"PERIPHID3", 0xFEC, u32, Access::ro> {};

template <std::size_t ControlOffset, std::size_t ImscOffset>
struct Layout {
  using CONTROL = CONTROL_AT<ControlOffset>;
  using IMSC = IMSC_AT<ImscOffset>;
  using Block = reg::Block<"clcd", 0x1000, TIM0, TIM1, TIM2, TIM3, UPBASE, LPBASE, CONTROL, IMSC, RIS, MIS, ICR,
                           UPCURR, LPCURR, PERIPHID0, PERIPHID1, PERIPHID2, PERIPHID3>;
};
using Pl111 = Layout<0x018, 0x01C>;
using Pl110 = Layout<0x01C, 0x018>;

// The ID block is the same on both: read it with either layout's block.
using IdBlock = reg::Block<"clcd-id", 0x1000, PERIPHID0, PERIPHID1, PERIPHID2, PERIPHID3>;

}  // namespace uiokit::fb::pl111
