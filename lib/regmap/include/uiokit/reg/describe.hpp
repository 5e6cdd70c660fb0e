// SPDX-License-Identifier: MIT
// A typed register block described as data: describe<Block>() gives the register model's
// model::Peripheral (model.hpp) with the block's registers, fields, access, reset values and
// enumerators, the same structure the SVD reader produces, so that one dump (dump.hpp) and the
// register tool show both alike.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "uiokit/mmio.hpp"
#include "uiokit/reg/access.hpp"
#include "uiokit/reg/block.hpp"
#include "uiokit/reg/field.hpp"
#include "uiokit/reg/model.hpp"

namespace uiokit::reg {

namespace detail {
template <class E>
concept HasEnumerators = requires { enumerators(E{}); };

template <class R, class F>
model::Field describe_field() {
  model::Field d;
  d.name = std::string(F::name);
  d.lsb = F::lsb;
  d.width = F::width;
  d.access = field_access<R, F>();
  d.encoding = F::encoding;
  if constexpr (!std::is_void_v<typename F::enum_type>) {
    if constexpr (HasEnumerators<typename F::enum_type>) {
      for (const auto& e : enumerators(typename F::enum_type{})) {
        model::EnumValue v;
        v.name = std::string(e.name);
        v.value = static_cast<std::uint64_t>(static_cast<std::underlying_type_t<typename F::enum_type>>(e.value));
        d.enums.push_back(std::move(v));
      }
    }
  }
  return d;
}
template <class R, class... Fs>
std::vector<model::Field> describe_fields(Fields<Fs...>) {
  return {describe_field<R, Fs>()...};
}
template <class R>
model::Register describe_register() {
  model::Register r;
  r.name = std::string(R::name);
  r.offset = R::offset;
  r.size = R::bits;
  r.access = R::access;
  r.endian = R::endian;
  r.reset_value = reset_value<R>;
  r.reset_mask = R::reset_mask;
  r.fields = describe_fields<R>(typename R::fields{});
  return r;
}
// An array adds one model::Register per element, named from its pattern.
template <class R>
void describe_member(std::vector<model::Register>& out, std::string_view pattern, std::size_t* index, std::size_t level,
                     std::size_t offset) {
  if constexpr (ArrayType<R>) {
    for (std::size_t i = 0; i < R::count; ++i) {
      index[level] = i;
      describe_member<typename R::element>(out, pattern, index, level + 1, offset + i * R::stride);
    }
  } else {
    out.push_back(describe_register<R>());
    out.back().offset = offset;
    if (level > 0) out.back().name = element_name(pattern, index, level);
  }
}
template <class... Rs>
std::vector<model::Register> describe_registers(Registers<Rs...>) {
  std::vector<model::Register> out;
  std::size_t index[8]{};
  (describe_member<Rs>(out, default_pattern<Rs>(), index, 0, Rs::offset), ...);
  return out;
}
}  // namespace detail

template <class B>
model::Peripheral describe() {
  model::Peripheral p;
  p.name = std::string(B::name);
  p.block_size = B::size;
  p.registers = detail::describe_registers(typename B::registers{});
  // In offset order, as the model keeps them: a block may declare its members in any order.
  std::stable_sort(p.registers.begin(), p.registers.end(),
                   [](const model::Register& a, const model::Register& b) { return a.offset < b.offset; });
  return p;
}

}  // namespace uiokit::reg
