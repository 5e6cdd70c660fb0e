// SPDX-License-Identifier: MIT
// Blocks: a device's register map, bound to a Region.
//
//   using RtcBlock = Block<"s3c2410-rtc", 0x100, RTCCON, TICNT, RTCALM, ..., BCDYEAR>;
//   auto rtc = RtcBlock::bind(region);          // throws region_too_small if region < 0x100
//   rtc.modify(RTCCON::CTLEN{1});               // one load, one store
//   unsigned s = rtc.get<BCDSEC::SEC>();        // decoded from BCD, validated
//   rtc.write<INTP>(INTP::TICK{1});             // w1c: clears TICK only
//
// Checked at compile time: every offset inside the block and aligned to its width, registers
// not overlapping, fields inside their register and not overlapping, access respected (no write
// to ro, no read of wo). A Bound block holds only the I/O policy (a base pointer for MMIO), so
// its operations compile to the same loads and stores as a raw volatile pointer would.
//
// The I/O policy is a template parameter: MmioIo for real memory, FakeIo (uiokit/fake) for unit
// tests with register side effects. Driver code written against Bound<B, Io> runs on both.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

#include "uiokit/error.hpp"
#include "uiokit/mmio.hpp"
#include "uiokit/region.hpp"
#include "uiokit/reg/register.hpp"

namespace uiokit::reg {

// Plain memory-mapped I/O: single volatile accesses at base + offset.
struct MmioIo {
  volatile std::byte* base = nullptr;
  template <mmio::MmioWord T>
  T load(std::size_t off) const noexcept {
    return mmio::load<T>(base + off);
  }
  template <mmio::MmioWord T>
  void store(std::size_t off, T v) const noexcept {
    mmio::store<T>(base + off, v);
  }
};

template <class... Rs>
struct Registers {};

namespace detail {
template <std::size_t Size, class... Rs>
constexpr bool registers_fit() {
  return ((Rs::offset + sizeof(typename Rs::word) <= Size) && ...);
}
template <class... Rs>
constexpr bool registers_aligned() {
  return ((Rs::offset % sizeof(typename Rs::word) == 0) && ...);
}
template <class... Rs>
constexpr bool registers_disjoint() {
  constexpr std::size_t n = sizeof...(Rs);
  if constexpr (n < 2) {
    return true;
  } else {
    const std::size_t lo[] = {Rs::offset...};
    const std::size_t hi[] = {(Rs::offset + sizeof(typename Rs::word))...};
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j)
        if (lo[i] < hi[j] && lo[j] < hi[i]) return false;
    return true;
  }
}

// The register of a block that declares field F (for modify(F{...}) without naming the register).
template <class F, class... Rs>
struct owner_of {
  static constexpr std::size_t matches = (std::size_t{has_field<Rs, F>} + ... + 0);
  static_assert(matches != 0, "uiokit: no register of this block has this field");
  static_assert(matches < 2, "uiokit: several registers of this block have this field: name the register");
  template <class R, class... Rest>
  struct find {
    using type = std::conditional_t<has_field<R, F>, R, typename find<Rest...>::type>;
  };
  template <class R>
  struct find<R> {
    using type = R;
  };
  using type = typename find<Rs...>::type;
};
}  // namespace detail

template <class B, class Io>
class Bound;

template <Name N, std::size_t Size, class... Rs>
struct Block {
  static_assert(sizeof...(Rs) > 0, "uiokit: a block needs at least one register");
  static_assert((check_register<Rs>() && ...));
  static_assert(detail::registers_fit<Size, Rs...>(), "uiokit: a register lies outside its block");
  static_assert(detail::registers_aligned<Rs...>(), "uiokit: a register's offset is not aligned to its width");
  static_assert(detail::registers_disjoint<Rs...>(), "uiokit: two registers of a block overlap");

  using registers = Registers<Rs...>;
  static constexpr std::string_view name = N.view();
  static constexpr std::size_t size = Size;

  template <class R>
  static constexpr bool contains = (std::is_same_v<R, Rs> || ...);
  template <class F>
  using owner_of = typename detail::owner_of<F, Rs...>::type;

  // Binds to a Region (at a byte offset in it); refuses a Region too small for the block.
  static Bound<Block, MmioIo> bind(const Region& region, std::size_t at = 0) {
    if (!region || at > region.size() || region.size() - at < Size)
      throw Error(Errc::region_too_small, region.describe(),
                  "register block " + std::string(name) + " needs " + hex(Size) + " bytes from offset " + hex(at));
    return Bound<Block, MmioIo>(MmioIo{region.base() + at});
  }
};

template <class B, class Io>
class Bound {
 public:
  using block = B;
  explicit Bound(Io io) : io_(io) {}
  const Io& io() const noexcept { return io_; }

  template <class R>
  Value<R> read() const {
    static_assert(B::template contains<R>, "uiokit: this register is not in this block");
    static_assert(can_read(R::access), "uiokit: this register is write-only: it cannot be read");
    return Value<R>(load<R>());
  }

  // Writes the named fields; every other bit takes write_base<R> (reset values, w1c/w1s 0).
  template <class R, class... Fs>
  void write(Fs... fv) {
    static_assert(B::template contains<R>, "uiokit: this register is not in this block");
    static_assert(can_write(R::access), "uiokit: this register is read-only: it cannot be written");
    Value<R> v(static_cast<typename R::word>(write_base<R>));
    v.set(fv...);
    store<R>(v.raw());
  }
  template <class R>
  void write(Value<R> v) {
    static_assert(B::template contains<R>, "uiokit: this register is not in this block");
    static_assert(can_write(R::access), "uiokit: this register is read-only: it cannot be written");
    store<R>(v.raw());
  }
  template <class R>
  void write_raw(typename R::word raw) {
    write<R>(Value<R>(raw));
  }

  // Read-modify-write of the named fields. Reserved bits keep what was read; w1c/w1s bits are
  // written as 0 unless named (writing back a pending 1 would clear it); write-only fields get
  // their reset value. One load and one store.
  template <class R, class... Fs>
  void modify(Fs... fv) {
    static_assert(B::template contains<R>, "uiokit: this register is not in this block");
    static_assert(can_read(R::access) && can_write(R::access),
                  "uiokit: modify needs a register that can be both read and written");
    constexpr auto keep = ~(write_one_mask<R> | write_only_mask<R>);
    constexpr auto fill = write_only_mask<R> & write_base<R>;
    Value<R> v(static_cast<typename R::word>((load<R>() & keep) | fill));
    v.set(fv...);
    store<R>(v.raw());
  }
  // modify() with the register found from the fields (all must belong to the same register).
  template <class F, class... Fs>
  void modify(F f, Fs... fs) {
    using R = typename B::template owner_of<F>;
    modify<R>(f, fs...);
  }

  // regmap_update_bits: bits in mask take val, with the same write-back rules as modify().
  template <class R>
  void update_bits(typename R::word mask, typename R::word val) {
    static_assert(B::template contains<R>, "uiokit: this register is not in this block");
    static_assert(can_read(R::access) && can_write(R::access),
                  "uiokit: update_bits needs a register that can be both read and written");
    constexpr auto keep = ~(write_one_mask<R> | write_only_mask<R>);
    const auto old = static_cast<typename R::word>(load<R>() & keep);
    store<R>(static_cast<typename R::word>((old & ~mask) | (val & mask)));
  }

  // One field, one read (the register is found from the field).
  template <class F>
  typename F::value_type get() const {
    using R = typename B::template owner_of<F>;
    return read<R>().template get<F>();
  }
  template <class F>
  bool is_set() const {
    using R = typename B::template owner_of<F>;
    return read<R>().template is_set<F>();
  }

 private:
  template <class R>
  typename R::word load() const {
    return mmio::from_device(io_.template load<typename R::word>(R::offset), R::endian);
  }
  template <class R>
  void store(typename R::word v) const {
    io_.template store<typename R::word>(R::offset, mmio::from_device(v, R::endian));
  }

  Io io_;
};

}  // namespace uiokit::reg
