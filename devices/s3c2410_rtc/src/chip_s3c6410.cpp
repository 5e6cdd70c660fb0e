// SPDX-License-Identifier: MIT
// The S3C6410 and Exynos RTC (Linux's "samsung,s3c6410-rtc"; QEMU's exynos4210 model):
// 32-bit registers, CTLEN, INTP (write 1 to clear), the tick timer driven from RTCCON
// (TICCKSEL, TICEN) with a 32-bit count in TICCNT, and a three-digit year on Exynos4210.
#include <cmath>

#include "chip.hpp"
#include "s3c6410_rtc/RTC.hpp"

namespace uiokit::s3c_rtc {

namespace {

class S3c6410 final : public CounterChip<S3c6410>, private s3c6410_rtc::RTC {
 public:
  explicit S3c6410(Transport& t) : rtc(reg::bind<block>(t)) {}

  Variant variant() const noexcept override { return Variant::s3c6410; }
  using Time = CounterRegisters<BCDSEC, BCDMIN, BCDHOUR, BCDDAY, BCDMON, BCDYEAR>;
  using Alarm = CounterRegisters<ALMSEC, ALMMIN, ALMHOUR, ALMDAY, ALMMON, ALMYEAR>;

  AlarmEnables alarm_enables() override {
    const auto v = rtc.read<RTCALM>();
    return {v.is_set<RTCALM::SECEN>(), v.is_set<RTCALM::MINEN>(), v.is_set<RTCALM::HOUREN>(),
            v.is_set<RTCALM::DAYEN>(), v.is_set<RTCALM::MONEN>(), v.is_set<RTCALM::YEAREN>(),
            v.is_set<RTCALM::ALMEN>()};
  }
  void write_alarm_enables(const AlarmEnables& e) override {
    rtc.write<RTCALM>(RTCALM::SECEN{e.sec}, RTCALM::MINEN{e.min}, RTCALM::HOUREN{e.hour}, RTCALM::DAYEN{e.date},
                      RTCALM::MONEN{e.mon}, RTCALM::YEAREN{e.year}, RTCALM::ALMEN{e.all});
  }

  bool writes_enabled() override { return rtc.is_set<RTCCON::CTLEN>(); }
  void enable_writes() override {
    const auto con = rtc.read<RTCCON>();
    if (con.is_set<RTCCON::CTLEN>() && !con.is_set<RTCCON::CNTSEL>() && !con.is_set<RTCCON::CLKRST>()) return;
    rtc.modify(RTCCON::CTLEN{1}, RTCCON::CNTSEL{0}, RTCCON::CLKRST{0});
  }

  std::optional<bool> alarm_pending() override { return rtc.is_set<INTP::ALM>(); }
  std::optional<bool> tick_pending() override { return rtc.is_set<INTP::TIC>(); }
  void ack_alarm() override { rtc.write(INTP::ALM{1}); }
  void ack_tick() override { rtc.write(INTP::TIC{1}); }

  TickSetting start_tick(double hz) override {
    // TICCKSEL hz32768: the timer counts TICCNT cycles of 32768 Hz. QEMU's model ignores counts
    // of 2 or less (TICNT_THRESHOLD), so at most 32768/3 Hz.
    if (!(hz > 0.0 && hz <= 32768.0 / 3))
      throw Error(Errc::invalid_argument, "tick rate",
                  "the S3C6410 tick runs at 32768/count Hz, count 3 or more: up to 10922 Hz, not " +
                      std::to_string(hz));
    const double count = std::round(32768.0 / hz);
    if (count > 4294967295.0) throw Error(Errc::invalid_argument, "tick rate", "too slow for the 32-bit TICCNT");
    TickSetting s;
    s.requested_hz = hz;
    s.count = static_cast<std::uint32_t>(count);
    s.actual_hz = 32768.0 / s.count;
    // TICEN 0 first: QEMU's model (re)starts the tick timer on a TICEN 0 -> 1 edge with TICCNT
    // already written. CTLEN set too: QEMU runs no timer while it is 0 (see the README).
    rtc.write<RTCCON::TICEN>(0);
    rtc.write<TICCNT>(TICCNT::TICK_TIME_COUNT{s.count});
    ack_tick();
    rtc.modify(RTCCON::CTLEN{1}, RTCCON::TICCKSEL{RTCCON::TICCKSEL_values::hz32768}, RTCCON::TICEN{1});
    return s;
  }
  void stop_tick() override {
    rtc.write<RTCCON::TICEN>(0);
    ack_tick();
  }

 private:
  friend CounterChip<S3c6410>;
  reg::Bound<block, reg::TransportIo> rtc;
};

}  // namespace

std::unique_ptr<Chip> bind_s3c6410(Transport& t) { return std::make_unique<S3c6410>(t); }
std::size_t s3c6410_block_size() noexcept { return s3c6410_rtc::RTC::block::size; }

}  // namespace uiokit::s3c_rtc
