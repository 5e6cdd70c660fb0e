// SPDX-License-Identifier: MIT
// Chip: one S3C RTC variant's registers, behind the operations the driver logic needs.
//
// The driver (rtc.cpp) is Linux's rtc-s3c.c logic: the order of reads and writes, the re-read
// rule, BCD, calendar and range checks. What differs between the parts is here, chosen once at
// bind as rtc-s3c.c chooses its s3c_rtc_data: the register blocks generated from each part's
// SVD file (s3c2410-rtc.svd: byte registers, TICNT tick, no pending register; s3c-rtc.svd: the
// S3C6410/Exynos 32-bit registers, INTP, TICEN/TICCNT tick, a three-digit year), the names the
// datasheets give them, and the tick timer, which works differently on each.
//
// A chip moves field values only (the BCD digits as the registers hold them); it checks
// nothing, so that everything checkable is checked before the first write.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <optional>

#include "uiokit/s3c2410_rtc/rtc.hpp"
#include "uiokit/transport.hpp"

namespace uiokit::s3c_rtc {

// The counters, and the alarm registers that mirror them.
enum class Counter { sec, min, hour, date, mon, year };

// RTCALM: which alarm fields are compared, and the global enable.
struct AlarmEnables {
  bool sec = false, min = false, hour = false, date = false, mon = false, year = false;
  bool all = false;  // ALMEN
};

class Chip {
 public:
  virtual ~Chip() = default;

  virtual Variant variant() const noexcept = 0;
  // Bits of the counter's field (BCDYEAR: 8 for two digits, 12 for three), and the name of its
  // register or of the alarm's, for messages.
  virtual unsigned bits(Counter c) const noexcept = 0;
  virtual std::string_view name(Counter c, bool alarm) const noexcept = 0;

  virtual std::uint32_t read(Counter c) = 0;
  virtual void write(Counter c, std::uint32_t bcd) = 0;
  virtual std::uint32_t read_alarm(Counter c) = 0;
  virtual void write_alarm(Counter c, std::uint32_t bcd) = 0;
  virtual AlarmEnables alarm_enables() = 0;
  virtual void write_alarm_enables(const AlarmEnables& e) = 0;

  // RTCCON: RTCEN/CTLEN (counters writable), and the bits rtc-s3c clears with it.
  virtual bool writes_enabled() = 0;
  virtual void enable_writes() = 0;

  // INTP: nullopt where the part has none (S3C2410).
  virtual std::optional<bool> alarm_pending() = 0;
  virtual std::optional<bool> tick_pending() = 0;
  virtual void ack_alarm() = 0;
  virtual void ack_tick() = 0;

  // The tick timer as close to `hz` as the part's divider allows; throws invalid_argument
  // outside what it can do, before writing anything.
  virtual TickSetting start_tick(double hz) = 0;
  virtual void stop_tick() = 0;
};

// The registers that hold the counters, or the alarm's copies of them, in Counter order, each
// with one field (SECDATA...): a variant names them once, with its datasheet's names, and
// reaches them by Counter. (The alarm registers derive from the counters in the SVD files, so
// a field type alone does not say which register: the register is always named.)
template <class Sec, class Min, class Hour, class Date, class Mon, class Year>
struct CounterRegisters {
  static constexpr std::array<unsigned, 6> bits{reg::only_field_t<Sec>::width,  reg::only_field_t<Min>::width,
                                                reg::only_field_t<Hour>::width, reg::only_field_t<Date>::width,
                                                reg::only_field_t<Mon>::width,  reg::only_field_t<Year>::width};
  static constexpr std::array<std::string_view, 6> names{Sec::name, Min::name, Hour::name,
                                                         Date::name, Mon::name, Year::name};

  template <class Bound>
  static std::uint32_t read(const Bound& b, Counter c) {
    switch (c) {
      case Counter::sec: return get<Sec>(b);
      case Counter::min: return get<Min>(b);
      case Counter::hour: return get<Hour>(b);
      case Counter::date: return get<Date>(b);
      case Counter::mon: return get<Mon>(b);
      case Counter::year: return get<Year>(b);
    }
    return 0;
  }
  // The whole register: the field, and the reset value in the unnamed bits (as rtc-s3c's writeb).
  template <class Bound>
  static void write(Bound& b, Counter c, std::uint32_t bcd) {
    switch (c) {
      case Counter::sec: return put<Sec>(b, bcd);
      case Counter::min: return put<Min>(b, bcd);
      case Counter::hour: return put<Hour>(b, bcd);
      case Counter::date: return put<Date>(b, bcd);
      case Counter::mon: return put<Mon>(b, bcd);
      case Counter::year: return put<Year>(b, bcd);
    }
  }

 private:
  template <class R, class Bound>
  static std::uint32_t get(const Bound& b) {
    using F = reg::only_field_t<R>;
    return static_cast<std::uint32_t>((reg::read<R>(b).raw() & F::mask) >> F::lsb);
  }
  template <class R, class Bound>
  static void put(Bound& b, std::uint32_t bcd) {
    reg::write<R>(b, reg::only_field_t<R>{bcd});
  }
};

// The counter operations of a chip D that names its Time and Alarm (CounterRegisters)
// and binds its block as `rtc`.
template <class D>
class CounterChip : public Chip {
 public:
  unsigned bits(Counter c) const noexcept override { return D::Time::bits[index(c)]; }
  std::string_view name(Counter c, bool alarm) const noexcept override {
    return alarm ? D::Alarm::names[index(c)] : D::Time::names[index(c)];
  }
  std::uint32_t read(Counter c) override { return D::Time::read(self().rtc, c); }
  void write(Counter c, std::uint32_t bcd) override { D::Time::write(self().rtc, c, bcd); }
  std::uint32_t read_alarm(Counter c) override { return D::Alarm::read(self().rtc, c); }
  void write_alarm(Counter c, std::uint32_t bcd) override { D::Alarm::write(self().rtc, c, bcd); }

 private:
  static constexpr std::size_t index(Counter c) noexcept { return static_cast<std::size_t>(c); }
  D& self() noexcept { return static_cast<D&>(*this); }
};

// Binds the variant's block at offset 0 of `t` (throws region_too_small for a smaller window).
std::unique_ptr<Chip> bind_s3c2410(Transport& t);
std::unique_ptr<Chip> bind_s3c6410(Transport& t);
std::size_t s3c2410_block_size() noexcept;
std::size_t s3c6410_block_size() noexcept;

}  // namespace uiokit::s3c_rtc
