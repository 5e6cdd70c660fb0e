// SPDX-License-Identifier: MIT
// Run-time descriptions of register blocks: names, offsets, widths, access and fields.
//
// A typed Block is described at compile time; dumps, the register tool and SVD files need the
// same facts as data. describe<Block>() turns the types into these structures, and an SVD loader
// can produce them from XML, so one dump and one decoder serve both.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "uiokit/mmio.hpp"
#include "uiokit/reg/access.hpp"
#include "uiokit/reg/block.hpp"
#include "uiokit/reg/field.hpp"

namespace uiokit::reg {

struct EnumValueDesc {
  std::string name;
  std::uint64_t value = 0;
  std::string description;
};

struct FieldDesc {
  std::string name;
  unsigned lsb = 0;
  unsigned width = 1;
  Access access = Access::rw;  // resolved (never inherit)
  Encoding encoding = Encoding::plain;
  std::vector<EnumValueDesc> values;
  std::string description;
  std::uint64_t mask() const noexcept { return (width >= 64 ? ~0ULL : (1ULL << width) - 1) << lsb; }
};

struct RegDesc {
  std::string name;
  std::uint64_t offset = 0;
  unsigned width = 32;  // bits
  Access access = Access::rw;
  mmio::Endian endian = mmio::Endian::little;
  std::uint64_t reset = 0;
  std::vector<FieldDesc> fields;
  std::string description;
};

struct BlockDesc {
  std::string name;
  std::uint64_t size = 0;
  std::vector<RegDesc> registers;
};

namespace detail {
template <class E>
concept HasEnumerators = requires { enumerators(E{}); };

template <class R, class F>
FieldDesc describe_field() {
  FieldDesc d{std::string(F::name), F::lsb, F::width, field_access<R, F>(), F::encoding, {}, {}};
  if constexpr (!std::is_void_v<typename F::enum_type>) {
    if constexpr (HasEnumerators<typename F::enum_type>) {
      for (const auto& e : enumerators(typename F::enum_type{}))
        d.values.push_back({std::string(e.name),
                            static_cast<std::uint64_t>(static_cast<std::underlying_type_t<typename F::enum_type>>(e.value)),
                            {}});
    }
  }
  return d;
}
template <class R, class... Fs>
std::vector<FieldDesc> describe_fields(Fields<Fs...>) {
  return {describe_field<R, Fs>()...};
}
template <class R>
RegDesc describe_register() {
  return RegDesc{std::string(R::name),
                 R::offset,
                 R::bits,
                 R::access,
                 R::endian,
                 reset_value<R>,
                 describe_fields<R>(typename R::fields{}),
                 {}};
}
// An array adds one RegDesc per element, named from its pattern.
template <class R>
void describe_member(std::vector<RegDesc>& out, std::string_view pattern, std::size_t* index, std::size_t level,
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
std::vector<RegDesc> describe_registers(Registers<Rs...>) {
  std::vector<RegDesc> out;
  std::size_t index[8]{};
  (describe_member<Rs>(out, default_pattern<Rs>(), index, 0, Rs::offset), ...);
  return out;
}
}  // namespace detail

template <class B>
BlockDesc describe() {
  return BlockDesc{std::string(B::name), B::size, detail::describe_registers(typename B::registers{})};
}

// Decoding a raw field value for display: "5", "bpp24 (5)", "59 (BCD 0x59)", "invalid BCD 0x7a".
std::string decode_field(const FieldDesc& field, std::uint64_t register_value);

}  // namespace uiokit::reg
