// SPDX-License-Identifier: MIT
// Stores through the CPU (gdb: ...:cpu@SCRATCH) against a scripted stub that models what QEMU
// 7.2 does: M/X writes to device registers are answered OK and dropped, while a single step runs
// the one store instruction at pc, which does reach the device.
#include <doctest/doctest.h>

#include <map>

#include "gdb_stub.hpp"
#include "uiokit/address/address.hpp"
#include "uiokit/gdb/transport.hpp"

using namespace uiokit;
using namespace std::chrono_literals;
using test_gdb::Stub;

namespace {

// Stub memory: RAM at 0x10000..0x107ff (the scratch word at 0x10100), device registers at
// 0x10800..0x10fff.
constexpr std::uint64_t ram = 0x10000, scratch = 0x10100, device = 0x10800;

std::uint32_t word(const std::vector<std::uint8_t>& m, std::uint64_t at) {
  const auto i = at - ram;
  return m[i] | m[i + 1] << 8 | m[i + 2] << 16 | static_cast<std::uint32_t>(m[i + 3]) << 24;
}

std::string le32(std::uint32_t v) {
  char b[9];
  std::snprintf(b, sizeof b, "%02x%02x%02x%02x", v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24);
  return b;
}

std::uint32_t from_le32(const std::string& h) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = v << 8 | static_cast<std::uint32_t>(std::stoul(h.substr(static_cast<std::size_t>(i) * 2, 2), nullptr, 16));
  return v;
}

// A 32-bit ARM CPU, halted, with the three stores of cpu_store.cpp.
struct Cpu {
  std::map<unsigned, std::uint32_t> regs{{0, 0x1111}, {1, 0x2222}, {15, 0x60000000}, {25, 0x600001d3}};
  std::uint32_t abort_vector = 0;  // non-zero: every step faults there
  int steps = 0;

  std::optional<std::string> answer(Stub& stub, const std::string& p) {
    if (p[0] == 'p') {
      auto it = regs.find(static_cast<unsigned>(std::stoul(p.substr(1), nullptr, 16)));
      return it == regs.end() ? "E45" : le32(it->second);
    }
    if (p[0] == 'P') {
      const auto eq = p.find('=');
      regs[static_cast<unsigned>(std::stoul(p.substr(1, eq - 1), nullptr, 16))] = from_le32(p.substr(eq + 1));
      return "OK";
    }
    if ((p[0] == 'M' || p[0] == 'X') && std::stoull(p.substr(1, p.find(',') - 1), nullptr, 16) >= device) return "OK";  // dropped
    if (p == "s") {
      ++steps;
      if (abort_vector) {
        regs[15] = abort_vector;
        regs[25] = 0x600001d7;  // abort mode
        return "T05thread:01;";
      }
      const auto insn = word(stub.mem, regs[15]);
      const auto at = regs[0] - ram;
      const auto v = regs[1];
      if (insn == 0xe5801000) for (unsigned i = 0; i < 4; ++i) stub.mem[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
      else if (insn == 0xe1c010b0) for (unsigned i = 0; i < 2; ++i) stub.mem[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
      else if (insn == 0xe5c01000) stub.mem[at] = static_cast<std::uint8_t>(v);
      else return "E99";
      regs[15] += 4;
      return "T05thread:01;";
    }
    return std::nullopt;
  }
};

struct Rig {
  Stub stub;
  Cpu cpu;
  std::optional<gdb::GdbTransport> t;

  explicit Rig(bool cpu_stores = true) {
    stub.base = ram;
    stub.mem.assign(0x1000, 0);
    stub.mem[scratch - ram] = 0xaa, stub.mem[scratch - ram + 1] = 0xbb, stub.mem[scratch - ram + 2] = 0xcc,
    stub.mem[scratch - ram + 3] = 0xdd;
    stub.hook = [this](const std::string& p) { return cpu.answer(stub, p); };
    stub.start();
    gdb::ClientOptions o;
    o.timeout = 2000ms;
    t.emplace(gdb::Client(stub.client_fd, "gdb test-stub", o), device, 0x800, "gdb:test:mem:0x10800+0x800");
    if (cpu_stores) t->store_through_cpu(scratch);
  }
  void saved_state_is_back() {
    CHECK(cpu.regs[0] == 0x1111);
    CHECK(cpu.regs[1] == 0x2222);
    CHECK(cpu.regs[15] == 0x60000000);
    CHECK(cpu.regs[25] == 0x600001d3);
    CHECK(word(stub.mem, scratch) == 0xddccbbaa);
  }
};

}  // namespace

TEST_CASE("gdb cpu stores: device writes a stub drops are done by the CPU, and its state is put back") {
  Rig plain(false);
  plain.t->write(0x10, 4, 0xcafef00d);  // as QEMU: OK, and nothing written
  CHECK(plain.t->read(0x10, 4) == 0);

  Rig r;
  CHECK(r.t->describe().find("stores by the CPU") != std::string::npos);
  r.t->write(0x10, 4, 0xcafef00d);
  r.t->write(0x22, 2, 0xbeef);
  r.t->write(0x31, 1, 0x5a);
  CHECK(r.t->read(0x10, 4) == 0xcafef00d);
  CHECK(r.t->read(0x20, 4) == 0xbeef0000);
  CHECK(r.t->read(0x30, 4) == 0x00005a00);
  CHECK(r.cpu.steps == 3);
  r.saved_state_is_back();
  // A range is written as the widest aligned stores: 1 + 2 + 4 + 1 bytes at 0x41.
  const std::byte bytes[8]{std::byte{1}, std::byte{2}, std::byte{3}, std::byte{4}, std::byte{5}, std::byte{6}, std::byte{7}, std::byte{8}};
  r.t->write_bytes(0x41, std::span(bytes, 8));
  CHECK(r.cpu.steps == 7);
  CHECK(r.t->read(0x40, 4) == 0x03020100);
  CHECK(r.t->read(0x44, 4) == 0x07060504);
  CHECK(r.t->read(0x48, 4) == 0x08);
  r.saved_state_is_back();
}

TEST_CASE("gdb cpu stores: refusals before anything is written") {
  Rig r;
  r.cpu.regs[25] = 0x600001f3;  // Thumb state
  CHECK_THROWS_WITH_AS(r.t->write(0x10, 4, 1), doctest::Contains("not in ARM state"), Error);
  r.cpu.regs[25] = 0x600001d3;
  CHECK_THROWS_WITH_AS(r.t->write(0x10, 8, 1), doctest::Contains("64-bit stores through the CPU"), Error);
  r.cpu.regs.erase(25);  // not a 32-bit ARM target
  try {
    r.t->write(0x10, 4, 1);
    FAIL("a target without CPSR accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::io_failed);
    CHECK(std::string(e.what()).find("register cpsr") != std::string::npos);
  }
  CHECK(r.cpu.steps == 0);
  for (const auto& p : r.stub.sent()) CHECK(p[0] != 'P');
  CHECK(r.t->read(0x10, 4) == 0);
}

TEST_CASE("gdb cpu stores: a store that faults is reported, and the CPU's state is put back") {
  Rig r;
  r.cpu.abort_vector = 0x10;
  try {
    r.t->write(0x10, 4, 0x12345678);
    FAIL("a faulting store reported as done");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::io_failed);
    CHECK(e.address() == device + 0x10);
    CHECK(std::string(e.what()).find("faulted: pc went to 0x10") != std::string::npos);
  }
  r.saved_state_is_back();
}

TEST_CASE("gdb cpu stores: the address suffix") {
  auto a = parse_address("gdb:unix:/tmp/q.sock:mem:0x10020000+0x1000:cpu@0x60000000");
  CHECK(a.offset == 0x10020000);
  CHECK(a.size == 0x1000);
  CHECK(a.cpu_scratch == 0x60000000u);
  CHECK(to_string(a) == "gdb:unix:/tmp/q.sock:mem:0x10020000+0x1000:cpu@0x60000000");
  CHECK(same_place(a, parse_address(to_string(a))));
  CHECK_FALSE(same_place(a, parse_address("gdb:unix:/tmp/q.sock:mem:0x10020000+0x1000")));
  CHECK_THROWS_AS(parse_address("gdb:localhost:1234:mem:0x10020000:cpu@0x60000002"), Error);
  CHECK_THROWS_AS(parse_address("gdb:localhost:1234:mem:0x10020000:cpu@"), Error);
  CHECK_THROWS_AS(parse_address("gdb:localhost:1234:mem:0x10020000:cpu@0x100000000"), Error);
}
