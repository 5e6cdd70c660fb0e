// SPDX-License-Identifier: MIT
// The CMSIS-SVD model as the register tool uses it: a device of peripherals, each a flat list
// of registers with their fields, after everything SVD lets a file leave implicit is resolved:
//   - register properties (size, access, resetValue, resetMask) inherited device -> peripheral
//     -> cluster -> register;
//   - derivedFrom (peripheral, cluster, register, field) copied from the base element, with the
//     derived element's own children overriding;
//   - dim arrays expanded (dim, dimIncrement, dimIndex, %s in the name; "[%s]" keeps brackets);
//   - clusters flattened: a register inside cluster CH[2] is named "CH[2].CTRL" and its offset
//     is the cluster's address offset plus its own.
// Offsets are relative to the peripheral's base address.
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

namespace uiokit::svd {

enum class Access { read_only, write_only, read_write, write_once, read_write_once };
// modifiedWriteValues: what writing a bit does. one_to_clear is "write 1 to clear" (w1c).
enum class ModifiedWrite { none, one_to_clear, one_to_set, one_to_toggle, zero_to_clear, zero_to_set,
                           zero_to_toggle, clear, set, modify };
// readAction: a side effect of reading.
enum class ReadAction { none, clear, set, modify, modify_external };
// enumeratedValues usage: a value set for reading the field, for writing it, or both.
enum class Usage { read, write, read_write };

bool readable(Access a) noexcept;
bool writable(Access a) noexcept;
const char* to_string(Access a) noexcept;
const char* to_string(ModifiedWrite m) noexcept;
const char* to_string(ReadAction r) noexcept;
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
  Access access = Access::read_write;
  ModifiedWrite modified_write = ModifiedWrite::none;
  ReadAction read_action = ReadAction::none;
  std::vector<EnumValue> enums;

  std::uint64_t mask() const noexcept {  // in register position
    return (width >= 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << width) - 1)) << lsb;
  }
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
  Access access = Access::read_write;
  std::uint64_t reset_value = 0;
  std::uint64_t reset_mask = ~std::uint64_t{0};
  ModifiedWrite modified_write = ModifiedWrite::none;
  ReadAction read_action = ReadAction::none;
  std::vector<Field> fields;  // in lsb order

  unsigned bytes() const noexcept { return size / 8; }
  std::uint64_t value_mask() const noexcept { return size >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << size) - 1; }
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

}  // namespace uiokit::svd
