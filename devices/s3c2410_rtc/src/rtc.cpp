// SPDX-License-Identifier: MIT
// The driver logic, written once over the two register layouts (the Layout traits below) and
// instantiated for MMIO and the fake. Linux's drivers/rtc/rtc-s3c.c is the reference for the
// order of operations: s3c_rtc_read_time (minute..year then seconds, re-read if seconds are 0),
// s3c_rtc_write_time (counters written with the BCD values), s3c_rtc_setalarm (fields, then the
// enables), s3c24xx_rtc_enable (CTLEN set, CNTSEL and CLKRST cleared).
#include "uiokit/s3c2410_rtc/rtc.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "uiokit/fake/fake_device.hpp"
#include "uiokit/s3c2410_rtc/failure.hpp"

namespace uiokit::s3c_rtc {

namespace {

namespace r24 = regs::s3c2410;
namespace r64 = regs::s3c6410;

struct Layout2410 {
  using Block = r24::Block;
  using RTCCON = r24::RTCCON;
  using RTCALM = r24::RTCALM;
  using ALMSEC = r24::ALMSEC;
  using ALMMIN = r24::ALMMIN;
  using ALMHOUR = r24::ALMHOUR;
  using ALMDATE = r24::ALMDATE;
  using ALMMON = r24::ALMMON;
  using ALMYEAR = r24::ALMYEAR;
  using BCDSEC = r24::BCDSEC;
  using BCDMIN = r24::BCDMIN;
  using BCDHOUR = r24::BCDHOUR;
  using BCDDATE = r24::BCDDATE;
  using BCDMON = r24::BCDMON;
  using BCDYEAR = r24::BCDYEAR;
  static constexpr bool has_intp = false;
};

struct Layout6410 {
  using Block = r64::Block;
  using RTCCON = r64::RTCCON;
  using RTCALM = r64::RTCALM;
  using ALMSEC = r64::ALMSEC;
  using ALMMIN = r64::ALMMIN;
  using ALMHOUR = r64::ALMHOUR;
  using ALMDATE = r64::ALMDATE;
  using ALMMON = r64::ALMMON;
  using ALMYEAR = r64::ALMYEAR;
  using BCDSEC = r64::BCDSEC;
  using BCDMIN = r64::BCDMIN;
  using BCDHOUR = r64::BCDHOUR;
  using BCDDATE = r64::BCDDATE;
  using BCDMON = r64::BCDMON;
  using BCDYEAR = r64::BCDYEAR;
  static constexpr bool has_intp = true;
};

std::string two(int v) {
  char b[8];
  std::snprintf(b, sizeof b, "%02d", v);
  return b;
}

[[noreturn]] void hardware(std::string what) {
  throw Error(Errc::bad_hardware_value, "RTC", std::move(what) + " (garbage from the RTC, not a time)");
}

// One pass over the counters, raw, in rtc-s3c's order: seconds last.
template <class L>
struct RawTime {
  std::uint64_t min, hour, date, mon, year, sec;
};

template <class L, class Bound>
RawTime<L> read_raw(const Bound& b) {
  RawTime<L> t{};
  t.min = b.template read<typename L::BCDMIN>().template bits<typename L::BCDMIN::MIN>();
  t.hour = b.template read<typename L::BCDHOUR>().template bits<typename L::BCDHOUR::HOUR>();
  t.date = b.template read<typename L::BCDDATE>().template bits<typename L::BCDDATE::DATE>();
  t.mon = b.template read<typename L::BCDMON>().template bits<typename L::BCDMON::MON>();
  t.year = b.template read<typename L::BCDYEAR>().template bits<typename L::BCDYEAR::YEAR>();
  t.sec = b.template read<typename L::BCDSEC>().template bits<typename L::BCDSEC::SEC>();
  return t;
}

template <class L>
DateTime decode(const RawTime<L>& raw, const YearCoding& y) {
  // Field::decode throws bad_hardware_value naming the register for a digit above 9.
  DateTime t;
  t.second = static_cast<int>(L::BCDSEC::SEC::decode(raw.sec, "BCDSEC"));
  t.minute = static_cast<int>(L::BCDMIN::MIN::decode(raw.min, "BCDMIN"));
  t.hour = static_cast<int>(L::BCDHOUR::HOUR::decode(raw.hour, "BCDHOUR"));
  t.day = static_cast<int>(L::BCDDATE::DATE::decode(raw.date, "BCDDATE"));
  t.month = static_cast<int>(L::BCDMON::MON::decode(raw.mon, "BCDMON"));
  t.year = y.year(L::BCDYEAR::YEAR::decode(raw.year & y.digits_mask, "BCDYEAR"));
  if (auto why = invalid_reason(t); !why.empty())
    hardware("the counters read " + std::to_string(t.year) + "-" + two(t.month) + "-" + two(t.day) + " " +
             two(t.hour) + ":" + two(t.minute) + ":" + two(t.second) + ": " + why);
  return t;
}

// Everything a set_alarm needs, encoded before the first write.
struct AlarmPlan {
  std::uint64_t sec = 0, min = 0, hour = 0, date = 0, mon = 0, year = 0;
  bool secen = false, minen = false, houren = false, dateen = false, monen = false, yearen = false;
};

void check_field(const std::optional<int>& v, int lo, int hi, const char* what) {
  if (v && (*v < lo || *v > hi))
    throw_invalid_time(std::string("alarm ") + what + " " + std::to_string(*v) + " is not " + std::to_string(lo) +
                       ".." + std::to_string(hi));
}

template <class L>
AlarmPlan plan_alarm(const Alarm& a, Variant v, const YearCoding& y) {
  check_field(a.second, 0, 59, "second");
  check_field(a.minute, 0, 59, "minute");
  check_field(a.hour, 0, 23, "hour");
  check_field(a.day, 1, 31, "day");
  check_field(a.month, 1, 12, "month");
  if (a.year && (*a.year < y.range.first || *a.year > y.range.last))
    throw_year_out_of_range(*a.year, y.range.first, y.range.last, to_string(v));
  if (a.day && a.month) {  // a date that never comes would be an alarm that never fires
    const int year = a.year ? *a.year : 2000;  // without a year, allow 29 February
    if (*a.day > days_in_month(year, *a.month))
      throw_invalid_time("alarm date " + std::to_string(*a.day) + "/" + std::to_string(*a.month) +
                         (a.year ? "/" + std::to_string(*a.year) : std::string()) + " does not exist");
  }
  AlarmPlan p;
  if (a.second) p.sec = L::ALMSEC::SEC::encode(static_cast<std::uint32_t>(*a.second)), p.secen = true;
  if (a.minute) p.min = L::ALMMIN::MIN::encode(static_cast<std::uint32_t>(*a.minute)), p.minen = true;
  if (a.hour) p.hour = L::ALMHOUR::HOUR::encode(static_cast<std::uint32_t>(*a.hour)), p.houren = true;
  if (a.day) p.date = L::ALMDATE::DATE::encode(static_cast<std::uint32_t>(*a.day)), p.dateen = true;
  if (a.month) p.mon = L::ALMMON::MON::encode(static_cast<std::uint32_t>(*a.month)), p.monen = true;
  if (a.year) p.year = L::ALMYEAR::YEAR::encode(y.digits(*a.year)), p.yearen = true;
  return p;
}

// The per-layout operations. Bound is reg::Bound<L::Block, Io>.
template <class L, class Bound>
struct Chip {
  Bound& b;
  const YearCoding& y;

  template <class R, class F>
  int get() {
    return static_cast<int>(b.template read<R>().template get<F>());  // BCD checked, register named
  }

  template <class R>
  void put(std::uint64_t raw) {
    b.template write_raw<R>(static_cast<typename R::word>(raw));
  }

  bool writes_enabled() { return b.template read<typename L::RTCCON>().template is_set<typename L::RTCCON::CTLEN>(); }

  void enable_writes() {
    using C = typename L::RTCCON;
    const auto v = b.template read<C>();
    if (v.template is_set<typename C::CTLEN>() && !v.template is_set<typename C::CNTSEL>() &&
        !v.template is_set<typename C::CLKRST>())
      return;  // already so: no write (on QEMU a CTLEN 1 -> 1 write is harmless, but none is cleaner)
    b.template modify<C>(typename C::CTLEN{1}, typename C::CNTSEL{0}, typename C::CLKRST{0});
  }

  void write_time(const DateTime& t) {
    // Encode everything first: nothing below can throw once the writes start.
    const std::uint64_t sec = L::BCDSEC::SEC::encode(static_cast<std::uint32_t>(t.second));
    const std::uint64_t min = L::BCDMIN::MIN::encode(static_cast<std::uint32_t>(t.minute));
    const std::uint64_t hour = L::BCDHOUR::HOUR::encode(static_cast<std::uint32_t>(t.hour));
    const std::uint64_t date = L::BCDDATE::DATE::encode(static_cast<std::uint32_t>(t.day));
    const std::uint64_t mon = L::BCDMON::MON::encode(static_cast<std::uint32_t>(t.month));
    const std::uint64_t year = L::BCDYEAR::YEAR::encode(y.digits(t.year));
    enable_writes();
    // Seconds to 0 first: the counters cannot carry into the minute while we write the rest
    // (59 seconds of margin), so no field we write is bumped by a carry of the old seconds.
    put<typename L::BCDSEC>(0);
    put<typename L::BCDYEAR>(year);
    put<typename L::BCDMON>(mon);
    put<typename L::BCDDATE>(date);
    put<typename L::BCDHOUR>(hour);
    put<typename L::BCDMIN>(min);
    put<typename L::BCDSEC>(sec);
  }

  Alarm read_alarm() {
    using A = typename L::RTCALM;
    const auto en = b.template read<A>();
    Alarm a;
    a.enabled = en.template is_set<typename A::ALMEN>();
    if (en.template is_set<typename A::SECEN>()) a.second = get<typename L::ALMSEC, typename L::ALMSEC::SEC>();
    if (en.template is_set<typename A::MINEN>()) a.minute = get<typename L::ALMMIN, typename L::ALMMIN::MIN>();
    if (en.template is_set<typename A::HOUREN>()) a.hour = get<typename L::ALMHOUR, typename L::ALMHOUR::HOUR>();
    if (en.template is_set<typename A::DATEEN>()) a.day = get<typename L::ALMDATE, typename L::ALMDATE::DATE>();
    if (en.template is_set<typename A::MONEN>()) a.month = get<typename L::ALMMON, typename L::ALMMON::MON>();
    if (en.template is_set<typename A::YEAREN>())
      a.year = y.year(L::ALMYEAR::YEAR::decode(
          b.template read<typename L::ALMYEAR>().template bits<typename L::ALMYEAR::YEAR>() & y.digits_mask, "ALMYEAR"));
    const auto bad = [](const std::optional<int>& v, int lo, int hi) { return v && (*v < lo || *v > hi); };
    if (bad(a.second, 0, 59) || bad(a.minute, 0, 59) || bad(a.hour, 0, 23) || bad(a.day, 1, 31) || bad(a.month, 1, 12))
      hardware("the alarm registers hold an impossible time");
    return a;
  }

  void write_alarm(const AlarmPlan& p, bool enabled) {
    using A = typename L::RTCALM;
    b.template write<A>();  // ALMEN 0 while the fields change: no match on a half-written alarm
    put<typename L::ALMSEC>(p.sec);
    put<typename L::ALMMIN>(p.min);
    put<typename L::ALMHOUR>(p.hour);
    put<typename L::ALMDATE>(p.date);
    put<typename L::ALMMON>(p.mon);
    put<typename L::ALMYEAR>(p.year);
    if constexpr (L::has_intp) b.template write<r64::INTP>(r64::INTP::ALM{1});  // a stale alarm would fire at once
    b.template write<A>(typename A::SECEN{p.secen}, typename A::MINEN{p.minen}, typename A::HOUREN{p.houren},
                        typename A::DATEEN{p.dateen}, typename A::MONEN{p.monen}, typename A::YEAREN{p.yearen},
                        typename A::ALMEN{enabled});
  }
};

template <class L, class Bound>
Chip<L, Bound> chip(Bound& b, const YearCoding& y) {
  return Chip<L, Bound>{b, y};
}

}  // namespace

// ---- variants --------------------------------------------------------------------------------

std::string_view to_string(Variant v) noexcept { return v == Variant::s3c2410 ? "s3c2410" : "s3c6410"; }

std::optional<Variant> parse_variant(std::string_view t) noexcept {
  if (t == "s3c2410" || t == "s3c2440" || t == "samsung,s3c2410-rtc") return Variant::s3c2410;
  if (t == "s3c6410" || t == "exynos" || t == "exynos4210" || t == "samsung,s3c6410-rtc" ||
      t == "samsung,exynos3250-rtc")
    return Variant::s3c6410;
  return std::nullopt;
}

std::size_t block_size(Variant v) noexcept {
  return v == Variant::s3c2410 ? r24::Block::size : r64::Block::size;
}

YearCoding year_coding(Variant v, Years years) noexcept {
  // rtc-s3c reads and writes the year as one byte: tm_year = bcd2bin(readb(RTCYEAR)) + 100.
  // QEMU's exynos4210 model counts BCD3DIGITS(tm_year) in 12 bits; a kernel reading the low
  // byte sees 2000 plus the last two digits whatever the hundreds digit holds.
  if (v == Variant::s3c6410 && years == Years::bcd3_1900_2899) return {{1900, 2899}, 1900, 0xfff};
  return {{2000, 2099}, 2000, 0xff};
}

YearRange year_range(Variant v, Years years) noexcept { return year_coding(v, years).range; }

// ---- Rtc<Io> ---------------------------------------------------------------------------------

template <class Io>
Rtc<Io>::Rtc(Io io, Variant variant, Years years)
    : variant_(variant), years_(year_coding(variant, years)), r2410_(io), r6410_(io) {}

template <class Io>
DateTime Rtc<Io>::read_time() {
  auto run = [&](auto layout, auto& b) {
    using L = decltype(layout);
    RawTime<L> raw{};
    unsigned pass = 0;
    do {
      raw = read_raw<L>(b);
      ++pass;
    } while (raw.sec == 0 && pass < max_passes);
    last_passes_ = pass;
    return decode<L>(raw, years_);
  };
  return variant_ == Variant::s3c2410 ? run(Layout2410{}, r2410_) : run(Layout6410{}, r6410_);
}

template <class Io>
void Rtc<Io>::validate(const DateTime& t) const {
  if (auto why = invalid_reason(t); !why.empty()) throw_invalid_time(why);
  const auto range = years();
  if (t.year < range.first || t.year > range.last)
    throw_year_out_of_range(t.year, range.first, range.last, to_string(variant_));
}

template <class Io>
DateTime Rtc<Io>::set_time(const DateTime& t) {
  validate(t);
  if (variant_ == Variant::s3c2410)
    chip<Layout2410>(r2410_, years_).write_time(t);
  else
    chip<Layout6410>(r6410_, years_).write_time(t);
  const DateTime back = read_time();
  // The clock may have carried once or twice between the last write and the read-back.
  const auto drift = to_unix(back) - to_unix(t);
  if (drift < 0 || drift > 2) {
    const bool ctlen = writes_enabled();
    throw Error(Errc::bad_hardware_value, "RTC",
                "wrote " + std::to_string(t.year) + "-" + two(t.month) + "-" + two(t.day) + " " + two(t.hour) + ":" +
                    two(t.minute) + ":" + two(t.second) + " but read back " + std::to_string(back.year) + "-" +
                    two(back.month) + "-" + two(back.day) + " " + two(back.hour) + ":" + two(back.minute) + ":" +
                    two(back.second),
                {}, 0, ctlen ? "the counters ignored the write" : "RTCCON.CTLEN did not stay set");
  }
  return back;
}

template <class Io>
bool Rtc<Io>::writes_enabled() {
  return variant_ == Variant::s3c2410 ? chip<Layout2410>(r2410_, years_).writes_enabled()
                                      : chip<Layout6410>(r6410_, years_).writes_enabled();
}

template <class Io>
Alarm Rtc<Io>::read_alarm() {
  return variant_ == Variant::s3c2410 ? chip<Layout2410>(r2410_, years_).read_alarm() : chip<Layout6410>(r6410_, years_).read_alarm();
}

template <class Io>
void Rtc<Io>::set_alarm(const Alarm& a) {
  if (variant_ == Variant::s3c2410)
    chip<Layout2410>(r2410_, years_).write_alarm(plan_alarm<Layout2410>(a, variant_, years_), a.enabled);
  else
    chip<Layout6410>(r6410_, years_).write_alarm(plan_alarm<Layout6410>(a, variant_, years_), a.enabled);
}

template <class Io>
void Rtc<Io>::enable_alarm(bool on) {
  if (variant_ == Variant::s3c2410)
    r2410_.template modify<r24::RTCALM>(r24::RTCALM::ALMEN{on});
  else
    r6410_.template modify<r64::RTCALM>(r64::RTCALM::ALMEN{on});
}

template <class Io>
void Rtc<Io>::clear_alarm() {
  if (variant_ == Variant::s3c2410) {
    r2410_.template write<r24::RTCALM>();
  } else {
    r6410_.template write<r64::RTCALM>();
    ack_alarm();
  }
}

template <class Io>
std::optional<bool> Rtc<Io>::alarm_pending() {
  if (variant_ == Variant::s3c2410) return std::nullopt;
  return r6410_.template read<r64::INTP>().template is_set<r64::INTP::ALM>();
}

template <class Io>
std::optional<bool> Rtc<Io>::tick_pending() {
  if (variant_ == Variant::s3c2410) return std::nullopt;
  return r6410_.template read<r64::INTP>().template is_set<r64::INTP::TIC>();
}

template <class Io>
void Rtc<Io>::ack_alarm() {
  if (variant_ == Variant::s3c6410) r6410_.template write<r64::INTP>(r64::INTP::ALM{1});
}

template <class Io>
void Rtc<Io>::ack_tick() {
  if (variant_ == Variant::s3c6410) r6410_.template write<r64::INTP>(r64::INTP::TIC{1});
}

template <class Io>
TickSetting Rtc<Io>::start_tick(double hz) {
  TickSetting s;
  s.requested_hz = hz;
  if (variant_ == Variant::s3c2410) {
    // S3C2410 manual: tick period (n + 1) / 128 s, n = TICNT[6:0].
    if (!(hz >= 1.0 && hz <= 128.0))
      throw Error(Errc::invalid_argument, "tick rate",
                  "the S3C2410 tick runs at 128/(n+1) Hz, n 0..127: 1 to 128 Hz, not " + std::to_string(hz));
    const long n = std::lround(128.0 / hz) - 1;
    s.count = static_cast<std::uint32_t>(n < 0 ? 0 : n > 127 ? 127 : n);
    s.actual_hz = 128.0 / (s.count + 1);
    r2410_.template write<r24::TICNT>(r24::TICNT::COUNT{s.count}, r24::TICNT::ENABLE{1});
    return s;
  }
  // S3C6410/Exynos: TICKSEL 0 gives a 32768 Hz tick clock; the timer counts TICCNT cycles.
  // QEMU's model ignores counts of 2 or less (TICNT_THRESHOLD), so at most 32768/3 Hz.
  if (!(hz > 0.0 && hz <= 32768.0 / 3))
    throw Error(Errc::invalid_argument, "tick rate",
                "the S3C6410 tick runs at 32768/count Hz, count 3 or more: up to 10922 Hz, not " + std::to_string(hz));
  const double count = std::round(32768.0 / hz);
  if (count > 4294967295.0) throw Error(Errc::invalid_argument, "tick rate", "too slow for the 32-bit TICCNT");
  s.count = static_cast<std::uint32_t>(count);
  s.actual_hz = 32768.0 / s.count;
  using C = r64::RTCCON;
  // TICEN 0 first: QEMU's model (re)starts the tick timer on a TICEN 0 -> 1 edge with TICCNT
  // already written. CTLEN set too: QEMU runs no timer while it is 0 (see the README).
  r6410_.template modify<C>(C::TICEN{0});
  r6410_.template write_raw<r64::TICCNT>(s.count);
  ack_tick();
  r6410_.template modify<C>(C::CTLEN{1}, C::TICKSEL{0}, C::TICEN{1});
  return s;
}

template <class Io>
void Rtc<Io>::stop_tick() {
  if (variant_ == Variant::s3c2410) {
    r2410_.template modify<r24::TICNT>(r24::TICNT::ENABLE{0});
  } else {
    r6410_.template modify<r64::RTCCON>(r64::RTCCON::TICEN{0});
    ack_tick();
  }
}

Rtc<reg::MmioIo> bind_rtc(const Region& region, Variant variant, Years years) {
  if (variant == Variant::s3c2410) {
    if (years != Years::linux_2000_2099)
      throw Error(Errc::invalid_argument, "RTC", "the S3C2410's year register holds two digits: 2000..2099 only");
    return Rtc<reg::MmioIo>(r24::Block::bind(region).io(), variant, years);
  }
  return Rtc<reg::MmioIo>(r64::Block::bind(region).io(), variant, years);
}

template class Rtc<reg::MmioIo>;
template class Rtc<fake::FakeIo>;

}  // namespace uiokit::s3c_rtc
