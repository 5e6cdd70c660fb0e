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
// fields take their declared reset value (0 unless declared), w1c/w1s bits and reserved bits 0.
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

struct RegOptions {
  mmio::Endian endian = mmio::Endian::little;
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
  return true;
}

template <class R, class... Fs>
constexpr std::uint64_t write_one_mask(Fields<Fs...>) {
  return ((write_one_acts(field_access<R, Fs>()) ? Fs::mask : 0) | ... | 0);
}
template <class R, class... Fs>
constexpr std::uint64_t write_only_mask(Fields<Fs...>) {
  return ((!can_read(field_access<R, Fs>()) ? Fs::mask : 0) | ... | 0);
}
template <class R, class... Fs>
constexpr std::uint64_t reset_bits(Fields<Fs...>, [[maybe_unused]] bool skip_write_one) {
  return (((skip_write_one && write_one_acts(field_access<R, Fs>())) ? 0 : (Fs::reset << Fs::lsb)) | ... | 0);
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

// Bits modify() must not write back as read: write-one-acts bits (0 is harmless) and write-only
// fields (reading them means nothing; they get their reset value instead).
template <class R>
inline constexpr std::uint64_t write_one_mask = detail::write_one_mask<R>(typename R::fields{});
template <class R>
inline constexpr std::uint64_t write_only_mask = detail::write_only_mask<R>(typename R::fields{});
// The start of every write(): declared reset values, w1c/w1s bits 0, reserved bits 0.
template <class R>
inline constexpr std::uint64_t write_base = detail::reset_bits<R>(typename R::fields{}, true);

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

}  // namespace uiokit::reg
