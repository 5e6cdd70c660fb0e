// SPDX-License-Identifier: MIT
// Registers: a word at an offset in a block, with an access kind, a byte order and fields.
//
//   // S3C2410 RTC, "RTC control register"
//   struct RTCCON : Reg<"RTCCON", 0x40, std::uint32_t, Access::rw> {
//     using CTLEN  = Field<"CTLEN", 0, 1>;     // BCD registers writable
//     using CLKSEL = Field<"CLKSEL", 1, 1>;
//     using fields = Fields<CTLEN, CLKSEL>;
//   };
//
// Value<R> is one reading of R: get<F>() decodes a field, set(F{v}...) encodes into it. What the
// bits not named in a write become is fixed here, once, for every register (see write_base):
// fields take their declared reset value (0 unless declared), write-1 kinds (w1c, w1s, w1t) 0,
// write-0 kinds 1, reserved bits 0. A register without fields is one field of its own access.
// RegOptions also carry the register's reset value and mask (SVD resetValue/resetMask).
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "uiokit/mmio.hpp"
#include "uiokit/reg/access.hpp"
#include "uiokit/reg/field.hpp"
#include "uiokit/reg/name.hpp"

namespace uiokit::reg {

template <class... Fs>
struct Fields {};

namespace detail {
template <class L>
struct only_field;
template <class F>
struct only_field<Fields<F>> {
  using type = F;
};
}  // namespace detail
// The field of a register that declares exactly one (a compile error otherwise).
template <class R>
using only_field_t = typename detail::only_field<typename R::fields>::type;

struct RegOptions {
  mmio::Endian endian = mmio::Endian::little;
  std::uint64_t reset = 0;       // the register's value after reset (bits in reset_mask)
  std::uint64_t reset_mask = 0;  // bits whose reset value is known; 0: none declared
  // Shares its bytes with another register of the block (SVD alternateRegister/alternateGroup):
  // left out of the block's overlap check.
  bool alternate = false;
};
inline constexpr RegOptions big_endian{mmio::Endian::big};

template <Name N, std::size_t Offset, mmio::MmioWord T, Access A = Access::rw, RegOptions O = {}>
struct Reg {
  using word = T;
  using fields = Fields<>;  // a register that declares none is one plain word
  static constexpr std::string_view name = N.view();
  static constexpr std::size_t offset = Offset;
  static constexpr Access access = A;
  static constexpr mmio::Endian endian = O.endian;
  static constexpr unsigned bits = sizeof(T) * 8;
  static constexpr std::uint64_t reset = O.reset;
  static constexpr std::uint64_t reset_mask = O.reset_mask;
  static constexpr bool alternate = O.alternate;
};

template <class R>
concept RegisterType = requires {
  typename R::word;
  typename R::fields;
  { R::offset } -> std::convertible_to<std::size_t>;
  { R::access } -> std::convertible_to<Access>;
};

// ---- per-field facts in the context of a register --------------------------------------------
template <class R, class F>
constexpr Access field_access() noexcept {
  return F::access == Access::inherit ? R::access : F::access;
}

namespace detail {
template <class F, class List>
struct contains;
template <class F, class... Fs>
struct contains<F, Fields<Fs...>> : std::bool_constant<(std::is_same_v<F, Fs> || ...)> {};

template <class R, class F>
constexpr bool field_access_fits() {
  constexpr Access fa = field_access<R, F>();
  if constexpr (!can_write(R::access)) return !can_write(fa);
  if constexpr (!can_read(R::access)) return !can_read(fa);
  return true;
}

template <class R, class... Fs>
constexpr bool no_overlap(Fields<Fs...>) {
  const std::uint64_t masks[] = {0, Fs::mask...};
  std::uint64_t seen = 0;
  for (auto m : masks) {
    if ((seen & m) != 0) return false;
    seen |= m;
  }
  return true;
}

template <class R, class... Fs>
constexpr bool check_fields(Fields<Fs...>) {
  static_assert(((Fs::width > 0) && ...), "uiokit: a field has zero width");
  static_assert(((Fs::lsb + Fs::width <= R::bits) && ...), "uiokit: a field lies outside its register");
  static_assert(no_overlap<R>(Fields<Fs...>{}), "uiokit: two fields of a register overlap");
  static_assert((field_access_fits<R, Fs>() && ...),
                "uiokit: a field's access contradicts its register's (a writable field in a read-only register, or a "
                "readable field in a write-only one)");
  static_assert((((Fs::reset & ~Fs::bits) == 0) && ...), "uiokit: a field's reset value does not fit the field");
  static_assert(((R::reset & ~R::reset_mask) | (R::reset_mask & ~ones(R::bits))) == 0,
                "uiokit: a register's reset value or mask does not fit the register");
  return true;
}

// The masks of the bits whose resolved access satisfies `pred`; a register without fields
// counts as one field covering all its bits.
template <class R, class... Fs>
constexpr std::uint64_t mask_where(Fields<Fs...>, bool (*pred)(Access)) {
  if constexpr (sizeof...(Fs) == 0) {
    return pred(R::access) ? ones(R::bits) : 0;
  } else {
    return ((pred(field_access<R, Fs>()) ? Fs::mask : 0) | ... | 0);
  }
}
template <class... Fs>
constexpr std::uint64_t reset_bits(Fields<Fs...>) {
  return ((Fs::reset << Fs::lsb) | ... | 0);
}
}  // namespace detail

template <class R>
constexpr bool check_register() {
  static_assert(RegisterType<R>, "uiokit: not a register (derive it from uiokit::reg::Reg)");
  static_assert(R::access != Access::inherit, "uiokit: a register's access cannot be 'inherit'");
  return detail::check_fields<R>(typename R::fields{});
}

template <class R, class F>
inline constexpr bool has_field = detail::contains<F, typename R::fields>::value;

constexpr bool not_readable(Access a) noexcept { return !can_read(a); }

// Bits modify() must not write back as read: those with a harmless value of 0 (write-1 kinds)
// or 1 (write-0 kinds), write-only fields (reading them means nothing; they get their reset
// value), and fields any write acts on (modify() refuses registers that have any).
template <class R>
inline constexpr std::uint64_t zero_neutral_mask = detail::mask_where<R>(typename R::fields{}, zero_is_neutral);
template <class R>
inline constexpr std::uint64_t one_neutral_mask = detail::mask_where<R>(typename R::fields{}, one_is_neutral);
template <class R>
inline constexpr std::uint64_t write_only_mask = detail::mask_where<R>(typename R::fields{}, not_readable);
template <class R>
inline constexpr std::uint64_t every_write_acts_mask = detail::mask_where<R>(typename R::fields{}, every_write_acts);
// A read of R changes the device (the register's or any field's readAction).
template <class R>
inline constexpr bool read_side_effect =
    read_has_side_effect(R::access) || detail::mask_where<R>(typename R::fields{}, read_has_side_effect) != 0;
// The start of every write(): declared reset values, neutral values in write-1/write-0 bits,
// reserved bits 0.
template <class R>
inline constexpr std::uint64_t write_base =
    (detail::reset_bits(typename R::fields{}) & ~(zero_neutral_mask<R> | one_neutral_mask<R>)) | one_neutral_mask<R>;
// The register after reset as far as it is known: its declared reset value, else its fields'.
template <class R>
inline constexpr std::uint64_t reset_value = R::reset_mask != 0 ? R::reset : detail::reset_bits(typename R::fields{});

template <class R>
class Value {
 public:
  using word = typename R::word;
  constexpr Value() = default;
  constexpr explicit Value(word raw) : raw_(raw) {}
  constexpr word raw() const noexcept { return raw_; }

  template <class F>
  constexpr std::uint64_t bits() const noexcept {
    static_assert(has_field<R, F>, "uiokit: this field does not belong to this register");
    return (static_cast<std::uint64_t>(raw_) & F::mask) >> F::lsb;
  }
  template <class F>
  constexpr typename F::value_type get() const {
    static_assert(has_field<R, F>, "uiokit: this field does not belong to this register");
    static_assert(can_read(field_access<R, F>()), "uiokit: this field is write-only: it cannot be read");
    return F::decode(bits<F>(), R::name);
  }
  template <class F>
  constexpr bool is_set() const {
    static_assert(has_field<R, F>, "uiokit: this field does not belong to this register");
    static_assert(can_read(field_access<R, F>()), "uiokit: this field is write-only: it cannot be read");
    return bits<F>() != 0;
  }
  template <class... Fs>
  constexpr Value& set(Fs... fv) {
    (assign(fv), ...);
    return *this;
  }

 private:
  template <class F>
  constexpr void assign(F fv) {
    static_assert(has_field<R, F>, "uiokit: this field does not belong to this register");
    static_assert(can_write(field_access<R, F>()), "uiokit: this field is read-only: it cannot be written");
    // Computed in the register's own width, so the code is what a hand-written mask would be.
    raw_ = static_cast<word>((raw_ & static_cast<word>(~F::mask)) | static_cast<word>(F::encode(fv.value) << F::lsb));
  }

  word raw_{};
};

// Value's accessors as free functions: get<F>(v) needs no `.template` where v's type is dependent.
template <class F, class R>
constexpr typename F::value_type get(const Value<R>& v) {
  return v.template get<F>();
}
template <class F, class R>
constexpr bool is_set(const Value<R>& v) {
  return v.template is_set<F>();
}

// What a block's get<T>() reads: a field's value, or the word of a register without fields
// (which is one field of its own).
namespace detail {
template <class T>
struct value_of {
  using type = typename T::value_type;
};
template <RegisterType R>
struct value_of<R> {
  using type = typename R::word;
};
}  // namespace detail
template <class T>
using value_t = typename detail::value_of<T>::type;

}  // namespace uiokit::reg
