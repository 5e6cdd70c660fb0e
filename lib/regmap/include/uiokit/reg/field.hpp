// SPDX-License-Identifier: MIT
// Fields: named bit ranges of a register, with an access kind and an encoding.
//
//   using CTLEN  = Field<"CTLEN", 0, 1>;                       // bit 0
//   using CLKSEL = EnumField<"CLKSEL", 1, 1, Clksel>;          // a C++ enum
//   using SEC    = BcdField<"SEC", 0, 7>;                      // two BCD digits, 0..59
//   using TICK   = Field<"TICK", 0, 1, Access::w1c>;           // write 1 to clear
//
// A field type is also a value of that field: CTLEN{1} is "CTLEN set to 1", which is what
// write() and modify() take. Values are encoded on the way in (BCD, enum, range check) and
// decoded on the way out (BCD digits above 9 are a hardware error, not a number).
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "uiokit/error.hpp"
#include "uiokit/reg/access.hpp"
#include "uiokit/reg/bcd.hpp"
#include "uiokit/reg/bits.hpp"
#include "uiokit/reg/name.hpp"

namespace uiokit::reg {

enum class Encoding : std::uint8_t { plain, bcd, enumerated };

// For dumps: the name of an enumerated value, found by ADL if the enum's namespace declares
//   constexpr auto enumerators(MyEnum) { return std::array{Enumerator<MyEnum>{MyEnum::a, "a"}, ...}; }
template <class E>
struct Enumerator {
  E value;
  std::string_view name;
};

namespace detail {
template <unsigned Width, class E, Encoding Enc>
struct FieldValueType {
  using type = std::conditional_t<(Width > 32), std::uint64_t, std::uint32_t>;
};
template <unsigned Width, class E>
struct FieldValueType<Width, E, Encoding::enumerated> {
  using type = E;
};
}  // namespace detail

template <Name N, unsigned Lsb, unsigned Width, Access A = Access::inherit, Encoding Enc = Encoding::plain,
          class E = void, std::uint64_t Reset = 0>
struct Field {
  using value_type = typename detail::FieldValueType<Width, E, Enc>::type;
  using enum_type = E;
  static constexpr std::string_view name = N.view();
  static constexpr unsigned lsb = Lsb;
  static constexpr unsigned width = Width;
  static constexpr Access access = A;
  static constexpr Encoding encoding = Enc;
  static constexpr std::uint64_t reset = Reset;        // the field's raw value after reset
  static constexpr std::uint64_t bits = ones(Width);
  static constexpr std::uint64_t mask = field_mask(Lsb, Width);  // in register position

  value_type value{};
  constexpr Field() = default;
  constexpr Field(value_type v) : value(v) {}  // NOLINT: CTLEN{1} reads as "CTLEN = 1"

  // Raw bits (not yet shifted) for a value; throws Error(invalid_argument) if it cannot be held.
  static constexpr std::uint64_t encode(value_type v) {
    std::uint64_t raw = 0;
    if constexpr (Enc == Encoding::enumerated) {
      raw = static_cast<std::uint64_t>(static_cast<std::underlying_type_t<E>>(v));
    } else if constexpr (Enc == Encoding::bcd) {
      return to_bcd(v, Width, name);
    } else {
      raw = static_cast<std::uint64_t>(v);
    }
    if ((raw & ~bits) != 0) out_of_range(raw);
    return raw;
  }

  // The value held in raw bits; BCD digits above 9 throw Error(bad_hardware_value).
  static constexpr value_type decode(std::uint64_t raw, std::string_view reg_name = {}) {
    if constexpr (Enc == Encoding::enumerated) {
      return static_cast<E>(static_cast<std::underlying_type_t<E>>(raw));
    } else if constexpr (Enc == Encoding::bcd) {
      const std::string subject = reg_name.empty() ? std::string(name) : std::string(reg_name) + "." + std::string(name);
      return static_cast<value_type>(from_bcd(raw, Width, subject));
    } else {
      return static_cast<value_type>(raw);
    }
  }

  // Largest value encode() accepts (for BCD: the largest decimal the digits can hold).
  static constexpr std::uint64_t max_value() noexcept {
    if constexpr (Enc == Encoding::bcd) {
      return bcd_max(Width);
    } else {
      return bits;
    }
  }

 private:
  [[noreturn]] static void out_of_range(std::uint64_t v) {
    throw Error(Errc::invalid_argument, std::string(name),
                "value " + std::to_string(v) + " does not fit the " + std::to_string(Width) + "-bit field");
  }
};

template <Name N, unsigned Lsb, unsigned Width, Access A = Access::inherit, std::uint64_t Reset = 0>
using BcdField = Field<N, Lsb, Width, A, Encoding::bcd, void, Reset>;

template <Name N, unsigned Lsb, unsigned Width, class E, Access A = Access::inherit, std::uint64_t Reset = 0>
using EnumField = Field<N, Lsb, Width, A, Encoding::enumerated, E, Reset>;

template <class F>
concept FieldType = requires {
  { F::name } -> std::convertible_to<std::string_view>;
  { F::mask } -> std::convertible_to<std::uint64_t>;
  typename F::value_type;
};

}  // namespace uiokit::reg
