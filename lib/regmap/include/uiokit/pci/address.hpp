// SPDX-License-Identifier: MIT
// pci::Address: a PCI function's place in the hierarchy, domain:bus:device.function ("BDF").
//
// Linux names every PCI function in sysfs by its address ("0000:00:03.0"), and every tool that
// takes a device takes this string. parse() also accepts the short "00:03.0" (domain 0), as lspci
// prints it; str() always gives the long form sysfs uses. Header-only, so the VFIO code (built
// without libpci) shares it.
#pragma once

#include <compare>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "uiokit/error.hpp"

namespace uiokit::pci {

struct Address {
  std::uint32_t domain = 0;
  std::uint8_t bus = 0;
  std::uint8_t device = 0;    // 0..31
  std::uint8_t function = 0;  // 0..7

  auto operator<=>(const Address&) const = default;

  std::string str() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04x:%02x:%02x.%x", static_cast<unsigned>(domain), bus, device, function);
    return buf;
  }

  // Throws Errc::invalid_argument naming the text when it is not an address.
  static Address parse(std::string_view text) {
    auto fail = [&]() -> Address {
      throw Error(Errc::invalid_argument, std::string(text),
                  "not a PCI address (expected domain:bus:device.function, e.g. 0000:00:03.0, or bus:device.function)");
    };
    auto hexnum = [](std::string_view s, std::uint32_t max, std::uint32_t& out) {
      if (s.empty() || s.size() > 8) return false;
      std::uint32_t v = 0;
      for (char c : s) {
        int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (d < 0) return false;
        v = v * 16 + static_cast<std::uint32_t>(d);
      }
      if (v > max) return false;
      out = v;
      return true;
    };
    const auto dot = text.rfind('.');
    if (dot == std::string_view::npos) return fail();
    const auto head = text.substr(0, dot);
    const auto c2 = head.rfind(':');
    if (c2 == std::string_view::npos) return fail();
    const auto c1 = head.rfind(':', c2 == 0 ? std::string_view::npos : c2 - 1);
    std::uint32_t dom = 0, bus = 0, dev = 0, fn = 0;
    if (c1 != std::string_view::npos && !hexnum(head.substr(0, c1), 0xffffffffu, dom)) return fail();
    const auto bus_text = c1 == std::string_view::npos ? head.substr(0, c2) : head.substr(c1 + 1, c2 - c1 - 1);
    if (!hexnum(bus_text, 0xff, bus) || !hexnum(head.substr(c2 + 1), 31, dev) || !hexnum(text.substr(dot + 1), 7, fn))
      return fail();
    return Address{dom, static_cast<std::uint8_t>(bus), static_cast<std::uint8_t>(dev), static_cast<std::uint8_t>(fn)};
  }
};

}  // namespace uiokit::pci
