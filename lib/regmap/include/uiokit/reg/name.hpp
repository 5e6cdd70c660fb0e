// SPDX-License-Identifier: MIT
// A string usable as a template argument, so a register's or field's name is part of its type
// (Reg<"RTCCON", 0x40, ...>) and reaches dumps and messages without a separate table.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace uiokit::reg {

template <std::size_t N>
struct Name {
  char chars[N]{};
  constexpr Name(const char (&s)[N]) { std::copy_n(s, N, chars); }  // NOLINT: implicit by design
  constexpr std::string_view view() const { return {chars, N - 1}; }
};

}  // namespace uiokit::reg
