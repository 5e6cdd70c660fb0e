// SPDX-License-Identifier: MIT
// The GDB remote transport against a scripted stub (gdb_stub.hpp): framing, acks and retries,
// E replies, a dropped connection, a slow stub, X escaping, PacketSize chunking, typed blocks.
#include <doctest/doctest.h>

#include <cstring>

#include "gdb_stub.hpp"
#include "uiokit/gdb/transport.hpp"
#include "uiokit/reg/block.hpp"
#include "uiokit/reg/dump.hpp"

using namespace uiokit;
using namespace std::chrono_literals;
using test_gdb::Stub;

namespace {

gdb::GdbTransport connect(Stub& stub, std::uint64_t size = 0x100, std::chrono::milliseconds timeout = 2000ms) {
  stub.start();
  gdb::ClientOptions o;
  o.timeout = timeout;
  return gdb::GdbTransport(gdb::Client(stub.client_fd, "gdb test-stub", o), stub.base, size, "gdb:test:mem:0x10000+0x100");
}

std::size_t count_prefix(const std::vector<std::string>& v, char c) {
  std::size_t n = 0;
  for (const auto& s : v) n += !s.empty() && s[0] == c;
  return n;
}

}  // namespace

TEST_CASE("gdb rsp: framing, escaping, run-length encoding, hex") {
  CHECK(gdb::frame("OK") == "$OK#9a");
  CHECK(gdb::frame("") == "$#00");
  const std::byte raw[] = {std::byte{'#'}, std::byte{'$'}, std::byte{'}'}, std::byte{'*'}, std::byte{'a'}};
  CHECK(gdb::escape_binary(raw) == "}\x03}\x04}]}\x0a" "a");
  CHECK(gdb::escaped_size(raw) == 9);
  CHECK(gdb::expand_rle("0* ") == std::string(4, '0'));  // ' ' is 32: three more copies
  CHECK_FALSE(gdb::expand_rle("*a"));
  CHECK(gdb::from_hex("31a0") == std::string("\x31\xa0", 2));
  CHECK_FALSE(gdb::from_hex("3"));
  CHECK_FALSE(gdb::from_hex("zz"));

  gdb::PacketReader r;
  std::string in = "+-junk$OK#9a$OK#00";
  std::vector<gdb::PacketReader::Event::Kind> kinds;
  std::size_t used = 0;
  while (auto ev = r.feed(in, used)) {
    kinds.push_back(ev->kind);
    in.erase(0, used);
  }
  using K = gdb::PacketReader::Event::Kind;
  CHECK(kinds == std::vector<K>{K::ack, K::nak, K::packet, K::bad_checksum});
}

TEST_CASE("gdb transport: a register read is one m packet of its width, little-endian") {
  Stub stub;
  stub.mem[0x10] = 0x78, stub.mem[0x11] = 0x56, stub.mem[0x12] = 0x34, stub.mem[0x13] = 0x12;
  auto t = connect(stub);
  CHECK(t.read(0x10, 4) == 0x12345678);
  CHECK(t.read(0x10, 4, Endian::big) == 0x78563412);
  CHECK(t.read(0x12, 2) == 0x1234);
  CHECK(stub.sent().back() == "m10012,2");
  CHECK(t.client().packet_size() == 0x1000);
  CHECK_FALSE(t.physical());
  CHECK(t.describe().find("as the CPU sees them") != std::string::npos);
  CHECK_THROWS_AS(t.read(0x11, 4), Error);   // misaligned: never sent
  CHECK_THROWS_AS(t.read(0x100, 4), Error);  // past the window
  CHECK(stub.sent().back() == "m10012,2");
}

TEST_CASE("gdb transport: a bad checksum is NAKed and resent, both ways") {
  Stub stub;
  stub.mem[0] = 0xab;
  stub.corrupt_replies = 1;  // the handshake's first reply arrives corrupted
  auto t = connect(stub);
  CHECK(stub.naks_received == 1);
  stub.naks = 2;  // the stub refuses the next packet twice: the client sends it a third time
  CHECK(t.read(0, 1) == 0xab);
  stub.naks = 5;  // more than the retries allow
  try {
    (void)t.read(0, 1);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::io_failed);
    CHECK(std::string(e.what()).find("refused `m10000,1`") != std::string::npos);
  }
}

TEST_CASE("gdb transport: no acks once the stub agrees to QStartNoAckMode") {
  Stub stub;
  stub.features = "PacketSize=200;QStartNoAckMode+";
  auto t = connect(stub);
  CHECK_FALSE(t.client().acks());
  stub.mem[4] = 7;
  CHECK(t.read(4, 1) == 7);
}

TEST_CASE("gdb transport: an E14 reply is an error naming the transport and the address") {
  Stub stub;
  stub.hook = [](const std::string& p) -> std::optional<std::string> {
    if (p.rfind("m10040", 0) == 0) return "E14";
    return std::nullopt;
  };
  auto t = connect(stub);
  try {
    (void)t.read(0x40, 4);
    FAIL("expected an error");
  } catch (const Error& e) {
    const std::string m = e.what();
    CHECK(e.code() == Errc::io_failed);
    CHECK(e.address() == 0x10040);
    CHECK(m.find("gdb:test:mem:0x10000+0x100") != std::string::npos);
    CHECK(m.find("the stub answered E14") != std::string::npos);
    CHECK(exit_status(e.code()) == 74);
  }
}

TEST_CASE("gdb transport: a connection dropped in the middle of a dump") {
  Stub stub;
  stub.features = "PacketSize=40";  // 64 bytes: 24-byte reads, so a 0x100 prefetch needs 11
  stub.close_after = 3;
  auto t = connect(stub);
  try {
    t.prefetch(0, 0x100);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::io_failed);
    CHECK(std::string(e.what()).find("closed the connection") != std::string::npos);
  }
  CHECK(count_prefix(stub.sent(), 'm') == 4);
  CHECK_THROWS_AS((void)t.read(0, 4), Error);  // the connection stays gone
}

TEST_CASE("gdb transport: a slow stub times out") {
  Stub stub;
  auto t = connect(stub, 0x100, 150ms);
  stub.delay_ms = 400;
  try {
    (void)t.read(0, 4);
    FAIL("expected a timeout");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::timeout);
    CHECK(exit_status(e.code()) == 124);
    CHECK(std::string(e.what()).find("no reply to `m10000,4` within 150 ms") != std::string::npos);
  }
}

TEST_CASE("gdb transport: X packets escape # $ } * and the stub receives the bytes") {
  Stub stub;
  auto t = connect(stub);
  const std::byte data[] = {std::byte{0x23}, std::byte{0x24}, std::byte{0x7d}, std::byte{0x2a}, std::byte{0x41}};
  t.write_bytes(8, data);
  CHECK(stub.sent().back() == "X10008,5:}\x03}\x04}]}\x0a" "A");
  CHECK(std::memcmp(stub.mem.data() + 8, data, sizeof data) == 0);
  t.write(0x20, 4, 0x2a7d2423);  // a register whose bytes all need escaping
  CHECK(stub.sent().back() == "X10020,4:}\x03}\x04}]}\x0a");
  CHECK(stub.mem[0x23] == 0x2a);
}

TEST_CASE("gdb transport: without X (QEMU) writes fall back to M") {
  Stub stub;
  stub.binary_writes = false;
  auto t = connect(stub, 0x1000);
  t.write(0x10, 4, 0xdeadbeef);
  const auto sent = stub.sent();
  CHECK(sent[sent.size() - 2] == "X10000,0:");  // the probe
  CHECK(sent.back() == "M10010,4:efbeadde");
  t.write(0x14, 2, 0x1234);
  CHECK(stub.sent().back() == "M10014,2:3412");  // X is not asked about again
  std::vector<std::byte> big(0xc00, std::byte{0x5a});
  t.write_bytes(0x100, big);  // M packets sized for hex: each fits PacketSize
  for (const auto& p : stub.sent())
    if (p[0] == 'M') CHECK(p.size() + 4 <= 0x1000);
  CHECK(stub.mem[0xcff] == 0x5a);
  CHECK(t.read(0x10, 4) == 0xdeadbeef);
}

TEST_CASE("gdb transport: reads and writes are cut to the stub's PacketSize") {
  Stub stub;
  stub.features = "PacketSize=40";
  for (std::size_t i = 0; i < stub.mem.size(); ++i) stub.mem[i] = static_cast<std::uint8_t>(i * 7);
  auto t = connect(stub, 0x1000);
  std::vector<std::byte> buf(0x100);
  t.read_bytes(0, buf);
  for (std::size_t i = 0; i < buf.size(); ++i) CHECK(std::to_integer<std::uint8_t>(buf[i]) == static_cast<std::uint8_t>(i * 7));
  CHECK(count_prefix(stub.sent(), 'm') == (0x100 + 23) / 24);
  std::vector<std::byte> out(0x100, std::byte{'#'});  // every byte doubles when escaped
  t.write_bytes(0x200, out);
  for (const auto& p : stub.sent())
    if (p[0] == 'X') CHECK(p.size() + 4 <= 0x40);
  CHECK(stub.mem[0x2ff] == '#');
}

TEST_CASE("gdb transport: a dump's prefetch serves each register once, then reads the device again") {
  Stub stub;
  stub.mem[0] = 1;
  auto t = connect(stub);
  t.prefetch(0, 0x20);
  const auto before = stub.sent().size();
  stub.mem[0] = 2;
  CHECK(t.read(0, 4) == 1);  // from the prefetch
  CHECK(stub.sent().size() == before);
  CHECK(t.read(0, 4) == 2);  // the device again
  CHECK(stub.sent().size() == before + 1);
}

TEST_CASE("gdb transport: a frame write that fails part way says how much was written") {
  Stub stub;
  stub.features = "PacketSize=40";
  int writes = 0;
  stub.hook = [&writes](const std::string& p) -> std::optional<std::string> {
    if (p[0] == 'X' && ++writes == 3) return "E0e";
    return std::nullopt;
  };
  auto t = connect(stub);
  std::vector<std::byte> frame(0x80, std::byte{1});
  try {
    t.write_bytes(0, frame);
    FAIL("expected an error");
  } catch (const Error& e) {
    const std::string m = e.what();
    CHECK(m.find("the stub answered E0e") != std::string::npos);
    CHECK(m.find("of 128 bytes were written, the rest were not") != std::string::npos);
  }
}

namespace demo_gdb {
using namespace uiokit::reg;
struct CTRL : Reg<"CTRL", 0x00, std::uint32_t, Access::rw> {
  using EN = Field<"EN", 0, 1>;
  using DIV = Field<"DIV", 8, 8>;
  using fields = Fields<EN, DIV>;
};
struct ID : Reg<"ID", 0x04, std::uint16_t, Access::ro> {};
using Block = uiokit::reg::Block<"demo", 0x10, CTRL, ID>;
}  // namespace demo_gdb

TEST_CASE("gdb transport: a typed block runs over it through TransportIo") {
  Stub stub;
  stub.mem[4] = 0x31, stub.mem[5] = 0x10;
  auto t = connect(stub);
  auto b = reg::bind<demo_gdb::Block>(t);
  CHECK(b.read<demo_gdb::ID>().raw() == 0x1031);
  b.modify(demo_gdb::CTRL::EN{1}, demo_gdb::CTRL::DIV{0x20});
  CHECK(stub.mem[0] == 1);
  CHECK(stub.mem[1] == 0x20);
  CHECK(stub.sent().back().rfind("X10000,4:", 0) == 0);
  CHECK_THROWS_AS(reg::bind<demo_gdb::Block>(t, 0xf8), Error);  // 0x10 bytes do not fit
}

TEST_CASE("gdb transport: the register model's dump of a typed block reads through it") {
  Stub stub;
  stub.mem[0] = 0x01, stub.mem[1] = 0x20, stub.mem[4] = 0x31, stub.mem[5] = 0x10;
  auto t = connect(stub);
  reg::DumpOptions o;
  o.address = t.address();
  const auto j = reg::dump_json(reg::bind<demo_gdb::Block>(t), o);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["value"] == 0x2001);
  CHECK(j[1]["value"] == 0x1031);
  CHECK(j[0]["address"] == 0x10000);
  const auto text = reg::dump(reg::bind<demo_gdb::Block>(t));
  CHECK(text.find("DIV") != std::string::npos);
  CHECK(stub.sent().back() == "m10004,2");
}
