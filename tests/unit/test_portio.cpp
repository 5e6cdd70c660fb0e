// SPDX-License-Identifier: MIT
// Port I/O (uiokit/portio/portio.hpp): the io: address, the widths it refuses, and ioperm's
// refusal for a process without CAP_SYS_RAWIO. No port is ever read or written here.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "as_nobody.hpp"
#include "uiokit/address/open.hpp"

using namespace uiokit;

namespace {

// Opens `address` as a transport in a child that has dropped root for nobody (uid 65534), and
// returns the child's error message ("" if the open succeeded).
std::string open_as_nobody(const std::string& address) {
  return as_nobody([&]() -> std::string {
    try {
      (void)open_transport(address);
    } catch (const Error& e) {
      return std::string(to_string(e.code())) + ": " + e.what();
    }
    return "";
  });
}

}  // namespace

TEST_CASE("io: addresses parse, print back, and stay inside the 64 Ki port space") {
  auto a = parse_address("io:0x3f8+8");
  CHECK(a.scheme == DeviceAddress::Scheme::io);
  CHECK(a.offset == 0x3f8);
  CHECK(a.size == 8);
  CHECK(to_string(a) == "io:0x3f8+0x8");
  CHECK(to_string(parse_address("io:128")) == "io:0x80");
  CHECK(to_string(parse_address("io:0xfffc+4")) == "io:0xfffc+0x4");
  CHECK_THROWS_AS(parse_address("io:0xfffe+4"), Error);
  CHECK_THROWS_AS(parse_address("io:0x10000"), Error);
  CHECK_THROWS_AS(open("io:0x80+4"), Error);  // ports cannot be mapped
}

#if defined(__x86_64__) || defined(__i386__)
TEST_CASE("io: without CAP_SYS_RAWIO, ioperm's refusal names the ports and what is needed") {
  const auto msg = open_as_nobody("io:0x80+4");
  // A kernel without ioperm (some sandboxes) refuses everyone, and says so instead.
  if (msg.find("Function not implemented") != std::string::npos)
    CHECK(msg == "unsupported: io:0x80+0x4: ioperm of 4 ports at 0x80: Function not implemented "
                 "(this kernel (or the sandbox it runs in) has no ioperm)");
  else
    CHECK(msg == "permission_denied: io:0x80+0x4: ioperm of 4 ports at 0x80: Operation not permitted "
                 "(port I/O needs root (CAP_SYS_RAWIO))");
}

TEST_CASE("io: a 64-bit port access is refused before any port is touched") {
  if (::geteuid() != 0) {
    MESSAGE("not root: ioperm refuses, so no port transport can be made to ask");
    return;
  }
  std::unique_ptr<Transport> t;
  try {
    t = open_transport("io:0x80+8");  // granted, never accessed
  } catch (const Error& e) {
    REQUIRE(e.code() == Errc::unsupported);
    const std::string why = e.what();
    MESSAGE("this kernel has no ioperm: " << why);
    return;
  }
  CHECK(t->widths() == (1u | 2u | 4u));
  try {
    (void)t->read(0, 8);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::bad_width);
    CHECK(std::string(e.what()) == "io:0x80+0x8: 64-bit access at offset 0x0: this transport does 8, 16 and 32-bit accesses only");
  }
}
#endif
