// SPDX-License-Identifier: MIT
// pl031_rtc: the PL031 driver over FakeDevice, with the counter behaviour of the TRM (a load
// becomes the count) staged by hooks: the peripheral ID check, the time's range both ways,
// refusals that write nothing, and the alarm's order of writes (mask off, match, clear, mask).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "uiokit/fake/fake_transport.hpp"
#include "uiokit/pl031_rtc/pl031.hpp"
#include "uiokit/rtc/failure.hpp"

using uiokit::Errc;
using uiokit::fake::FakeDevice;
using uiokit::fake::FakeTransport;
using uiokit::pl031::Pl031;
using uiokit::rtc::Alarm;
using uiokit::rtc::DateTime;

namespace {
constexpr std::size_t DR = 0x00, MR = 0x04, LR = 0x08, CR = 0x0c, IMSC = 0x10, RIS = 0x14, ICR = 0x1c;

// A PL031 as QEMU's model and the TRM have it: ID bytes, a load sets the count, RTCICR clears
// RTCRIS.
struct Board {
  FakeDevice dev{0x1000, "pl031"};
  FakeTransport io{dev};
  Board(std::uint8_t id0 = 0x31, std::uint8_t id1 = 0x10, std::uint8_t id2 = 0x14) {
    dev.poke(0xfe0, 4, id0), dev.poke(0xfe4, 4, id1), dev.poke(0xfe8, 4, id2);
    dev.on_write(LR, [this](std::uint64_t, std::uint64_t v) {
      dev.poke(DR, 4, v);
      return v;
    });
    dev.on_write(ICR, [this](std::uint64_t, std::uint64_t v) {
      dev.poke(RIS, 4, dev.peek(RIS, 4) & ~v);
      return 0;
    });
  }
  bool wrote() const {
    return std::any_of(dev.log().begin(), dev.log().end(), [](const auto& a) { return a.write; });
  }
};

Errc code_of(auto&& fn) {
  try {
    fn();
  } catch (const uiokit::Error& e) {
    return e.code();
  }
  FAIL("no error");
  return Errc::io_failed;
}
}  // namespace

TEST_CASE("pl031: bind checks the peripheral ID") {
  Board ok;
  CHECK_NOTHROW(Pl031{ok.io});
  Board s3c(0x00, 0x00, 0x00);  // what the S3C RTC's window reads there
  try {
    Pl031 p{s3c.io};
    FAIL("bound to something that is not a PL031");
  } catch (const uiokit::Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(std::string(e.what()).find("not a PL031") != std::string::npos);
  }
  CHECK_FALSE(s3c.wrote());
  Board pl111(0x11, 0x11, 0x04);  // a PrimeCell of another part
  CHECK(code_of([&] { Pl031 p{pl111.io}; }) == Errc::not_found);
}

TEST_CASE("pl031: the count is seconds since 1970, as Linux's rtc-pl031 reads it") {
  Board b;
  b.dev.poke(DR, 4, 1795318805);  // 2026-11-22T03:40:05Z
  Pl031 rtc{b.io};
  CHECK(rtc.read_time() == DateTime{2026, 11, 22, 3, 40, 5});
  b.dev.poke(DR, 4, 0xffffffff);
  CHECK(rtc.read_time() == DateTime{2106, 2, 7, 6, 28, 15});
}

TEST_CASE("pl031: set starts the counter, loads RTCLR, reads back, refusals write nothing") {
  Board b;
  Pl031 rtc{b.io};
  const DateTime t{2024, 2, 29, 23, 59, 58};
  CHECK(rtc.set_time(t) == t);
  CHECK(b.dev.peek(CR, 4) == 1);
  CHECK(b.dev.peek(LR, 4) == 1709251198);
  b.dev.clear_log();
  CHECK(code_of([&] { rtc.set_time({1969, 12, 31, 23, 59, 59}); }) == Errc::invalid_argument);
  CHECK(code_of([&] { rtc.set_time({2106, 2, 7, 6, 28, 16}); }) == Errc::invalid_argument);
  CHECK(code_of([&] { rtc.set_time({2026, 4, 31, 0, 0, 0}); }) == Errc::invalid_argument);
  CHECK_FALSE(b.wrote());
  try {
    rtc.set_time({2107, 1, 1, 0, 0, 0});
  } catch (const uiokit::Error& e) {
    CHECK(uiokit::rtc::exit_status(uiokit::rtc::classify(e)) == 68);
    CHECK(std::string(e.what()).find("2106-02-07T06:28:15Z") != std::string::npos);
  }
  CHECK(rtc.set_time({2106, 2, 7, 6, 28, 15}) == DateTime{2106, 2, 7, 6, 28, 15});
}

TEST_CASE("pl031: a load that does not take is a hardware error") {
  Board b;
  b.dev.on_write(LR, [](std::uint64_t s, std::uint64_t) { return s; });  // ignored
  Pl031 rtc{b.io};
  CHECK(code_of([&] { rtc.set_time({2026, 1, 1, 0, 0, 0}); }) == Errc::bad_hardware_value);
}

TEST_CASE("pl031: the alarm is a whole time, a pattern is refused before any write") {
  Board b;
  Pl031 rtc{b.io};
  b.dev.poke(RIS, 4, 1);  // stale
  Alarm a;
  a.year = 2026, a.month = 11, a.day = 22, a.hour = 3, a.minute = 41, a.second = 0;
  a.enabled = true;
  rtc.set_alarm(a);
  CHECK(b.dev.peek(MR, 4) == 1795318860);
  CHECK(b.dev.peek(IMSC, 4) == 1);
  CHECK(b.dev.peek(RIS, 4) == 0);  // cleared before the mask was set
  // The mask goes off before the match changes and on after it.
  std::vector<std::size_t> order;
  for (const auto& x : b.dev.log())
    if (x.write && (x.offset == MR || x.offset == IMSC)) order.push_back(x.offset);
  CHECK(order == std::vector<std::size_t>{IMSC, MR, IMSC});
  CHECK(rtc.read_alarm() == a);

  b.dev.clear_log();
  Alarm daily;
  daily.hour = 7, daily.minute = 0, daily.second = 0;
  daily.enabled = true;
  CHECK(code_of([&] { rtc.set_alarm(daily); }) == Errc::invalid_argument);
  CHECK_FALSE(b.wrote());

  b.dev.poke(RIS, 4, 1);
  CHECK(rtc.alarm_pending());
  rtc.ack_alarm();
  CHECK_FALSE(rtc.alarm_pending());
  rtc.clear_alarm();
  CHECK(b.dev.peek(IMSC, 4) == 0);
  CHECK_FALSE(rtc.read_alarm().enabled);
}
