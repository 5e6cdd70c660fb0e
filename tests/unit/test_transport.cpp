// SPDX-License-Identifier: MIT
// The transport seam (uiokit/transport.hpp): checked accesses, width refusals, a Region as a
// transport, and typed blocks bound to a transport through TransportIo.
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "uiokit/backend/file.hpp"
#include "uiokit/reg/block.hpp"
#include "uiokit/transport.hpp"

using namespace uiokit;

namespace {

// A transport that does 32-bit accesses only, over a vector, logging what it is asked.
class WordTransport final : public Transport {
 public:
  std::vector<std::uint8_t> mem = std::vector<std::uint8_t>(0x20);
  std::vector<std::pair<std::uint64_t, unsigned>> log;
  std::uint64_t size() const noexcept override { return mem.size(); }
  std::string describe() const override { return "words"; }
  unsigned widths() const noexcept override { return 4; }
  std::uint64_t load(std::uint64_t off, unsigned w) override {
    log.emplace_back(off, w);
    std::uint32_t v;
    std::memcpy(&v, mem.data() + off, 4);
    return v;
  }
  void store(std::uint64_t off, unsigned w, std::uint64_t v) override {
    log.emplace_back(off, w);
    const auto x = static_cast<std::uint32_t>(v);
    std::memcpy(mem.data() + off, &x, 4);
  }
};

namespace blocks {
using namespace uiokit::reg;
struct CTRL : Reg<"CTRL", 0x00, std::uint32_t, Access::rw> {
  using EN = Field<"EN", 0, 1>;
  using fields = Fields<EN>;
};
struct HALF : Reg<"HALF", 0x04, std::uint16_t, Access::rw> {};
using Words = Block<"words", 0x08, CTRL>;
using Mixed = Block<"mixed", 0x08, CTRL, HALF>;
}  // namespace blocks

}  // namespace

TEST_CASE("transport: checked accesses refuse what the transport cannot do, naming it") {
  WordTransport t;
  t.write(4, 4, 0x11223344);
  CHECK(t.read(4, 4) == 0x11223344);
  CHECK(t.read(4, 4, Endian::big) == 0x44332211);
  t.write(8, 4, 0x11223344, Endian::big);
  CHECK(t.mem[8] == 0x11);
  const auto logged = t.log.size();
  try {
    (void)t.read(4, 2);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::bad_width);
    CHECK(std::string(e.what()) == "words: 16-bit access at offset 0x4: this transport does 32-bit accesses only");
  }
  CHECK_THROWS_AS(t.write(0, 4, 0x100000000ull), Error);  // does not fit
  CHECK_THROWS_AS(t.read(0x20, 4), Error);                // past the end
  CHECK_THROWS_AS(t.read(2, 4), Error);                   // misaligned
  CHECK(t.log.size() == logged);                          // nothing reached the transport
  CHECK(widths_text(1 | 2 | 4 | 8) == "8, 16, 32 and 64-bit");
  CHECK(widths_text(2 | 4) == "16 and 32-bit");
}

TEST_CASE("transport: a Region as a transport, bytes and words") {
  RegionTransport t(map_memfd("regs", 0x40));
  t.write(0x10, 8, 0x0102030405060708ull);
  CHECK(t.region().read<std::uint8_t>(0x10) == 0x08);
  CHECK(t.read(0x14, 4) == 0x01020304);
  std::vector<std::byte> b(4);
  t.read_bytes(0x10, b);
  CHECK(std::to_integer<int>(b[0]) == 8);
  t.write_bytes(0x3c, b);
  CHECK(t.read(0x3c, 1) == 8);
  CHECK_THROWS_AS(t.write_bytes(0x3d, b), Error);
  CHECK(t.address() == std::nullopt);
}

TEST_CASE("transport: typed blocks bind through TransportIo, refusing widths it cannot do") {
  WordTransport t;
  auto b = reg::bind<blocks::Words>(t, 0x10);
  b.modify(blocks::CTRL::EN{1});
  CHECK(t.mem[0x10] == 1);
  CHECK(t.log == std::vector<std::pair<std::uint64_t, unsigned>>{{0x10, 4}, {0x10, 4}});
  try {
    (void)reg::bind<blocks::Mixed>(t);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::bad_width);
    CHECK(std::string(e.what()).find("has 16-bit registers") != std::string::npos);
  }
  CHECK_THROWS_AS(reg::bind<blocks::Words>(t, 0x1c), Error);
}
