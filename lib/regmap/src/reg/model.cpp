// SPDX-License-Identifier: MIT
#include "uiokit/reg/model.hpp"

namespace uiokit::reg::model {

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
  if (read_has_side_effect(access)) return true;
  for (const auto& f : fields)
    if (read_has_side_effect(f.access)) return true;
  return false;
}

std::size_t Device::register_count() const noexcept {
  std::size_t n = 0;
  for (const auto& p : peripherals) n += p.registers.size();
  return n;
}

}  // namespace uiokit::reg::model
