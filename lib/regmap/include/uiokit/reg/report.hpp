// SPDX-License-Identifier: MIT
// Showing register values decoded by the register model (model.hpp): the text and JSON that
// `uiokit reg` prints, that the Python module's repr() and to_dict() give, and that a typed
// block's dump (dump.hpp) prints, from one place so that they stay equal.
//
// A Shown is one thing being shown: a raw offset (no reg), a register, or one field of it, at
// `offset` in the Region. value_json() is one element of `reg read|dump --json`; format_value()
// is the text lines of `reg read|dump`; dump_skip() says why dump leaves a register unread.
// A BCD field is shown with the decimal its digits spell, or as invalid BCD.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "uiokit/reg/model.hpp"

namespace uiokit::reg {

struct Shown {
  std::string name;
  std::uint64_t offset = 0;
  unsigned bits = 32;
  const model::Peripheral* peripheral = nullptr;
  const model::Register* reg = nullptr;
  const model::Field* field = nullptr;
};

// A register of p as dump shows it: named "PERIPH.REG".
Shown shown(const model::Peripheral& p, const model::Register& r);

// "0x0000002a": zero-padded to `bits`.
std::string hexw(std::uint64_t v, unsigned bits);

nlohmann::ordered_json field_json(const model::Field& f, std::uint64_t reg_value);
// phys: the Region's physical address, when known ("address" is then phys + offset).
nlohmann::ordered_json value_json(const Shown& s, std::uint64_t value, std::optional<std::uint64_t> phys);
// The entry of a register that dump does not read.
nlohmann::ordered_json skipped_json(const Shown& s, const std::string& why);
// The entry of a register that dump cannot read where it is (outside the window, misaligned).
nlohmann::ordered_json unreadable_json(const Shown& s, const std::string& why);

// The lines `reg read` prints, each ending in a newline.
// With `reset`, a register's line also gives its reset value (and reset mask, when not every
// bit is defined at reset), and each field whose value differs from its reset value says so.
std::string format_value(const Shown& s, std::uint64_t value, bool reset = false);
std::string format_skipped(const Shown& s, const std::string& why);
std::string format_unreadable(const Shown& s, const std::string& why);
// "PERIPH: description" as dump heads a peripheral, with its newline.
std::string format_heading(const model::Peripheral& p);

// Why dump does not read r ("write-only", "read has side effects; --force reads it"), or "".
std::string dump_skip(const model::Register& r, bool force);

}  // namespace uiokit::reg
