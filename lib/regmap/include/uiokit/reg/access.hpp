// SPDX-License-Identifier: MIT
// Access kinds of registers and fields, as datasheets and CMSIS-SVD name them.
//
// The kind decides what the templates allow (no write to ro, no read of wo) and what a
// read-modify-write must not write back: a w1c bit read as 1 and written back as 1 would clear
// an interrupt nobody handled, so modify() writes 0 into every w1c/w1s bit it was not told about.
#pragma once

#include <cstdint>
#include <string_view>

namespace uiokit::reg {

enum class Access : std::uint8_t {
  ro,       // read-only; writes are refused
  wo,       // write-only; reads are refused (the hardware returns nothing meaningful)
  rw,       // read-write
  w1c,      // read; writing 1 clears the bit, writing 0 does nothing (interrupt pending bits)
  w1s,      // read; writing 1 sets the bit, writing 0 does nothing
  rc,       // read-only, and the read itself clears (a side effect: dumps skip it)
  inherit,  // fields only: the register's access
};

constexpr bool can_read(Access a) noexcept { return a != Access::wo; }
constexpr bool can_write(Access a) noexcept { return a != Access::ro && a != Access::rc; }
// Bits where writing 0 is harmless and writing 1 acts: never written back by modify().
constexpr bool write_one_acts(Access a) noexcept { return a == Access::w1c || a == Access::w1s; }
constexpr bool read_has_side_effect(Access a) noexcept { return a == Access::rc; }

constexpr std::string_view to_string(Access a) noexcept {
  switch (a) {
    case Access::ro: return "ro";
    case Access::wo: return "wo";
    case Access::rw: return "rw";
    case Access::w1c: return "w1c";
    case Access::w1s: return "w1s";
    case Access::rc: return "rc";
    case Access::inherit: return "inherit";
  }
  return "?";
}

}  // namespace uiokit::reg
