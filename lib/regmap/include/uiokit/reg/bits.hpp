// SPDX-License-Identifier: MIT
// Bit masks of registers and fields: one computation for the typed blocks, the register model
// and the tools, so that a 64-bit field (where 1 << 64 is undefined) is right everywhere.
#pragma once

#include <cstdint>

namespace uiokit::reg {

// The low `width` bits set.
constexpr std::uint64_t ones(unsigned width) noexcept { return width >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1; }
// A field's bits in register position; empty for a field that is not in a 64-bit word.
constexpr std::uint64_t field_mask(unsigned lsb, unsigned width) noexcept {
  return width == 0 || lsb >= 64 ? 0 : ones(width) << lsb;
}

}  // namespace uiokit::reg
