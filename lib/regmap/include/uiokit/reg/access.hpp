// SPDX-License-Identifier: MIT
// Access kinds of registers and fields, as datasheets and CMSIS-SVD name them.
//
// An Access is four facts packed in one value: whether the CPU may read and write (ro, wo,
// rw), whether it may write only once after reset (SVD's writeOnce, read-writeOnce), what a
// written bit does (OnWrite: SVD's modifiedWriteValues) and what a read does (OnRead: SVD's
// readAction). It is the one vocabulary of the typed blocks and of the register model
// (model.hpp). The common kinds have names (w1c, rc, ...); any other combination is
// with(base, on_write, on_read), e.g. with(Access::wo, OnWrite::one_clears).
//
// The kind decides what the templates allow (no write to ro, no read of wo, no plain read of a
// register whose read changes the device) and what a write must not disturb: a w1c bit read as
// 1 and written back as 1 would clear an interrupt nobody handled, so modify() writes every
// bit it was not told about with the value that does nothing (0 for write-1 kinds, 1 for
// write-0 kinds), and refuses registers where no such value exists (any write clears or sets).
#pragma once

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace uiokit::reg {

enum class OnWrite : std::uint8_t {
  plain,         // the bit takes the written value
  one_clears,    // w1c: 1 clears, 0 does nothing (interrupt pending bits)
  one_sets,      // w1s
  one_toggles,   // w1t
  zero_clears,   // w0c: 0 clears, 1 does nothing
  zero_sets,     // w0s
  zero_toggles,  // w0t
  clears,        // any write clears the field
  sets,          // any write sets the field
  modifies,      // any write changes it in a way the description does not say
};
enum class OnRead : std::uint8_t {
  plain,
  clears,    // read-to-clear
  sets,      // read-to-set
  modifies,  // the read changes the device (a FIFO pop, a latch)
  modifies_external,  // the read has an effect outside the register (SVD's modifyExternal)
};

namespace detail {
inline constexpr unsigned read_bit = 1, write_bit = 2, write_shift = 2, read_shift = 6, once_bit = 1u << 9;
inline constexpr unsigned base_bits = read_bit | write_bit | once_bit;
constexpr std::uint16_t pack(unsigned rw, OnWrite w, OnRead r) {
  return static_cast<std::uint16_t>(rw | (unsigned(w) << write_shift) | (unsigned(r) << read_shift));
}
}  // namespace detail

enum class Access : std::uint16_t {
  inherit = 0,  // fields only: the register's access
  ro = detail::pack(detail::read_bit, OnWrite::plain, OnRead::plain),
  wo = detail::pack(detail::write_bit, OnWrite::plain, OnRead::plain),
  rw = detail::pack(detail::read_bit | detail::write_bit, OnWrite::plain, OnRead::plain),
  w1c = detail::pack(detail::read_bit | detail::write_bit, OnWrite::one_clears, OnRead::plain),
  w1s = detail::pack(detail::read_bit | detail::write_bit, OnWrite::one_sets, OnRead::plain),
  w1t = detail::pack(detail::read_bit | detail::write_bit, OnWrite::one_toggles, OnRead::plain),
  rc = detail::pack(detail::read_bit, OnWrite::plain, OnRead::clears),  // read-only, the read clears
  wo_once = detail::pack(detail::write_bit | detail::once_bit, OnWrite::plain, OnRead::plain),  // writeOnce
  rw_once = detail::pack(detail::read_bit | detail::write_bit | detail::once_bit, OnWrite::plain, OnRead::plain),
};

constexpr OnWrite on_write(Access a) noexcept { return OnWrite((unsigned(a) >> detail::write_shift) & 0xf); }
constexpr OnRead on_read(Access a) noexcept { return OnRead((unsigned(a) >> detail::read_shift) & 0x7); }
// base is ro, wo, rw, wo_once or rw_once; the result keeps its permission.
constexpr Access with(Access base, OnWrite w, OnRead r = OnRead::plain) noexcept {
  return Access(detail::pack(unsigned(base) & detail::base_bits, w, r));
}
// The permission alone (ro, wo, rw, wo_once, rw_once).
constexpr Access base_of(Access a) noexcept { return Access(unsigned(a) & detail::base_bits); }

constexpr bool can_read(Access a) noexcept { return a == Access::inherit || (unsigned(a) & detail::read_bit) != 0; }
constexpr bool can_write(Access a) noexcept { return a == Access::inherit || (unsigned(a) & detail::write_bit) != 0; }
constexpr bool write_once(Access a) noexcept { return (unsigned(a) & detail::once_bit) != 0; }
constexpr bool read_has_side_effect(Access a) noexcept { return on_read(a) != OnRead::plain; }
// Bits whose harmless write value is 0 (write-1 kinds) or 1 (write-0 kinds): what modify() and
// write() put in such bits when they are not named.
constexpr bool zero_is_neutral(Access a) noexcept {
  const auto w = on_write(a);
  return w == OnWrite::one_clears || w == OnWrite::one_sets || w == OnWrite::one_toggles;
}
constexpr bool one_is_neutral(Access a) noexcept {
  const auto w = on_write(a);
  return w == OnWrite::zero_clears || w == OnWrite::zero_sets || w == OnWrite::zero_toggles;
}
// A write action some value leaves undone (the write-1 and write-0 kinds).
constexpr bool has_neutral_value(Access a) noexcept { return zero_is_neutral(a) || one_is_neutral(a); }
// Any write acts on the field: there is no value a read-modify-write could safely put back.
constexpr bool every_write_acts(Access a) noexcept {
  const auto w = on_write(a);
  return w == OnWrite::clears || w == OnWrite::sets || w == OnWrite::modifies;
}

constexpr std::string_view to_string(OnWrite w) noexcept {
  constexpr std::string_view names[] = {"", "w1c", "w1s", "w1t", "w0c", "w0s", "w0t", "wc", "ws", "wm"};
  return unsigned(w) < std::size(names) ? names[unsigned(w)] : "w?";
}
constexpr std::string_view to_string(OnRead r) noexcept {
  constexpr std::string_view names[] = {"", "rc", "rs", "rm", "rme"};
  return unsigned(r) < std::size(names) ? names[unsigned(r)] : "r?";
}

// "ro", "rw", "wo" for plain kinds; "w1c", "rc", ... alone where the permission is the usual one
// (rw for write actions, ro for read actions); "wo+w1c", "rw+rc" otherwise.
inline std::string to_string(Access a) {
  if (a == Access::inherit) return "inherit";
  const bool r = (unsigned(a) & detail::read_bit) != 0, w = (unsigned(a) & detail::write_bit) != 0;
  const std::string_view base = write_once(a) ? (r ? "rw1" : "w1") : r && w ? "rw" : r ? "ro" : w ? "wo" : "none";
  const auto ow = on_write(a);
  const auto orr = on_read(a);
  std::string out;
  const bool usual = (ow != OnWrite::plain && orr == OnRead::plain && r && w) ||
                     (ow == OnWrite::plain && orr != OnRead::plain && r && !w);
  if ((ow == OnWrite::plain && orr == OnRead::plain) || !usual) out = base;
  for (auto part : {to_string(ow), to_string(orr)}) {
    if (part.empty()) continue;
    if (!out.empty()) out += '+';
    out += part;
  }
  return out;
}

// The words of CMSIS-SVD: <access> ("read-write", "writeOnce", ...), <modifiedWriteValues>
// ("oneToClear", ...; "" for plain) and <readAction> ("clear", ...; "" for plain).
constexpr std::string_view svd_name(Access a) noexcept {
  const bool r = can_read(a), w = can_write(a);
  if (write_once(a)) return r ? "read-writeOnce" : "writeOnce";
  return r && w ? "read-write" : r ? "read-only" : "write-only";
}
constexpr std::string_view svd_name(OnWrite w) noexcept {
  constexpr std::string_view names[] = {"",          "oneToClear",   "oneToSet", "oneToToggle", "zeroToClear",
                                        "zeroToSet", "zeroToToggle", "clear",    "set",         "modify"};
  return unsigned(w) < std::size(names) ? names[unsigned(w)] : "?";
}
constexpr std::string_view svd_name(OnRead r) noexcept {
  constexpr std::string_view names[] = {"", "clear", "set", "modify", "modifyExternal"};
  return unsigned(r) < std::size(names) ? names[unsigned(r)] : "?";
}

}  // namespace uiokit::reg
