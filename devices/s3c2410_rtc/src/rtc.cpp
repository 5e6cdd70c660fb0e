// SPDX-License-Identifier: MIT
// The driver logic, written once over the variant's Chip (chip.hpp). Linux's
// drivers/rtc/rtc-s3c.c is the reference for the order of operations: s3c_rtc_gettime (minute
// up to year, then seconds; read again if the seconds are 0), s3c_rtc_settime (the counters
// written with BCD values), s3c_rtc_setalarm (the fields, then the enables), s3c24xx_rtc_enable
// (CTLEN set, CNTSEL and CLKRST cleared).
#include "uiokit/s3c2410_rtc/rtc.hpp"

#include <array>
#include <cstdio>
#include <string>

#include "chip.hpp"
#include "uiokit/reg/bcd.hpp"
#include "uiokit/rtc/failure.hpp"

namespace uiokit::s3c_rtc {

namespace {

std::string two(int v) {
  char b[8];
  std::snprintf(b, sizeof b, "%02d", v);
  return b;
}

std::string text(const DateTime& t) {
  return std::to_string(t.year) + "-" + two(t.month) + "-" + two(t.day) + " " + two(t.hour) + ":" + two(t.minute) +
         ":" + two(t.second);
}

[[noreturn]] void hardware(std::string what) {
  throw Error(Errc::bad_hardware_value, "RTC", std::move(what) + " (garbage from the RTC, not a time)");
}

// The counters in rtc-s3c's order: seconds last, so that a carry during the pass shows as 0.
constexpr std::array<Counter, 6> read_order{Counter::min, Counter::hour, Counter::date,
                                            Counter::mon, Counter::year, Counter::sec};

struct Raw {
  std::array<std::uint32_t, 6> v{};
  std::uint32_t& operator[](Counter c) { return v[static_cast<std::size_t>(c)]; }
  std::uint32_t operator[](Counter c) const { return v[static_cast<std::size_t>(c)]; }
};

// A counter's BCD digits as a number; a digit above 9 throws bad_hardware_value naming the
// register. The year's digits beyond the counting in use are not the year's (digits_mask).
int decimal(const Chip& chip, Counter c, std::uint32_t bcd, const YearCoding& y, bool alarm = false) {
  if (c == Counter::year) return y.year(reg::from_bcd(bcd & y.digits_mask, chip.bits(c), chip.name(c, alarm)));
  return static_cast<int>(reg::from_bcd(bcd, chip.bits(c), chip.name(c, alarm)));
}

std::uint32_t bcd(const Chip& chip, Counter c, int value, const YearCoding& y, bool alarm = false) {
  const auto v = static_cast<std::uint64_t>(c == Counter::year ? static_cast<int>(y.digits(value)) : value);
  return static_cast<std::uint32_t>(reg::to_bcd(v, chip.bits(c), chip.name(c, alarm)));
}

void check_field(const std::optional<int>& v, int lo, int hi, const char* what) {
  if (v && (*v < lo || *v > hi))
    throw_invalid_time(std::string("alarm ") + what + " " + std::to_string(*v) + " is not " + std::to_string(lo) +
                       ".." + std::to_string(hi));
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
  return v == Variant::s3c2410 ? s3c2410_block_size() : s3c6410_block_size();
}

YearCoding year_coding(Variant v, Years years) noexcept {
  // rtc-s3c reads and writes the year as one byte: tm_year = bcd2bin(readb(RTCYEAR)) + 100.
  // QEMU's exynos4210 model counts BCD3DIGITS(tm_year) in 12 bits; a kernel reading the low
  // byte sees 2000 plus the last two digits whatever the hundreds digit holds.
  if (v == Variant::s3c6410 && years == Years::bcd3_1900_2899) return {{1900, 2899}, 1900, 0xfff};
  return {{2000, 2099}, 2000, 0xff};
}

YearRange year_range(Variant v, Years years) noexcept { return year_coding(v, years).range; }

// ---- Rtc -------------------------------------------------------------------------------------

Rtc::Rtc(Transport& t, Variant variant, Years years) : years_(year_coding(variant, years)) {
  if (variant == Variant::s3c2410 && years != Years::linux_2000_2099)
    throw Error(Errc::invalid_argument, "RTC", "the S3C2410's year register holds two digits: 2000..2099 only");
  chip_ = variant == Variant::s3c2410 ? bind_s3c2410(t) : bind_s3c6410(t);
}

Rtc::Rtc(Rtc&&) noexcept = default;
Rtc& Rtc::operator=(Rtc&&) noexcept = default;
Rtc::~Rtc() = default;

Variant Rtc::variant() const noexcept { return chip_->variant(); }

DateTime Rtc::read_time() {
  Raw raw;
  unsigned pass = 0;
  do {
    for (Counter c : read_order) raw[c] = chip_->read(c);
    ++pass;
  } while (raw[Counter::sec] == 0 && pass < max_passes);
  last_passes_ = pass;
  DateTime t;
  t.second = decimal(*chip_, Counter::sec, raw[Counter::sec], years_);
  t.minute = decimal(*chip_, Counter::min, raw[Counter::min], years_);
  t.hour = decimal(*chip_, Counter::hour, raw[Counter::hour], years_);
  t.day = decimal(*chip_, Counter::date, raw[Counter::date], years_);
  t.month = decimal(*chip_, Counter::mon, raw[Counter::mon], years_);
  t.year = decimal(*chip_, Counter::year, raw[Counter::year], years_);
  if (auto why = invalid_reason(t); !why.empty()) hardware("the counters read " + text(t) + ": " + why);
  return t;
}

void Rtc::validate(const DateTime& t) const {
  if (auto why = invalid_reason(t); !why.empty()) throw_invalid_time(why);
  const auto range = years();
  if (t.year < range.first || t.year > range.last)
    throw_year_out_of_range(t.year, range.first, range.last, to_string(variant()));
}

DateTime Rtc::set_time(const DateTime& t) {
  validate(t);
  // Encode everything first: nothing below can throw once the writes start.
  Raw raw;
  raw[Counter::sec] = bcd(*chip_, Counter::sec, t.second, years_);
  raw[Counter::min] = bcd(*chip_, Counter::min, t.minute, years_);
  raw[Counter::hour] = bcd(*chip_, Counter::hour, t.hour, years_);
  raw[Counter::date] = bcd(*chip_, Counter::date, t.day, years_);
  raw[Counter::mon] = bcd(*chip_, Counter::mon, t.month, years_);
  raw[Counter::year] = bcd(*chip_, Counter::year, t.year, years_);
  chip_->enable_writes();
  // Seconds to 0 first: the counters cannot carry into the minute while we write the rest
  // (59 seconds of margin), so no field we write is bumped by a carry of the old seconds.
  chip_->write(Counter::sec, 0);
  for (Counter c : {Counter::year, Counter::mon, Counter::date, Counter::hour, Counter::min, Counter::sec})
    chip_->write(c, raw[c]);
  const DateTime back = read_time();
  // The clock may have carried once or twice between the last write and the read-back.
  const auto drift = to_unix(back) - to_unix(t);
  if (drift < 0 || drift > 2)
    throw Error(Errc::bad_hardware_value, "RTC", "wrote " + text(t) + " but read back " + text(back), {}, 0,
                writes_enabled() ? "the counters ignored the write" : "RTCCON.CTLEN did not stay set");
  return back;
}

bool Rtc::writes_enabled() { return chip_->writes_enabled(); }

Alarm Rtc::read_alarm() {
  const AlarmEnables en = chip_->alarm_enables();
  Alarm a;
  a.enabled = en.all;
  const auto field = [&](bool on, Counter c) -> std::optional<int> {
    if (!on) return std::nullopt;
    return decimal(*chip_, c, chip_->read_alarm(c), years_, true);
  };
  a.second = field(en.sec, Counter::sec);
  a.minute = field(en.min, Counter::min);
  a.hour = field(en.hour, Counter::hour);
  a.day = field(en.date, Counter::date);
  a.month = field(en.mon, Counter::mon);
  a.year = field(en.year, Counter::year);
  const auto bad = [](const std::optional<int>& v, int lo, int hi) { return v && (*v < lo || *v > hi); };
  if (bad(a.second, 0, 59) || bad(a.minute, 0, 59) || bad(a.hour, 0, 23) || bad(a.day, 1, 31) || bad(a.month, 1, 12))
    hardware("the alarm registers hold an impossible time");
  return a;
}

void Rtc::set_alarm(const Alarm& a) {
  check_field(a.second, 0, 59, "second");
  check_field(a.minute, 0, 59, "minute");
  check_field(a.hour, 0, 23, "hour");
  check_field(a.day, 1, 31, "day");
  check_field(a.month, 1, 12, "month");
  if (a.year && (*a.year < years_.range.first || *a.year > years_.range.last))
    throw_year_out_of_range(*a.year, years_.range.first, years_.range.last, to_string(variant()));
  if (a.day && a.month) {  // a date that never comes would be an alarm that never fires
    const int year = a.year ? *a.year : 2000;  // without a year, allow 29 February
    if (*a.day > days_in_month(year, *a.month))
      throw_invalid_time("alarm date " + std::to_string(*a.day) + "/" + std::to_string(*a.month) +
                         (a.year ? "/" + std::to_string(*a.year) : std::string()) + " does not exist");
  }
  // Encoded before the first write, as set_time.
  Raw raw;
  const auto put = [&](const std::optional<int>& v, Counter c) {
    if (!v) return false;
    raw[c] = bcd(*chip_, c, *v, years_, true);
    return true;
  };
  AlarmEnables en;
  en.sec = put(a.second, Counter::sec);
  en.min = put(a.minute, Counter::min);
  en.hour = put(a.hour, Counter::hour);
  en.date = put(a.day, Counter::date);
  en.mon = put(a.month, Counter::mon);
  en.year = put(a.year, Counter::year);
  en.all = a.enabled;
  chip_->write_alarm_enables({});  // ALMEN 0 while the fields change: no match on a half-written alarm
  for (Counter c : {Counter::sec, Counter::min, Counter::hour, Counter::date, Counter::mon, Counter::year})
    chip_->write_alarm(c, raw[c]);
  chip_->ack_alarm();  // a stale alarm would fire at once
  chip_->write_alarm_enables(en);
}

void Rtc::enable_alarm(bool on) {
  AlarmEnables en = chip_->alarm_enables();
  en.all = on;
  chip_->write_alarm_enables(en);
}

void Rtc::clear_alarm() {
  chip_->write_alarm_enables({});
  chip_->ack_alarm();
}

std::optional<bool> Rtc::alarm_pending() { return chip_->alarm_pending(); }
std::optional<bool> Rtc::tick_pending() { return chip_->tick_pending(); }
void Rtc::ack_alarm() { chip_->ack_alarm(); }
void Rtc::ack_tick() { chip_->ack_tick(); }
TickSetting Rtc::start_tick(double hz) { return chip_->start_tick(hz); }
void Rtc::stop_tick() { chip_->stop_tick(); }

}  // namespace uiokit::s3c_rtc
