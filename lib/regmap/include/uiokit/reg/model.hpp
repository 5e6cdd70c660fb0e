// SPDX-License-Identifier: MIT
// The register model: a device of peripherals, each a flat list of registers with their fields,
// as data. Two producers fill it, one printer shows it (report.hpp):
//   - describe<Block>() (describe.hpp), from a typed register block;
//   - the CMSIS-SVD reader (uiokit/svd/parse.hpp), after everything SVD lets a file leave
//     implicit is resolved: register properties (size, access, resetValue, resetMask) inherited
//     device -> peripheral -> cluster -> register; derivedFrom copied from the base element;
//     dim arrays expanded; clusters flattened ("CH[2].CTRL", its offset the cluster's plus its own).
// Offsets are relative to the peripheral's base address. Access is the typed blocks' Access
// (access.hpp), which holds everything SVD's access, modifiedWriteValues and readAction say.
// The types have a namespace of their own: reg::Field is the typed blocks' field template.
// Descriptions are views into characters the Device holds (`storage`, shared by its copies): a
// vendor file has hundreds of thousands of them, and one allocation each was a sixth of the
// reading time. A Field or Register copied out of its Device must not outlive every copy of it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uiokit/mmio.hpp"
#include "uiokit/reg/access.hpp"
#include "uiokit/reg/bits.hpp"
#include "uiokit/reg/field.hpp"

namespace uiokit::reg::model {

// enumeratedValues usage: a value set for reading the field, for writing it, or both.
enum class Usage { read, write, read_write };
const char* to_string(Usage u) noexcept;

struct EnumValue {
  std::string name;
  std::string_view description;
  std::uint64_t value = 0;
  std::uint64_t mask = ~std::uint64_t{0};  // bits that must match ("#1x0" leaves x bits out)
  bool is_default = false;                 // <isDefault>: every value not listed
  Usage usage = Usage::read_write;         // of the <enumeratedValues> set it comes from
};

struct Field {
  std::string name;
  std::string_view description;
  unsigned lsb = 0;
  unsigned width = 1;
  Access access = Access::rw;  // resolved: never inherit
  Encoding encoding = Encoding::plain;  // bcd: shown as the decimal its digits spell
  std::vector<EnumValue> enums;

  std::uint64_t mask() const noexcept { return field_mask(lsb, width); }  // in register position
  std::uint64_t extract(std::uint64_t reg) const noexcept { return (reg & mask()) >> lsb; }
  // The enumerated value matching v, if any, among the values for reading (usage read or
  // read-write: a set for writing only says what to write, not what a read means).
  const EnumValue* enum_for(std::uint64_t v) const noexcept;
};

struct Register {
  std::string name;  // expanded and cluster-qualified: "CH[2].CTRL", "DATA3"
  std::string_view description;
  std::uint64_t offset = 0;
  unsigned size = 32;  // bits
  Access access = Access::rw;
  mmio::Endian endian = mmio::Endian::little;  // of the device's bytes; values are in CPU order
  std::uint64_t reset_value = 0;
  std::uint64_t reset_mask = ~std::uint64_t{0};
  std::vector<Field> fields;  // in lsb order

  unsigned bytes() const noexcept { return size / 8; }
  std::uint64_t value_mask() const noexcept { return ones(size); }
  // A read that changes the device: the register's own readAction or any field's.
  bool read_has_side_effects() const noexcept;
};

struct Peripheral {
  std::string name;
  std::string_view description;
  std::string_view group;
  std::uint64_t base = 0;
  std::uint64_t block_size = 0;  // extent of the address blocks (end of the last one)
  std::vector<Register> registers;  // in offset order
};

struct Device {
  std::string name;
  std::string version;  // <version>, empty when the file has none
  std::string_view description;
  std::string source;  // file it was read from
  std::vector<Peripheral> peripherals;
  std::vector<std::shared_ptr<const void>> storage;  // the characters the descriptions view
  // What the reader accepted although the file is wrong, one line each:
  // "FILE:LINE: warning: WHAT (reading chosen: HOW)".
  std::vector<std::string> warnings;
  std::size_t register_count() const noexcept;
};

}  // namespace uiokit::reg::model
