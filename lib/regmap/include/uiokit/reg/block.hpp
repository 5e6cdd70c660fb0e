// SPDX-License-Identifier: MIT
// Blocks: a device's register map, bound to a Region.
//
//   using RtcBlock = Block<"s3c2410-rtc", 0x100, RTCCON, TICNT, RTCALM, ..., BCDYEAR>;
//   auto rtc = RtcBlock::bind(region);          // throws region_too_small if region < 0x100
//   rtc.modify(RTCCON::CTLEN{1});               // one load, one store
//   unsigned s = rtc.get<BCDSEC::SEC>();        // decoded from BCD, validated
//   rtc.write<INTP>(INTP::TICK{1});             // w1c: clears TICK only
//   rtc.read<ALM::at<2>>();                     // arrays (uiokit/reg/array.hpp)
//
// Checked at compile time: every offset inside the block and aligned to its width, registers
// not overlapping (array elements included; alternate registers excepted), fields inside their
// register and not overlapping, access respected (no write to ro, no read of wo). The checks
// are linear in registers and fields (plus a sort of the offsets), and a block renamed for a
// derived peripheral shares them. A Bound block holds only the I/O policy (a base pointer for MMIO), so
// its operations compile to the same loads and stores as a raw volatile pointer would.
//
// The I/O policy is a template parameter: MmioIo for real memory, FakeIo (uiokit/fake) for unit
// tests with register side effects. Driver code written against Bound<B, Io> runs on both.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

#include "uiokit/error.hpp"
#include "uiokit/mmio.hpp"
#include "uiokit/region.hpp"
#include "uiokit/reg/array.hpp"
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
  return ((Rs::offset + extent<Rs>() <= Size) && ...);
}
template <class... Rs>
constexpr bool registers_aligned() {
  return ((Rs::offset % sizeof(typename Rs::word) == 0) && ...);
}
template <class R>
constexpr std::size_t elements() {
  if constexpr (R::alternate) return 0;
  else if constexpr (ArrayType<R>) return R::count * elements<typename R::element>();
  else return 1;
}
struct Span {
  std::size_t lo, hi;
};
template <class R>
constexpr void spans(Span*& out, std::size_t base) {
  if constexpr (R::alternate) {
    return;
  } else if constexpr (ArrayType<R>) {
    for (std::size_t i = 0; i < R::count; ++i) spans<typename R::element>(out, base + i * R::stride);
  } else {
    *out++ = Span{base, base + sizeof(typename R::word)};
  }
}
// Every element's byte range, sorted: neighbours must not overlap.
template <class... Rs>
constexpr bool registers_disjoint() {
  constexpr std::size_t n = (elements<Rs>() + ... + 0);
  if constexpr (n < 2) {
    return true;
  } else {
    std::array<Span, n> all{};
    Span* out = all.data();
    (spans<Rs>(out, Rs::offset), ...);
    std::sort(all.begin(), all.end(), [](const Span& a, const Span& b) { return a.lo < b.lo; });
    for (std::size_t i = 1; i < n; ++i)
      if (all[i].lo < all[i - 1].hi) return false;
    return true;
  }
}
template <std::size_t Size, class... Rs>
constexpr bool check_block() {
  static_assert(sizeof...(Rs) > 0, "uiokit: a block needs at least one register");
  static_assert((check_register<leaf_t<Rs>>() && ...));
  static_assert(registers_fit<Size, Rs...>(), "uiokit: a register lies outside its block");
  static_assert(registers_aligned<Rs...>(), "uiokit: a register's offset is not aligned to its width");
  static_assert(registers_disjoint<Rs...>(), "uiokit: two registers of a block overlap");
  return true;
}
// One instantiation per register list, whatever the block is called.
template <std::size_t Size, class... Rs>
inline constexpr bool block_ok = check_block<Size, Rs...>();

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
  static_assert(detail::block_ok<Size, Rs...>);

  using registers = Registers<Rs...>;
  static constexpr std::string_view name = N.view();
  static constexpr std::size_t size = Size;

  // R, or an element of an array, is one of the block's registers.
  template <class R>
  static constexpr bool contains = (std::is_same_v<block_member_t<R>, Rs> || ...);
  // The same registers under another name (a derived peripheral); the checks are not repeated.
  template <Name M>
  using renamed = Block<M, Size, Rs...>;
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

// Several blocks (a generated device's `blocks`); checked(list) instantiates every block's
// compile-time checks, which naming a block alone does not.
template <class... Bs>
struct BlockList {};
template <class... Bs>
constexpr bool checked(BlockList<Bs...>) {
  return ((sizeof(Bs) > 0) && ... && true);
}

}  // namespace uiokit::reg

#include "uiokit/reg/bound.hpp"  // IWYU pragma: export
