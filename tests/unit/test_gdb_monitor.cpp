// SPDX-License-Identifier: MIT
// Physical memory through a stub's monitor (OpenOCD's mdw/mww phys) against a scripted stub that
// answers qRcmd as OpenOCD does: O packets of output, then OK.
#include <doctest/doctest.h>

#include <cstdio>

#include "gdb_stub.hpp"
#include "uiokit/gdb/transport.hpp"

using namespace uiokit;
using namespace std::chrono_literals;
using test_gdb::Stub;

namespace {

std::string hex_text(const std::string& s) {
  return uiokit::gdb::to_hex(std::as_bytes(std::span(s.data(), s.size())));
}

// OpenOCD's monitor over the stub's memory: `help mdw` mentions phys; md?/mw? phys at any width.
std::optional<std::string> openocd(Stub& stub, const std::string& p, std::vector<std::string>& commands) {
  if (p.rfind("qRcmd,", 0) != 0) return p[0] == 'm' || p[0] == 'M' || p[0] == 'X' ? std::optional<std::string>("E01") : std::nullopt;
  const auto cmd = *uiokit::gdb::from_hex(p.substr(6));
  commands.push_back(cmd);
  if (cmd == "help mdw") return "O" + hex_text("mdw ['phys'] address [count]\n") + "\nOK";
  char kind = 0, w = 0;
  unsigned long long addr = 0;
  long long signed_arg = 0;  // a count (decimal) or a value (0x...)
  if (std::sscanf(cmd.c_str(), "m%c%c phys 0x%llx %lli", &kind, &w, &addr, &signed_arg) != 4) return "E02";
  const auto arg = static_cast<unsigned long long>(signed_arg);
  const unsigned width = w == 'b' ? 1 : w == 'h' ? 2 : w == 'd' ? 8 : 4;
  auto* m = stub.mem.data() + (addr - stub.base);
  if (kind == 'w') {
    for (unsigned i = 0; i < width; ++i) m[i] = static_cast<std::uint8_t>(arg >> (8 * i));
    return "OK";
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%08llx:", addr);
  std::string out = buf;
  for (unsigned long long i = 0; i < arg; ++i) {
    std::uint64_t v = 0;
    for (unsigned b = 0; b < width; ++b) v |= std::uint64_t{m[i * width + b]} << (8 * b);
    std::snprintf(buf, sizeof buf, " %0*llx", static_cast<int>(width * 2), static_cast<unsigned long long>(v));
    out += buf;
  }
  return "O" + hex_text(out + " \n") + "\nOK";
}

}  // namespace

TEST_CASE("gdb monitor: a stub whose monitor has physical access (OpenOCD) is read and written through it") {
  Stub stub;
  std::vector<std::string> commands;
  stub.hook = [&](const std::string& p) { return openocd(stub, p, commands); };
  stub.mem[0x10] = 0x31, stub.mem[0x14] = 0x10, stub.mem[0x18] = 0x14;
  stub.start();
  gdb::ClientOptions o;
  o.timeout = 2000ms;
  gdb::GdbTransport t(gdb::Client(stub.client_fd, "gdb test-openocd", o), stub.base, 0x100, "gdb:test:mem:0x10000+0x100");
  CHECK(t.physical());
  CHECK(t.describe().find("physical addresses, through the monitor") != std::string::npos);
  CHECK(t.read(0x10, 4) == 0x31);
  CHECK(commands.back() == "mdw phys 0x10010 1");
  CHECK(t.read(0x14, 2) == 0x10);
  CHECK(commands.back() == "mdh phys 0x10014 1");
  std::byte b[12];
  t.read_bytes(0x10, b);
  CHECK(commands.back() == "mdw phys 0x10010 3");
  CHECK(b[8] == std::byte{0x14});
  t.write(0x20, 4, 0xcafef00d);
  CHECK(commands.back() == "mww phys 0x10020 0xcafef00d");
  CHECK(t.read(0x20, 4) == 0xcafef00d);
  t.write(0x23, 1, 0x5a);
  CHECK(commands.back() == "mwb phys 0x10023 0x5a");
  CHECK(t.read(0x20, 4) == 0x5afef00d);
  // a sibling window keeps the physical access
  auto w = t.window(stub.base + 0x80, 0x10, "second");
  CHECK(w->physical());
  w->write(0, 4, 7);
  CHECK(commands.back() == "mww phys 0x10080 0x7");
  for (const auto& p : stub.sent()) CHECK(p[0] != 'm');  // no virtual-address packets
}

TEST_CASE("gdb monitor: output the transport cannot read is an error naming the command") {
  Stub stub;
  stub.hook = [&](const std::string& p) -> std::optional<std::string> {
    if (p.rfind("qRcmd,", 0) != 0) return std::nullopt;
    const auto cmd = *uiokit::gdb::from_hex(p.substr(6));
    if (cmd == "help mdw") return "O" + hex_text("mdw ['phys'] address [count]\n") + "\nOK";
    if (cmd.rfind("mww", 0) == 0) return "O" + hex_text("Failed to write memory at 0x10010\n") + "\nOK";
    return "O" + hex_text("Failed to read memory at 0x10010\n") + "\nOK";
  };
  stub.start();
  gdb::GdbTransport t(gdb::Client(stub.client_fd, "gdb test-openocd"), stub.base, 0x100, "gdb:test:mem:0x10000+0x100");
  CHECK_THROWS_WITH_AS(t.read(0x10, 4), doctest::Contains("`monitor mdw phys 0x10010 1` printed 0 values, not 1: Failed to read memory at 0x10010"), Error);
  CHECK_THROWS_WITH_AS(t.write(0x10, 4, 1), doctest::Contains("`monitor mww phys 0x10010 0x1` printed: Failed to write memory at 0x10010"), Error);
}

TEST_CASE("gdb monitor: a monitor without physical access, or none, leaves m and M packets") {
  Stub stub;  // answers qRcmd with an empty reply: no monitor
  stub.mem[0x10] = 0x42;
  stub.start();
  gdb::GdbTransport t(gdb::Client(stub.client_fd, "gdb test-stub"), stub.base, 0x100, "gdb:test:mem:0x10000+0x100");
  CHECK_FALSE(t.physical());
  CHECK(t.read(0x10, 4) == 0x42);
  CHECK(stub.sent().back() == "m10010,4");
}
