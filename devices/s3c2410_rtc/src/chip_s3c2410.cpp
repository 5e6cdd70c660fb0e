// SPDX-License-Identifier: MIT
// The S3C2410/S3C2440 RTC (S3C2410X user's manual, chapter 17; Linux's "samsung,s3c2410-rtc"):
// byte registers, RTCEN, a two-digit year, the tick timer in TICNT, no pending register.
#include <cmath>

#include "chip.hpp"
#include "s3c2410_rtc/RTC.hpp"

namespace uiokit::s3c_rtc {

namespace {

class S3c2410 final : public CounterChip<S3c2410>, private s3c2410_rtc::RTC {
 public:
  explicit S3c2410(Transport& t) : rtc(reg::bind<block>(t)) {}

  Variant variant() const noexcept override { return Variant::s3c2410; }
  using Time = CounterRegisters<BCDSEC, BCDMIN, BCDHOUR, BCDDATE, BCDMON, BCDYEAR>;
  using Alarm = CounterRegisters<ALMSEC, ALMMIN, ALMHOUR, ALMDATE, ALMMON, ALMYEAR>;

  AlarmEnables alarm_enables() override {
    const auto v = rtc.read<RTCALM>();
    return {v.is_set<RTCALM::SECEN>(),  v.is_set<RTCALM::MINEN>(), v.is_set<RTCALM::HOUREN>(),
            v.is_set<RTCALM::DATEEN>(), v.is_set<RTCALM::MONEN>(), v.is_set<RTCALM::YEAREN>(),
            v.is_set<RTCALM::ALMEN>()};
  }
  void write_alarm_enables(const AlarmEnables& e) override {
    rtc.write<RTCALM>(RTCALM::SECEN{e.sec}, RTCALM::MINEN{e.min}, RTCALM::HOUREN{e.hour}, RTCALM::DATEEN{e.date},
                      RTCALM::MONEN{e.mon}, RTCALM::YEAREN{e.year}, RTCALM::ALMEN{e.all});
  }

  bool writes_enabled() override { return rtc.is_set<RTCCON::RTCEN>(); }
  void enable_writes() override {
    const auto con = rtc.read<RTCCON>();
    if (con.is_set<RTCCON::RTCEN>() && !con.is_set<RTCCON::CNTSEL>() && !con.is_set<RTCCON::CLKRST>()) return;
    rtc.modify(RTCCON::RTCEN{1}, RTCCON::CNTSEL{0}, RTCCON::CLKRST{0});
  }

  // The alarm and tick interrupts are pending in the SoC's interrupt controller (SRCPND).
  std::optional<bool> alarm_pending() override { return std::nullopt; }
  std::optional<bool> tick_pending() override { return std::nullopt; }
  void ack_alarm() override {}
  void ack_tick() override {}

  TickSetting start_tick(double hz) override {
    // A tick every (COUNT + 1) / 128 s, COUNT 0..127.
    if (!(hz >= 1.0 && hz <= 128.0))
      throw Error(Errc::invalid_argument, "tick rate",
                  "the S3C2410 tick runs at 128/(n+1) Hz, n 0..127: 1 to 128 Hz, not " + std::to_string(hz));
    const long n = std::lround(128.0 / hz) - 1;
    TickSetting s;
    s.requested_hz = hz;
    s.count = static_cast<std::uint32_t>(n < 0 ? 0 : n > 127 ? 127 : n);
    s.actual_hz = 128.0 / (s.count + 1);
    rtc.write<TICNT>(TICNT::COUNT{s.count}, TICNT::ENABLE{1});
    return s;
  }
  void stop_tick() override { rtc.write<TICNT::ENABLE>(0); }

 private:
  friend CounterChip<S3c2410>;
  reg::Bound<block, reg::TransportIo> rtc;
};

}  // namespace

std::unique_ptr<Chip> bind_s3c2410(Transport& t) { return std::make_unique<S3c2410>(t); }
std::size_t s3c2410_block_size() noexcept { return s3c2410_rtc::RTC::block::size; }

}  // namespace uiokit::s3c_rtc
