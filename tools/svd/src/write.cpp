// SPDX-License-Identifier: MIT
#include "uiokit/svd/write.hpp"

#include <string>

#include "uiokit/address/address.hpp"
#include "uiokit/error.hpp"

namespace uiokit::svd {


std::uint64_t neutralize(const Register& r, std::uint64_t current, std::uint64_t keep) {
  std::uint64_t v = current & r.value_mask();
  std::uint64_t covered = 0;
  for (const auto& f : r.fields) {
    covered |= f.mask();
    if ((f.mask() & keep) == f.mask() || !reg::has_neutral_value(f.access)) continue;
    v = reg::one_is_neutral(f.access) ? (v | f.mask()) : (v & ~f.mask());
  }
  // Bits no field describes follow the register's own modifiedWriteValues.
  if (reg::has_neutral_value(r.access)) {
    const std::uint64_t rest = r.value_mask() & ~covered & ~keep;
    v = reg::one_is_neutral(r.access) ? (v | rest) : (v & ~rest);
  }
  return v;
}

void check_writable(const Register& r, const Field* f, std::string_view name) {
  if (!reg::can_write(r.access) || (f && !reg::can_write(f->access)))
    throw Error(Errc::invalid_argument, std::string(name), "is read-only; nothing written");
}

void check_mask_writable(const Register& r, std::uint64_t mask, std::string_view name) {
  for (const auto& f : r.fields)
    if ((f.mask() & mask) && !reg::can_write(f.access))
      throw Error(Errc::invalid_argument, std::string(name) + "." + f.name, "is read-only and the mask " + hex(mask) + " touches it; nothing written");
}

void check_readable(const Register& r, bool force, std::string_view name) {
  if (!reg::can_read(r.access))
    throw Error(Errc::invalid_argument, std::string(name), "is write-only; it cannot be read");
  if (r.read_has_side_effects() && !force)
    throw Error(Errc::invalid_argument, std::string(name), "reading it has a side effect (readAction); not read", {}, 0,
                "pass --force to read it anyway");
}

namespace {
// "#2", "0x2", "0b10": spelt as a number on purpose, never an enumerated value's name.
bool forced_number(std::string_view text) {
  return text.starts_with('#') || text.starts_with("0x") || text.starts_with("0X") || text.starts_with("0b") || text.starts_with("0B");
}

std::string value_names(const Field& f) {
  std::string names;
  for (const auto& e : f.enums)
    if (!e.is_default && e.usage != Usage::read) names += (names.empty() ? "" : ", ") + e.name;
  return names;
}
}  // namespace

std::uint64_t parse_field_value(const Field& f, std::string_view text, std::string_view name) {
  std::optional<std::uint64_t> v;
  if (forced_number(text)) {
    v = parse_number(text.starts_with('#') ? text.substr(1) : text);
  } else {
    // A field may have a set for reading and one for writing with the same name in both: the
    // name is refused only when no set meant for writing has it.
    bool read_only_name = false;
    for (const auto& e : f.enums) {
      if (e.is_default || e.name != text) continue;
      if (e.usage == Usage::read) {
        read_only_name = true;
        continue;
      }
      v = e.value;
      break;
    }
    if (!v && read_only_name) {
      const auto names = value_names(f);
      throw Error(Errc::invalid_argument, std::string(name), "\"" + std::string(text) + "\" is a value for reading the field, not for writing it; nothing written",
                  {}, 0, names.empty() ? "pass a number (#N)" : "values for writing: " + names);
    }
    if (!v) v = parse_number(text);
  }
  if (!v) {
    const auto names = value_names(f);
    throw Error(Errc::invalid_argument, std::string(name), "\"" + std::string(text) + "\" is neither a number nor a value name",
                {}, 0, names.empty() ? "" : "values: " + names);
  }
  const std::uint64_t max = reg::ones(f.width);
  if (*v > max)
    throw Error(Errc::invalid_argument, std::string(name), hex(*v) + " does not fit the " + std::to_string(f.width) +
                                                               "-bit field (at most " + hex(max) + "); nothing written");
  return *v;
}

std::uint64_t check_register_value(const Register& r, std::uint64_t v, std::string_view name) {
  if (v & ~r.value_mask())
    throw Error(Errc::invalid_argument, std::string(name), hex(v) + " does not fit the " + std::to_string(r.size) + "-bit register; nothing written");
  return v;
}

std::uint64_t plan_field_write(const Register& r, const Field& f, std::uint64_t v, std::optional<std::uint64_t> current) {
  const std::uint64_t base = neutralize(r, current.value_or(r.reset_value), 0);
  return (base & ~f.mask()) | ((v << f.lsb) & f.mask());
}

std::uint64_t plan_modify(const Register& r, std::uint64_t set, std::uint64_t clear, std::optional<std::uint64_t> current) {
  const std::uint64_t base = neutralize(r, current.value_or(r.reset_value), set | clear);
  return ((base & ~clear) | set) & r.value_mask();
}

}  // namespace uiokit::svd
