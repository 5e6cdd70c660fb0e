// SPDX-License-Identifier: MIT
// Binary-coded decimal, as RTCs keep their counters: each 4-bit digit holds 0..9, least
// significant digit in the low bits (0x59 is 59). Linux's bcd2bin/bin2bcd, with the checks a
// driver needs: a digit above 9 read from a device is garbage from the hardware, not a number,
// and a value with more digits than the bits hold is refused before anything is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "uiokit/error.hpp"

namespace uiokit::reg {

// The value of `raw`'s BCD digits in its low `width` bits (bits above are ignored), or nothing
// when a digit is above 9.
constexpr std::optional<std::uint64_t> bcd_value(std::uint64_t raw, unsigned width) noexcept {
  std::uint64_t dec = 0, scale = 1;
  for (unsigned shift = 0; shift < width && shift < 64; shift += 4) {
    const std::uint64_t digit = (raw >> shift) & 0xf;
    if (digit > 9) return std::nullopt;
    dec += digit * scale;
    scale *= 10;
  }
  return dec;
}

// bcd_value() for a driver: throws Error(bad_hardware_value) naming `subject` for a digit above 9.
constexpr std::uint64_t from_bcd(std::uint64_t raw, unsigned width, std::string_view subject) {
  if (const auto dec = bcd_value(raw, width)) return *dec;
  throw Error(Errc::bad_hardware_value, std::string(subject),
              "invalid BCD " + hex(raw) + " read from the device (a digit above 9)");
}

// The largest decimal `width` bits of BCD digits hold (a top digit of fewer than 4 bits holds
// less than 9: 7 bits hold up to 79).
constexpr std::uint64_t bcd_max(unsigned width) noexcept {
  std::uint64_t dec = 0, scale = 1;
  for (unsigned shift = 0; shift < width && shift < 64; shift += 4) {
    const unsigned bits = width - shift < 4 ? width - shift : 4;
    const std::uint64_t top = (std::uint64_t{1} << bits) - 1;
    dec += (top > 9 ? 9 : top) * scale;
    scale *= 10;
  }
  return dec;
}

// `value` as BCD digits in `width` bits. Throws Error(invalid_argument) naming `subject` when
// it has more digits than the bits hold.
constexpr std::uint64_t to_bcd(std::uint64_t value, unsigned width, std::string_view subject) {
  if (value > bcd_max(width))
    throw Error(Errc::invalid_argument, std::string(subject),
                "value " + std::to_string(value) + " does not fit the " + std::to_string(width) +
                    "-bit field (BCD, at most " + std::to_string(bcd_max(width)) + ")");
  std::uint64_t raw = 0;
  for (unsigned shift = 0; value != 0; shift += 4, value /= 10) raw |= (value % 10) << shift;
  return raw;
}

}  // namespace uiokit::reg
