// SPDX-License-Identifier: MIT
// Physical memory through the stub's monitor, for the GDB transport: OpenOCD's `mdw phys` and
// `mww phys` family (the rules are in uiokit/gdb/transport.hpp). OpenOCD prints a read as lines
// of "0xADDRESS: VALUE VALUE ..." in hex, each value one access of the command's width.
#include <algorithm>
#include <cstdio>

#include "uiokit/gdb/transport.hpp"
#include "../text_file.hpp"

namespace uiokit::gdb {

namespace {

// The command letter of a width: mdb/mwb, mdh/mwh, mdw/mww, mdd/mwd.
char width_letter(unsigned width) {
  switch (width) {
    case 1: return 'b';
    case 2: return 'h';
    case 8: return 'd';
    default: return 'w';
  }
}

// The widest access that both the address and the length allow, at most 4 bytes (8 when both
// are 8-aligned and the stub is asked for one double word).
unsigned width_for(std::uint64_t addr, std::size_t length) {
  if (length == 8 && addr % 8 == 0) return 8;
  for (unsigned w : {4u, 2u}) if (addr % w == 0 && length % w == 0) return w;
  return 1;
}

std::string command(char kind, unsigned width, std::uint64_t addr, const std::string& rest) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "m%c%c phys 0x%llx ", kind, width_letter(width), static_cast<unsigned long long>(addr));
  return buf + rest;
}

// The monitor's words for a message: trimmed, on one line, at most 200 characters.
std::string quoted(const std::string& text) {
  std::string s;
  for (char c : text) s += c == '\n' || c == '\r' ? ' ' : c;
  const auto first = s.find_first_not_of(' '), last = s.find_last_not_of(' ');
  s = first == std::string::npos ? "" : s.substr(first, last - first + 1);
  return s.size() > 200 ? s.substr(0, 200) + "..." : s;
}

}  // namespace

bool GdbTransport::monitor_has_phys() {
  try {
    const auto help = client_->monitor("help mdw");
    return help && help->find("phys") != std::string::npos;
  } catch (const Error&) {
    return false;  // a monitor that refuses `help` offers nothing we know how to use
  }
}

void GdbTransport::monitor_read(std::uint64_t offset, std::span<std::byte> out) {
  const std::uint64_t addr = base_ + offset;
  const unsigned width = width_for(addr, out.size());
  const std::size_t count = out.size() / width;
  const auto cmd = command('d', width, addr, std::to_string(count));
  const auto text = client_->monitor(cmd);
  if (!text) throw Error(Errc::unsupported, describe(), "the stub no longer has a monitor", addr);
  // Every value after an "ADDRESS:" on each line, in order.
  std::vector<std::uint64_t> values;
  detail::for_each_line(*text, [&](std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return;
    detail::for_each_word(line.substr(colon + 1), [&](std::string_view w) {
      const auto v = detail::parse_hex(w);
      if (v) values.push_back(*v);
      return v.has_value();
    });
  });
  if (values.size() != count)
    throw Error(Errc::io_failed, describe(),
                "reading " + std::to_string(out.size()) + " bytes: `monitor " + cmd + "` printed " + std::to_string(values.size()) +
                    " values, not " + std::to_string(count) + ": " + quoted(*text),
                addr);
  for (std::size_t i = 0; i < count; ++i)
    for (unsigned b = 0; b < width; ++b) out[i * width + b] = static_cast<std::byte>(values[i] >> (8 * b));
}

void GdbTransport::monitor_write(std::uint64_t offset, std::span<const std::byte> in) {
  const std::uint64_t addr = base_ + offset;
  const unsigned width = width_for(addr, in.size());
  for (std::size_t i = 0; i < in.size() / width; ++i) {
    std::uint64_t v = 0;
    for (unsigned b = 0; b < width; ++b) v |= std::to_integer<std::uint64_t>(in[i * width + b]) << (8 * b);
    const auto cmd = command('w', width, addr + i * width, hex(v));
    const auto text = client_->monitor(cmd);
    if (!text) throw Error(Errc::unsupported, describe(), "the stub no longer has a monitor", addr + i * width);
    // OpenOCD prints nothing when a write succeeds, and the reason when it does not.
    if (text->find_first_not_of(" \r\n") != std::string::npos)
      throw Error(Errc::io_failed, describe(), "writing " + hex(v) + ": `monitor " + cmd + "` printed: " + quoted(*text),
                  addr + i * width);
  }
}

}  // namespace uiokit::gdb
