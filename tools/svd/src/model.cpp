// SPDX-License-Identifier: MIT
#include "uiokit/svd/model.hpp"

namespace uiokit::svd {

bool readable(Access a) noexcept { return a != Access::write_only && a != Access::write_once; }
bool writable(Access a) noexcept { return a != Access::read_only; }

const char* to_string(Access a) noexcept {
  switch (a) {
    case Access::read_only: return "read-only";
    case Access::write_only: return "write-only";
    case Access::read_write: return "read-write";
    case Access::write_once: return "writeOnce";
    case Access::read_write_once: return "read-writeOnce";
  }
  return "?";
}

const char* to_string(ModifiedWrite m) noexcept {
  switch (m) {
    case ModifiedWrite::none: return "";
    case ModifiedWrite::one_to_clear: return "oneToClear";
    case ModifiedWrite::one_to_set: return "oneToSet";
    case ModifiedWrite::one_to_toggle: return "oneToToggle";
    case ModifiedWrite::zero_to_clear: return "zeroToClear";
    case ModifiedWrite::zero_to_set: return "zeroToSet";
    case ModifiedWrite::zero_to_toggle: return "zeroToToggle";
    case ModifiedWrite::clear: return "clear";
    case ModifiedWrite::set: return "set";
    case ModifiedWrite::modify: return "modify";
  }
  return "?";
}

const char* to_string(ReadAction r) noexcept {
  switch (r) {
    case ReadAction::none: return "";
    case ReadAction::clear: return "clear";
    case ReadAction::set: return "set";
    case ReadAction::modify: return "modify";
    case ReadAction::modify_external: return "modifyExternal";
  }
  return "?";
}

const char* to_string(Usage u) noexcept {
  switch (u) {
    case Usage::read: return "read";
    case Usage::write: return "write";
    case Usage::read_write: return "read-write";
  }
  return "?";
}

const EnumValue* Field::enum_for(std::uint64_t v) const noexcept {
  const EnumValue* dflt = nullptr;
  for (const auto& e : enums) {
    if (e.usage == Usage::write) continue;
    if (e.is_default) dflt = &e;
    else if ((v & e.mask) == (e.value & e.mask)) return &e;
  }
  return dflt;
}

bool Register::read_has_side_effects() const noexcept {
  if (read_action != ReadAction::none) return true;
  for (const auto& f : fields)
    if (f.read_action != ReadAction::none) return true;
  return false;
}

std::size_t Device::register_count() const noexcept {
  std::size_t n = 0;
  for (const auto& p : peripherals) n += p.registers.size();
  return n;
}

}  // namespace uiokit::svd
