// SPDX-License-Identifier: MIT
// Safe writes from the SVD: what value to store so that only the named field changes.
//
// Writing a register writes every bit. A field with modifiedWriteValues oneToClear (w1c)
// clears itself when a 1 lands in it, so writing back the value just read would clear every
// pending w1c flag: the classic interrupt-status bug. plan_field_write and plan_modify start
// from the current value (the reset value for a write-only register) and put every other
// side-effect field at its no-op value: 0 for oneTo{Clear,Set,Toggle}, 1 for zeroTo*.
// Every check here throws before anything is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "uiokit/svd/model.hpp"

namespace uiokit::svd {

// current with every side-effect field (other than those in `keep`) at its no-op value.
std::uint64_t neutralize(const Register& r, std::uint64_t current, std::uint64_t keep = 0);

// Throws unless the register (and the field, if given) can be written.
void check_writable(const Register& r, const Field* f, std::string_view name);
// Throws unless every bit of `mask` that a field covers lies in a writable field (--set and
// --clear masks are held to what FIELD=VALUE is).
void check_mask_writable(const Register& r, std::uint64_t mask, std::string_view name);
// Throws unless the register can be read without side effects, or force is set.
void check_readable(const Register& r, bool force, std::string_view name);

// A field value: one of the field's enumerated value names, else a number. Names come first,
// as vendors name values "00010" or "16"; "#N" (N as a number: "#2", "#0x2") or a 0x/0b prefix
// always means a number. A name from a set for reading only (usage="read") is refused. Throws
// invalid_argument when the value does not fit the field's width.
std::uint64_t parse_field_value(const Field& f, std::string_view text, std::string_view name);
// A register value that must fit the register's size.
std::uint64_t check_register_value(const Register& r, std::uint64_t v, std::string_view name);

// The value to store to set field f to v; current: the register's value (nullopt when it
// cannot be read: the reset value stands in).
std::uint64_t plan_field_write(const Register& r, const Field& f, std::uint64_t v, std::optional<std::uint64_t> current);
// Read-modify-write: set bits `set`, clear bits `clear`; side-effect bits not named stay inert.
std::uint64_t plan_modify(const Register& r, std::uint64_t set, std::uint64_t clear, std::optional<std::uint64_t> current);

}  // namespace uiokit::svd
