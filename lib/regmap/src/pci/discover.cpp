// SPDX-License-Identifier: MIT
// PCI filters and IDs; the scan itself is discover_libpci.cpp (with names from the ID database)
// or discover_sysfs.cpp (sysfs alone: the static ARM builds, which have no libpci).
#include "uiokit/pci/discover.hpp"

#include <cstdio>

namespace uiokit::pci {
namespace {

std::optional<std::uint16_t> hex16(std::string_view s, std::string_view whole, const char* what) {
  if (s.empty() || s == "*") return std::nullopt;
  if (s.size() > 2 && (s.substr(0, 2) == "0x" || s.substr(0, 2) == "0X")) s.remove_prefix(2);
  unsigned v = 0;
  if (s.empty() || s.size() > 4) goto bad;
  for (char c : s) {
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
    if (d < 0) goto bad;
    v = v * 16 + static_cast<unsigned>(d);
  }
  return static_cast<std::uint16_t>(v);
bad:
  throw Error(Errc::invalid_argument, std::string(whole), std::string("not a PCI ") + what + " (up to 4 hex digits)");
}

}  // namespace

std::string id_string(std::uint16_t vendor, std::uint16_t device) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04x:%04x", vendor, device);
  return buf;
}

std::pair<std::optional<std::uint16_t>, std::optional<std::uint16_t>> Filter::parse_id(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos)
    throw Error(Errc::invalid_argument, std::string(text), "not a PCI ID (expected vendor:device, e.g. 1234:11e8)");
  return {hex16(text.substr(0, colon), text, "vendor ID"), hex16(text.substr(colon + 1), text, "device ID")};
}

void Filter::set_id(std::string_view text) { std::tie(vendor, device) = parse_id(text); }

void Filter::set_class(std::string_view text) {
  const auto slash = text.find('/');
  auto value_text = text.substr(0, slash);
  std::string_view digits = value_text;
  if (digits.size() > 2 && (digits.substr(0, 2) == "0x" || digits.substr(0, 2) == "0X")) digits.remove_prefix(2);
  auto v = hex16(value_text, text, "class");
  if (!v) throw Error(Errc::invalid_argument, std::string(text), "empty PCI class");
  if (slash != std::string_view::npos) {
    auto m = hex16(text.substr(slash + 1), text, "class mask");
    class_mask = m.value_or(0xffff);
    device_class = *v;
  } else if (digits.size() <= 2) {  // base class only, as lspci's -d ::03
    device_class = static_cast<std::uint16_t>(*v << 8);
    class_mask = 0xff00;
  } else {
    device_class = *v;
    class_mask = 0xffff;
  }
}

bool Filter::matches(const DeviceInfo& d) const {
  if (vendor && d.vendor != *vendor) return false;
  if (device && d.device != *device) return false;
  if (device_class && (d.device_class & class_mask) != (*device_class & class_mask)) return false;
  if (address && d.address != *address) return false;
  return true;
}

}  // namespace uiokit::pci
