// SPDX-License-Identifier: MIT
// Register arrays and cluster arrays: Count copies of a register, Stride bytes apart.
//
//   struct DATA_reg : Reg<"DATA", 0x100, std::uint32_t> { using LO = Field<"LO", 0, 16>; ... };
//   using DATA = Array<DATA_reg, 8, 4>;                      // DATA[0..7] at 0x100, 0x104, ...
//   b.read<DATA::at<3>>();                                   // index checked at compile time
//   b.read<DATA>(i);                                         // index checked at run time
//
// An array is its element register (it derives from it, so DATA::LO names the field) plus a
// count and a stride. A cluster array (SVD <cluster> with dim) is one Array per register of the
// cluster, all with the cluster's stride; a register array inside a cluster array is an Array of
// Arrays, indexed outermost first. The name pattern has one %s per level ("CH[%s].DATA[%s]") and
// is what dumps show for each element; by default it is the element's name with "[%s]" added.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "uiokit/error.hpp"
#include "uiokit/reg/name.hpp"
#include "uiokit/reg/register.hpp"

namespace uiokit::reg {

template <class A>
concept ArrayType = requires {
  typename A::element;
  { A::count } -> std::convertible_to<std::size_t>;
  { A::stride } -> std::convertible_to<std::size_t>;
};

namespace detail {
// Bytes from the first element's offset to the end of the last element.
template <class R>
constexpr std::size_t extent() {
  if constexpr (ArrayType<R>) return (R::count - 1) * R::stride + extent<typename R::element>();
  else return sizeof(typename R::word);
}
template <class R>
constexpr std::size_t depth() {
  if constexpr (ArrayType<R>) return 1 + depth<typename R::element>();
  else return 0;
}
template <class R>
constexpr std::string_view default_pattern() {
  if constexpr (ArrayType<R>) return R::name_pattern;
  else return R::name;
}
template <std::size_t N>
struct Pattern {
  char chars[N]{};
  std::size_t size = 0;
};
// The element's pattern with "[%s]" appended, as a constant the array can point into.
template <class E>
constexpr auto appended_pattern() {
  constexpr std::string_view base = default_pattern<E>();
  Pattern<base.size() + 5> p{};
  for (char c : base) p.chars[p.size++] = c;
  for (char c : std::string_view("[%s]")) p.chars[p.size++] = c;
  return p;
}
template <class E>
inline constexpr auto appended_pattern_v = appended_pattern<E>();
}  // namespace detail

template <class A, std::size_t I>
struct At;

template <class E, std::size_t Count, std::size_t Stride, Name N = "">
struct Array : E {
  static_assert(Count > 0, "uiokit: an array needs at least one element");
  static_assert(detail::depth<E>() < 8, "uiokit: arrays nested deeper than 8");
  static_assert(Count == 1 || Stride >= detail::extent<E>(), "uiokit: the elements of an array overlap");
  static_assert(Stride % sizeof(typename E::word) == 0, "uiokit: an array's stride is not aligned to its width");
  using element = E;
  static constexpr std::size_t count = Count;
  static constexpr std::size_t stride = Stride;
  static constexpr std::string_view name_pattern =
      N.view().empty() ? std::string_view(detail::appended_pattern_v<E>.chars, detail::appended_pattern_v<E>.size)
                       : N.view();
  template <std::size_t I>
  using at = At<Array, I>;
};

// The member of a block an element belongs to (the outermost array), or R itself.
template <class R>
struct block_member {
  using type = R;
};
template <class R>
  requires requires { typename R::array_root; }
struct block_member<R> {
  using type = typename R::array_root;
};
template <class R>
using block_member_t = typename block_member<R>::type;

// Element I of array A: a register (or, for an array of arrays, an array) at its own offset.
template <class A, std::size_t I>
struct At : A::element {
  static_assert(I < A::count, "uiokit: array index out of range");
  using array_root = block_member_t<A>;
  static constexpr std::size_t offset = A::offset + I * A::stride;
};
template <class A, std::size_t... Is>
struct at_path;
template <class A>
struct at_path<A> {
  using type = A;
};
template <class A, std::size_t I, std::size_t... Is>
struct at_path<A, I, Is...> {
  using type = typename at_path<At<A, I>, Is...>::type;
};
// at<A, 2, 3>: element [2][3] of an array of arrays.
template <class A, std::size_t... Is>
using at = typename at_path<A, Is...>::type;

// The register an array ends in, after every index.
template <class R>
struct leaf {
  using type = R;
};
template <ArrayType R>
struct leaf<R> {
  using type = typename leaf<typename R::element>::type;
};
template <class R>
using leaf_t = typename leaf<R>::type;

// One index per level of an array, outermost first.
template <class A>
using Index = std::array<std::size_t, detail::depth<A>()>;

namespace detail {
template <class A>
constexpr void strides(std::size_t* counts, std::size_t* steps) {
  if constexpr (ArrayType<A>) {
    *counts = A::count;
    *steps = A::stride;
    strides<typename A::element>(counts + 1, steps + 1);
  }
}
}  // namespace detail

// Offset of an element of A; throws Error(out_of_range) for an index past the array's end.
template <ArrayType A>
std::size_t element_offset(const Index<A>& index) {
  constexpr std::size_t n = detail::depth<A>();
  std::size_t counts[n], steps[n];
  detail::strides<A>(counts, steps);
  std::size_t off = A::offset;
  for (std::size_t k = 0; k < n; ++k) {
    if (index[k] >= counts[k])
      throw Error(Errc::out_of_range, std::string(A::name_pattern),
                  "index " + std::to_string(index[k]) + " past the end of an array of " + std::to_string(counts[k]));
    off += index[k] * steps[k];
  }
  return off;
}

// Element names for dumps: the pattern with each %s replaced by an index, outermost first.
std::string element_name(std::string_view pattern, const std::size_t* index, std::size_t levels);

}  // namespace uiokit::reg
