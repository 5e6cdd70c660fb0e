// SPDX-License-Identifier: MIT
// s3c2410_rtc: the driver over FakeDevice, both layouts: decoding and validation of what the
// counters hold, the re-read rule against a carry between reads, set_time's write order and its
// refusal to write anything for bad input, alarms, ticks, INTP write-1-to-clear.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "uiokit/fake/fake_transport.hpp"
#include "uiokit/rtc/failure.hpp"
#include "uiokit/s3c2410_rtc/rtc.hpp"

using namespace uiokit::s3c_rtc;
using uiokit::Errc;
using uiokit::fake::FakeDevice;
using uiokit::fake::FakeTransport;

namespace {
constexpr std::size_t RTCCON = 0x40, TICNT = 0x44, RTCALM = 0x50, ALMSEC = 0x54, ALMYEAR = 0x68, INTP = 0x30;
constexpr std::size_t BCDSEC = 0x70, BCDMIN = 0x74, BCDHOUR = 0x78, BCDDATE = 0x7c, BCDMON = 0x84, BCDYEAR = 0x88;

// The S3C2410's byte registers.
void poke_time_2410(FakeDevice& d, unsigned y, unsigned mo, unsigned da, unsigned h, unsigned mi, unsigned s) {
  d.poke(BCDYEAR, 1, y);
  d.poke(BCDMON, 1, mo);
  d.poke(BCDDATE, 1, da);
  d.poke(BCDHOUR, 1, h);
  d.poke(BCDMIN, 1, mi);
  d.poke(BCDSEC, 1, s);
}

Failure failure_of(auto&& fn) {
  try {
    fn();
  } catch (const uiokit::Error& e) {
    return classify(e);
  }
  FAIL("no error");
  return Failure::io;
}

bool no_writes(const FakeDevice& d) {
  return std::none_of(d.log().begin(), d.log().end(), [](const auto& a) { return a.write; });
}
}  // namespace

TEST_CASE("rtc s3c2410: reads a BCD time with byte accesses, year 2000 + BCDYEAR") {
  FakeDevice dev(0x100, "rtc");
  poke_time_2410(dev, 0x26, 0x11, 0x22, 0x03, 0x40, 0x05);
  FakeTransport rtc_io(dev);
  Rtc rtc(rtc_io, Variant::s3c2410);
  CHECK(rtc.read_time() == DateTime{2026, 11, 22, 3, 40, 5});
  CHECK(rtc.last_passes() == 1);
  CHECK(std::all_of(dev.log().begin(), dev.log().end(), [](const auto& a) { return a.width == 1; }));
  CHECK(dev.log().back().offset == BCDSEC);  // seconds read last, as rtc-s3c does
  CHECK(rtc.years().first == 2000);
  CHECK(rtc.years().last == 2099);
}

TEST_CASE("rtc: the re-read rule catches a carry between reads") {
  // 10:59:59 -> 11:00:00 while we read: minute and hour come from before the carry, the
  // seconds from after it. Without the re-read that would be 10:59:00.
  FakeDevice dev(0x100, "rtc");
  poke_time_2410(dev, 0x26, 0x11, 0x22, 0x10, 0x59, 0x00);
  dev.sequence(BCDMIN, {0x59, 0x00});
  dev.sequence(BCDHOUR, {0x10, 0x11});
  dev.sequence(BCDSEC, {0x00, 0x00});
  FakeTransport rtc_io(dev);
  Rtc rtc(rtc_io, Variant::s3c2410);
  CHECK(rtc.read_time() == DateTime{2026, 11, 22, 11, 0, 0});
  CHECK(rtc.last_passes() == 2);
  CHECK(dev.reads_of(BCDSEC) == 2);
}

TEST_CASE("rtc: the re-read is bounded when the seconds stay 0") {
  FakeDevice dev(0x100, "rtc");
  poke_time_2410(dev, 0x26, 0x01, 0x01, 0x00, 0x00, 0x00);
  FakeTransport rtc_io(dev);
  Rtc rtc(rtc_io, Variant::s3c2410);
  CHECK(rtc.read_time() == DateTime{2026, 1, 1, 0, 0, 0});
  CHECK(rtc.last_passes() == Rtc::max_passes);
}

TEST_CASE("rtc: garbage in the counters is a hardware error, never a time") {
  struct Case {
    unsigned y, mo, da, h, mi, s;
    const char* what;
  };
  const Case cases[] = {
      {0x26, 0x11, 0x22, 0x03, 0x40, 0x5a, "BCDSEC"},   // digit above 9
      {0x26, 0x13, 0x01, 0x00, 0x00, 0x01, "month 13"},
      {0x26, 0x00, 0x01, 0x00, 0x00, 0x01, "month 0"},
      {0x26, 0x04, 0x31, 0x00, 0x00, 0x01, "31 April"},
      {0x23, 0x02, 0x29, 0x00, 0x00, 0x01, "29 February 2023"},
      {0x26, 0x01, 0x01, 0x24, 0x00, 0x01, "hour 24"},
      {0x26, 0x01, 0x01, 0x00, 0x60, 0x01, "minute 60"},
      {0x26, 0x01, 0x00, 0x00, 0x00, 0x01, "day 0"},
      {0x2f, 0x01, 0x01, 0x00, 0x00, 0x01, "BCDYEAR"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    FakeDevice dev(0x100, "rtc");
    poke_time_2410(dev, c.y, c.mo, c.da, c.h, c.mi, c.s);
    FakeTransport rtc_io(dev);
  Rtc rtc(rtc_io, Variant::s3c2410);
    try {
      (void)rtc.read_time();
      FAIL("decoded garbage");
    } catch (const uiokit::Error& e) {
      CHECK(e.code() == Errc::bad_hardware_value);
      CHECK(exit_status(classify(e)) == 70);
      CHECK(std::string(e.what()).find(c.what) != std::string::npos);
    }
  }
}

TEST_CASE("rtc s3c2410: set_time enables writes, zeroes the seconds first, writes, reads back") {
  FakeDevice dev(0x100, "rtc");
  dev.poke(RTCCON, 1, 0x0c);  // CNTSEL and CLKRST set, CTLEN clear
  FakeTransport rtc_io(dev);
  Rtc rtc(rtc_io, Variant::s3c2410);
  const DateTime t{2024, 2, 29, 23, 59, 58};
  CHECK(rtc.set_time(t) == t);
  CHECK(dev.peek(RTCCON, 1) == 0x01);  // CTLEN left set (README: why)
  std::vector<std::size_t> order;
  std::vector<std::uint64_t> values;
  for (const auto& a : dev.log())
    if (a.write && a.offset >= BCDSEC) order.push_back(a.offset), values.push_back(a.value);
  CHECK(order == std::vector<std::size_t>{BCDSEC, BCDYEAR, BCDMON, BCDDATE, BCDHOUR, BCDMIN, BCDSEC});
  CHECK(values == std::vector<std::uint64_t>{0x00, 0x24, 0x02, 0x29, 0x23, 0x59, 0x58});
}

TEST_CASE("rtc: a refused set writes nothing, and says why") {
  for (auto v : {Variant::s3c2410, Variant::s3c6410}) {
    CAPTURE(to_string(v));
    FakeDevice dev(0x100, "rtc");
    FakeTransport rtc_io(dev);
  Rtc rtc(rtc_io, v);
    CHECK(failure_of([&] { rtc.set_time({2026, 4, 31, 0, 0, 0}); }) == Failure::invalid_time);
    CHECK(failure_of([&] { rtc.set_time({2100, 2, 29, 0, 0, 0}); }) == Failure::invalid_time);
    CHECK(failure_of([&] { rtc.set_time({2026, 1, 1, 24, 0, 0}); }) == Failure::invalid_time);
    CHECK(failure_of([&] { rtc.set_time({2026, 1, 1, 0, 0, 60}); }) == Failure::invalid_time);
    CHECK(failure_of([&] { rtc.set_time({1899, 12, 31, 0, 0, 0}); }) == Failure::year_out_of_range);
    CHECK(failure_of([&] { rtc.set_time({2900, 1, 1, 0, 0, 0}); }) == Failure::year_out_of_range);
    // The kernel's range on every variant (rtc-s3c reads two digits).
    CHECK(failure_of([&] { rtc.set_time({2100, 1, 1, 0, 0, 0}); }) == Failure::year_out_of_range);
    CHECK(failure_of([&] { rtc.set_time({1999, 12, 31, 0, 0, 0}); }) == Failure::year_out_of_range);
    try {
      rtc.set_time({2100, 1, 1, 0, 0, 0});
      FAIL("2100 accepted");
    } catch (const uiokit::Error& e) {
      CHECK(std::string(e.what()).find("2000..2099") != std::string::npos);
    }
    Alarm a;
    a.year = 1999;
    a.second = 5;
    CHECK(failure_of([&] { rtc.set_alarm(a); }) == Failure::year_out_of_range);
    CHECK(no_writes(dev));
  }
}

TEST_CASE("rtc s3c6410: years as the kernel counts them, 32-bit registers") {
  FakeDevice dev(0x100, "rtc");
  FakeTransport rtc_io(dev);
  Rtc rtc(rtc_io, Variant::s3c6410);
  CHECK(rtc.years().first == 2000);
  CHECK(rtc.years().last == 2099);
  CHECK(rtc.set_time({2026, 11, 22, 3, 40, 5}) == DateTime{2026, 11, 22, 3, 40, 5});
  CHECK(dev.peek(BCDYEAR, 4) == 0x026);  // the byte rtc-s3c writes: bin2bcd(tm_year - 100)
  CHECK(dev.peek(RTCCON, 4) == 0x1);
  CHECK(std::all_of(dev.log().begin(), dev.log().end(), [](const auto& a) { return a.width == 4; }));
  // QEMU's model counts from 1900 in three digits (tm_year 126 is 0x126); the kernel reads the
  // low byte only, and so does this driver: both see 2026.
  dev.poke(BCDYEAR, 4, 0x126);
  CHECK(rtc.read_time().year == 2026);
  dev.poke(BCDYEAR, 4, 0x099);
  CHECK(rtc.read_time().year == 2099);
  CHECK(rtc.set_time({2000, 2, 29, 0, 0, 0}).year == 2000);  // 2000 is a leap year
  CHECK(dev.peek(BCDYEAR, 4) == 0x000);
  dev.poke(BCDYEAR, 4, 0x1a6);
  CHECK(failure_of([&] { (void)rtc.read_time(); }) == Failure::bad_hardware);
}

TEST_CASE("rtc s3c6410: three-digit years from 1900 only when asked") {
  FakeDevice dev(0x100, "rtc");
  FakeTransport rtc_io(dev);
  Rtc rtc(rtc_io, Variant::s3c6410, Years::bcd3_1900_2899);
  CHECK(rtc.years().first == 1900);
  CHECK(rtc.years().last == 2899);
  CHECK(rtc.set_time({2026, 11, 22, 3, 40, 5}) == DateTime{2026, 11, 22, 3, 40, 5});
  CHECK(dev.peek(BCDYEAR, 4) == 0x126);  // tm_year, as QEMU's exynos4210 model keeps it
  CHECK(rtc.set_time({2100, 2, 28, 0, 0, 0}).year == 2100);
  CHECK(rtc.set_time({1900, 3, 1, 0, 0, 0}).year == 1900);
  CHECK(rtc.set_time({2899, 12, 31, 23, 59, 59}).year == 2899);
  CHECK(failure_of([&] { rtc.set_time({2900, 1, 1, 0, 0, 0}); }) == Failure::year_out_of_range);
  Alarm a;
  a.year = 2150;
  a.second = 7;
  rtc.set_alarm(a);
  CHECK(dev.peek(ALMYEAR, 4) == 0x250);
  CHECK(rtc.read_alarm().year == 2150);
}

TEST_CASE("rtc: a write the counters ignore is reported, not believed") {
  FakeDevice dev(0x100, "rtc");
  poke_time_2410(dev, 0x26, 0x01, 0x01, 0x00, 0x00, 0x10);
  for (auto off : {BCDSEC, BCDMIN, BCDHOUR, BCDDATE, BCDMON, BCDYEAR}) dev.read_only(off);
  FakeTransport rtc_io(dev);
  Rtc rtc(rtc_io, Variant::s3c2410);
  CHECK(failure_of([&] { rtc.set_time({2030, 6, 1, 12, 0, 0}); }) == Failure::bad_hardware);
}

TEST_CASE("rtc: alarm set, read back, refused without writes, cleared, INTP is write-1-to-clear") {
  FakeDevice dev(0x100, "rtc");
  dev.write_one_to_clear(INTP, 0x3);
  dev.poke(INTP, 4, 0x3);  // a stale alarm and a tick pending
  FakeTransport rtc_io(dev);
  Rtc rtc(rtc_io, Variant::s3c6410);
  Alarm a;
  a.second = 30;
  a.enabled = true;
  rtc.set_alarm(a);
  CHECK(dev.peek(RTCALM, 4) == 0x41);  // ALMEN and SECEN, as in the shared notes' QEMU run
  CHECK(dev.peek(ALMSEC, 4) == 0x30);
  CHECK(dev.peek(INTP, 4) == 0x1);     // stale alarm cleared, the tick left alone
  CHECK(rtc.read_alarm() == a);

  Alarm full{2027, 2, 28, 23, 59, 0, true};
  rtc.set_alarm(full);
  CHECK(dev.peek(RTCALM, 4) == 0x7f);
  CHECK(rtc.read_alarm() == full);

  dev.clear_log();
  for (Alarm bad : {Alarm{std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, 60, true},
                    Alarm{std::nullopt, 4, 31, std::nullopt, std::nullopt, std::nullopt, true},
                    Alarm{2027, 2, 29, std::nullopt, std::nullopt, std::nullopt, true},
                    Alarm{std::nullopt, std::nullopt, std::nullopt, 24, std::nullopt, std::nullopt, true}})
    CHECK(failure_of([&] { rtc.set_alarm(bad); }) == Failure::invalid_time);
  CHECK(failure_of([&] { rtc.set_alarm(Alarm{3000, 1, 1, 0, 0, 0, true}); }) == Failure::year_out_of_range);
  CHECK(no_writes(dev));

  dev.poke(INTP, 4, 0x2);
  CHECK(rtc.alarm_pending() == true);
  rtc.clear_alarm();
  CHECK(dev.peek(RTCALM, 4) == 0);
  CHECK(rtc.alarm_pending() == false);
  CHECK_FALSE(rtc.read_alarm().enabled);
}

TEST_CASE("rtc: tick settings per layout, refused rates write nothing") {
  FakeDevice d24(0x100, "rtc");
  FakeTransport r24_io(d24);
  Rtc r24(r24_io, Variant::s3c2410);
  auto s = r24.start_tick(8);
  CHECK(s.count == 15);
  CHECK(s.actual_hz == doctest::Approx(8.0));
  CHECK(d24.peek(TICNT, 1) == 0x8f);
  r24.stop_tick();
  CHECK(d24.peek(TICNT, 1) == 0x0f);
  CHECK_FALSE(r24.tick_pending().has_value());

  FakeDevice d64(0x100, "rtc");
  FakeTransport r64_io(d64);
  Rtc r64(r64_io, Variant::s3c6410);
  s = r64.start_tick(1);
  CHECK(d64.peek(TICNT, 4) == 0x8000);   // TICCNT: one tick per second at 32768 Hz
  CHECK(d64.peek(RTCCON, 4) == 0x101);   // CTLEN and TICEN, TICKSEL 0
  s = r64.start_tick(10);
  CHECK(s.count == 3277);                // the notes' 0.1 s
  r64.stop_tick();
  CHECK(d64.peek(RTCCON, 4) == 0x001);

  d24.clear_log();
  d64.clear_log();
  CHECK(failure_of([&] { (void)r24.start_tick(200); }) == Failure::invalid_argument);
  CHECK(failure_of([&] { (void)r24.start_tick(0.5); }) == Failure::invalid_argument);
  CHECK(failure_of([&] { (void)r64.start_tick(20000); }) == Failure::invalid_argument);
  CHECK(failure_of([&] { (void)r64.start_tick(0); }) == Failure::invalid_argument);
  CHECK(no_writes(d24));
  CHECK(no_writes(d64));
}
