// SPDX-License-Identifier: MIT
// bochs-display (QEMU, PCI 1234:1111 class 0x0380): the registers in BAR2.
//
// QEMU's MMIO BAR holds the EDID blob at 0x000, the Bochs VBE "DISPI" registers at 0x500 (the
// 16-bit registers that a PC reaches through I/O ports 0x1ce/0x1cf, here at 0x500 + index * 2)
// and QEMU's own extension registers at 0x600 (hw/display/bochs-vbe.h). BAR0 is the linear
// framebuffer: the mode's pages, row after row, VIRT_WIDTH pixels per row.
#pragma once

#include <cstdint>

#include "uiokit/reg/block.hpp"

namespace uiokit::fb::bochs {

using reg::Access;
using reg::Field;
using reg::Fields;
using reg::Reg;

inline constexpr std::uint16_t dispi_id5 = 0xB0C5;
inline constexpr std::uint32_t byteorder_le = 0x1e1e1e1e, byteorder_be = 0xbebebebe;

struct ID : Reg<"ID", 0x500, std::uint16_t> {};
struct XRES : Reg<"XRES", 0x502, std::uint16_t> {};
struct YRES : Reg<"YRES", 0x504, std::uint16_t> {};
struct BPP : Reg<"BPP", 0x506, std::uint16_t> {};
struct ENABLE : Reg<"ENABLE", 0x508, std::uint16_t> {
  using ENABLED = Field<"ENABLED", 0, 1>;
  using GETCAPS = Field<"GETCAPS", 1, 1>;        // reads of XRES/YRES/BPP return the maxima
  using DAC_8BIT = Field<"DAC_8BIT", 5, 1>;
  using LFB_ENABLED = Field<"LFB_ENABLED", 6, 1>;
  using NOCLEARMEM = Field<"NOCLEARMEM", 7, 1>;  // keep video memory when enabling
  using fields = Fields<ENABLED, GETCAPS, DAC_8BIT, LFB_ENABLED, NOCLEARMEM>;
};
struct BANK : Reg<"BANK", 0x50a, std::uint16_t> {};
struct VIRT_WIDTH : Reg<"VIRT_WIDTH", 0x50c, std::uint16_t> {};
struct VIRT_HEIGHT : Reg<"VIRT_HEIGHT", 0x50e, std::uint16_t> {};
struct X_OFFSET : Reg<"X_OFFSET", 0x510, std::uint16_t> {};
struct Y_OFFSET : Reg<"Y_OFFSET", 0x512, std::uint16_t> {};
struct VIDEO_MEMORY_64K : Reg<"VIDEO_MEMORY_64K", 0x514, std::uint16_t, Access::ro> {};
// QEMU extension registers
struct QEXT_SIZE : Reg<"QEXT_SIZE", 0x600, std::uint32_t, Access::ro> {};  // bytes of extension registers
struct QEXT_BYTEORDER : Reg<"QEXT_BYTEORDER", 0x604, std::uint32_t> {};    // framebuffer endianness

using Dispi = reg::Block<"bochs-display", 0x1000, ID, XRES, YRES, BPP, ENABLE, BANK, VIRT_WIDTH, VIRT_HEIGHT,
                         X_OFFSET, Y_OFFSET, VIDEO_MEMORY_64K, QEXT_SIZE, QEXT_BYTEORDER>;

}  // namespace uiokit::fb::bochs
