// SPDX-License-Identifier: MIT
// The device-address parser (grammar in uiokit/address/address.hpp). Pure string work.
#include "uiokit/address/address.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <string>
#include <tuple>
#include <vector>

namespace uiokit {

namespace {

[[noreturn]] void bad(std::string_view text, const std::string& why) {
  throw Error(Errc::parse_error, std::string(text), why, {}, 0,
              "forms: uio:NAME[:mapK], pci:BDF|VVVV:DDDD[:barK], vfio:..., dt:/path|compatible=C[:regK], "
              "mem:ADDR[+SIZE], file:PATH[+OFFSET[+SIZE]], gdb:HOST:PORT|unix:PATH:mem:ADDR[+SIZE], io:PORT[+SIZE]");
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (;;) {
    auto p = s.find(sep);
    out.push_back(s.substr(0, p));
    if (p == std::string_view::npos) return out;
    s.remove_prefix(p + 1);
  }
}

bool is_hex(std::string_view s, std::size_t min_len, std::size_t max_len) {
  if (s.size() < min_len || s.size() > max_len) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::optional<unsigned> prefixed_index(std::string_view s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return std::nullopt;
  auto n = parse_number(s.substr(prefix.size()));
  if (!n || *n > 0xffff) return std::nullopt;
  return static_cast<unsigned>(*n);
}

// "0000:00:03.0", "00:03.0": domain:bus:device.function, all hex.
std::optional<std::string> parse_bdf(std::string_view s) {
  auto parts = split(s, ':');
  std::string_view dom = "0000", bus, devfn;
  if (parts.size() == 3) {
    dom = parts[0], bus = parts[1], devfn = parts[2];
  } else if (parts.size() == 2) {
    bus = parts[0], devfn = parts[1];
  } else {
    return std::nullopt;
  }
  auto dot = devfn.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto dev = devfn.substr(0, dot), fn = devfn.substr(dot + 1);
  if (!is_hex(dom, 4, 4) || !is_hex(bus, 2, 2) || !is_hex(dev, 2, 2) || fn.size() != 1 || fn[0] < '0' || fn[0] > '7')
    return std::nullopt;
  std::string out;
  for (auto part : {dom, std::string_view(":"), bus, std::string_view(":"), dev, std::string_view("."), fn})
    for (char c : part) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void parse_pci(std::string_view text, std::string_view body, DeviceAddress& a) {
  // The BAR is the last ':'-separated part when it reads barK.
  auto last = body.rfind(':');
  if (last != std::string_view::npos) {
    if (auto bar = prefixed_index(body.substr(last + 1), "bar")) {
      if (*bar > 5) bad(text, "a PCI device has BARs 0 to 5");
      a.bar = *bar;
      body = body.substr(0, last);
    }
  }
  if (body.find('.') != std::string_view::npos) {
    auto bdf = parse_bdf(body);
    if (!bdf) bad(text, "expected a PCI address DDDD:BB:DD.F or BB:DD.F");
    a.pci.bdf = *bdf;
    return;
  }
  auto hash = body.find('#');
  if (hash != std::string_view::npos) {
    auto idx = parse_number(body.substr(hash + 1));
    if (!idx || *idx > 255) bad(text, "expected a match number after #");
    a.pci.index = static_cast<unsigned>(*idx);
    body = body.substr(0, hash);
  }
  auto ids = split(body, ':');
  if (ids.size() != 2 || !is_hex(ids[0], 4, 4) || !is_hex(ids[1], 4, 4))
    bad(text, "expected a PCI address (0000:00:03.0) or vendor:device IDs (1234:11e8)");
  a.pci.vendor = static_cast<std::uint16_t>(std::stoul(std::string(ids[0]), nullptr, 16));
  a.pci.device = static_cast<std::uint16_t>(std::stoul(std::string(ids[1]), nullptr, 16));
}

// ADDRESS[+SIZE] of mem: and gdb:.
void parse_window(std::string_view text, std::string_view body, DeviceAddress& a) {
  auto parts = split(body, '+');
  if (parts.size() > 2) bad(text, "expected ADDRESS[+SIZE]");
  auto addr = parse_number(parts[0]);
  if (!addr) bad(text, "the address is not a number");
  a.offset = *addr;
  if (parts.size() == 2) {
    auto size = parse_number(parts[1], true);
    if (!size || *size == 0) bad(text, "the size is not a positive number");
    if (*addr + *size < *addr) bad(text, "address + size wraps around");
    a.size = *size;
  }
}

// HOST:PORT:mem:WINDOW or unix:PATH:mem:WINDOW. The last ":mem:" ends the stub's part, so a
// socket path may contain colons.
void parse_gdb(std::string_view text, std::string_view body, DeviceAddress& a) {
  const auto mem = body.rfind(":mem:");
  if (mem == std::string_view::npos) bad(text, "expected gdb:HOST:PORT:mem:ADDR[+SIZE] or gdb:unix:PATH:mem:ADDR[+SIZE]");
  const auto stub = body.substr(0, mem);
  parse_window(text, body.substr(mem + 5), a);
  if (stub.substr(0, 5) == "unix:") {
    if (stub.size() == 5) bad(text, "empty socket path");
    a.path = std::string(stub.substr(5));
    return;
  }
  const auto colon = stub.rfind(':');
  if (colon == std::string_view::npos || colon == 0) bad(text, "expected HOST:PORT or unix:PATH before :mem:");
  auto port = parse_number(stub.substr(colon + 1));
  if (!port || *port == 0 || *port > 0xffff) bad(text, "the port must be a number from 1 to 65535");
  a.host = std::string(stub.substr(0, colon));
  a.port = static_cast<std::uint16_t>(*port);
}

}  // namespace

std::optional<std::uint64_t> parse_number(std::string_view s, bool allow_suffix) {
  if (s.empty()) return std::nullopt;
  unsigned shift = 0;
  if (allow_suffix) {
    switch (s.back()) {
      case 'k': case 'K': shift = 10; break;
      case 'm': case 'M': shift = 20; break;
      case 'g': case 'G': shift = 30; break;
      default: break;
    }
    if (shift) s.remove_suffix(1);
  }
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) base = 16, s.remove_prefix(2);
  else if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) base = 2, s.remove_prefix(2);
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc{} || p != s.data() + s.size() || s.empty()) return std::nullopt;
  if (shift && (v >> (64 - shift)) != 0) return std::nullopt;
  return v << shift;
}

DeviceAddress parse_address(std::string_view text) {
  DeviceAddress a;
  a.text = std::string(text);
  auto colon = text.find(':');
  if (colon == std::string_view::npos) bad(text, "no scheme (uio:, pci:, vfio:, dt:, mem:, file:, gdb:, io:)");
  const auto scheme = text.substr(0, colon);
  const auto body = text.substr(colon + 1);
  if (body.empty()) bad(text, "nothing after the scheme");

  if (scheme == "uio") {
    a.scheme = DeviceAddress::Scheme::uio;
    auto parts = split(body, ':');
    if (parts.size() > 2 || parts[0].empty()) bad(text, "expected uio:NAME or uio:N, then optionally :mapK or :MAPNAME");
    a.uio_device = std::string(parts[0]);
    if (a.uio_device.substr(0, 3) == "uio" && parse_number(std::string_view(a.uio_device).substr(3)))
      a.uio_device = a.uio_device.substr(3);  // uio:uio0 means uio:0
    if (parts.size() == 2) {
      if (parts[1].empty()) bad(text, "empty map name");
      // A bare number is a map index, as open() takes it ("uio:rtc:1" is map1); stored in its
      // canonical spelling so that the address prints back the same ("00" prints as "0").
      if (auto k = prefixed_index(parts[1], "map")) a.uio_map = std::to_string(*k);
      else if (auto n = parse_number(parts[1]); n && *n <= 0xffff) a.uio_map = std::to_string(*n);
      else a.uio_map = std::string(parts[1]);
    }
  } else if (scheme == "pci" || scheme == "vfio") {
    a.scheme = scheme == "pci" ? DeviceAddress::Scheme::pci : DeviceAddress::Scheme::vfio;
    parse_pci(text, body, a);
  } else if (scheme == "dt") {
    a.scheme = DeviceAddress::Scheme::dt;
    auto parts = split(body, ':');
    std::string_view sel = parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i) {
      if (auto r = prefixed_index(parts[i], "reg")) a.dt_reg = *r;
      else if (parts[i] == "mem") a.via = DeviceAddress::Via::mem;
      else if (parts[i] == "uio") a.via = DeviceAddress::Via::uio;
      else bad(text, "unknown dt: suffix \"" + std::string(parts[i]) + "\" (regK, mem, uio)");
    }
    if (sel.substr(0, 11) == "compatible=") {
      auto hash = sel.find('#');
      if (hash != std::string_view::npos) {
        auto idx = parse_number(sel.substr(hash + 1));
        if (!idx || *idx > 0xffff) bad(text, "expected a match number after #");
        a.dt_index = static_cast<unsigned>(*idx);
        sel = sel.substr(0, hash);
      }
      if (sel.size() == 11) bad(text, "empty compatible");
    } else if (sel.substr(0, 8) == "phandle=") {
      if (!parse_number(sel.substr(8))) bad(text, "phandle must be a number");
    } else if (sel.empty() || sel[0] != '/') {
      bad(text, "expected a node path (/soc/rtc@10070000), compatible=... or phandle=...");
    }
    a.dt_selector = std::string(sel);
  } else if (scheme == "mem") {
    a.scheme = DeviceAddress::Scheme::mem;
    parse_window(text, body, a);
  } else if (scheme == "io") {
    a.scheme = DeviceAddress::Scheme::io;
    parse_window(text, body, a);
    if (a.offset + std::max<std::uint64_t>(a.size, 1) > 0x10000) bad(text, "I/O ports run from 0x0 to 0xffff");
  } else if (scheme == "gdb") {
    a.scheme = DeviceAddress::Scheme::gdb;
    parse_gdb(text, body, a);
  } else if (scheme == "file") {
    a.scheme = DeviceAddress::Scheme::file;
    // Up to two trailing +NUMBER parts are offset and size; the rest is the path.
    std::string_view path = body;
    std::vector<std::uint64_t> nums;
    while (nums.size() < 2) {
      auto plus = path.rfind('+');
      if (plus == std::string_view::npos) break;
      auto n = parse_number(path.substr(plus + 1), true);
      if (!n) break;
      nums.insert(nums.begin(), *n);
      path = path.substr(0, plus);
    }
    if (path.empty()) bad(text, "empty file path");
    a.path = std::string(path);
    if (nums.size() >= 1) a.offset = nums[0];
    if (nums.size() == 2) a.size = nums[1];
  } else {
    bad(text, "unknown scheme \"" + std::string(scheme) + "\"");
  }
  return a;
}

bool same_place(const DeviceAddress& a, const DeviceAddress& b) {
  auto fields = [](const DeviceAddress& x) {
    return std::tie(x.scheme, x.uio_device, x.uio_map, x.pci, x.bar, x.dt_selector, x.dt_index, x.dt_reg, x.via,
                    x.path, x.offset, x.size);
  };
  return fields(a) == fields(b);
}

std::string to_string(const DeviceAddress& a) {
  using S = DeviceAddress::Scheme;
  auto pci = [&](const char* scheme) {
    std::string s = scheme;
    if (!a.pci.bdf.empty()) {
      s += a.pci.bdf;
    } else {
      char ids[16];
      std::snprintf(ids, sizeof ids, "%04x:%04x", a.pci.vendor.value_or(0), a.pci.device.value_or(0));
      s += ids;
      if (a.pci.index) s += "#" + std::to_string(*a.pci.index);
    }
    return s + ":bar" + std::to_string(a.bar);
  };
  switch (a.scheme) {
    case S::uio: {
      std::string s = "uio:" + a.uio_device;
      if (!a.uio_map.empty()) s += parse_number(a.uio_map) ? ":map" + a.uio_map : ":" + a.uio_map;
      return s;
    }
    case S::pci: return pci("pci:");
    case S::vfio: return pci("vfio:");
    case S::dt: {
      std::string s = "dt:" + a.dt_selector;
      if (a.dt_index) s += "#" + std::to_string(*a.dt_index);
      if (a.dt_reg) s += ":reg" + std::to_string(a.dt_reg);
      if (a.via == DeviceAddress::Via::mem) s += ":mem";
      if (a.via == DeviceAddress::Via::uio) s += ":uio";
      return s;
    }
    case S::mem: return "mem:" + hex(a.offset) + (a.size ? "+" + hex(a.size) : "");
    case S::io: return "io:" + hex(a.offset) + (a.size ? "+" + hex(a.size) : "");
    case S::gdb:
      return "gdb:" + (a.path.empty() ? a.host + ":" + std::to_string(a.port) : "unix:" + a.path) + ":mem:" + hex(a.offset) +
             (a.size ? "+" + hex(a.size) : "");
    case S::file: {
      std::string s = "file:" + a.path;
      // A path with a '+' in it could end in what reads as +OFFSET: then both numbers are
      // always written, so the path is never taken for them ("f+07" with offset 0 and size 0
      // prints as "f+07+0x0+0x0", not "f+07").
      const bool explicit_numbers = a.path.find('+') != std::string::npos;
      if (a.offset || a.size || explicit_numbers) s += "+" + hex(a.offset);
      if (a.size || explicit_numbers) s += "+" + hex(a.size);
      return s;
    }
  }
  return {};
}

}  // namespace uiokit
