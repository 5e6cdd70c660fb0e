// SPDX-License-Identifier: MIT
// uiokit::s3c_rtc::Rtc: the Samsung S3C RTC driver, over any transport.
//
// The model: the RTC is a set of BCD counters (seconds up to year) that a 1 Hz clock carries
// from one to the next, a comparator against the alarm registers, and a tick timer. Reading
// the counters is not atomic: a carry between two reads gives a torn time (10:59 read as the
// minute, then 11:00:00 as the second, makes 10:59:00). The S3C2410 manual's rule, which
// Linux's rtc-s3c follows (read minute..year, seconds last; if the seconds are 0, read it all
// again), catches that: a carry changes the seconds to 0, so a read with nonzero seconds read
// last saw no carry. Writes to the counters are honoured only while RTCCON.CTLEN is 1.
//
// Everything the RTC returns is checked: a BCD digit above 9, month 13, 31 April, hour 24 are
// hardware errors (Errc::bad_hardware_value), never a time. Everything a caller asks for is
// checked before the first register write, so a refused request leaves the RTC untouched.
//
// The variant (S3C2410, or S3C6410/Exynos) is chosen once, at bind, as Linux's rtc-s3c.c chooses
// its s3c_rtc_data: its registers come from the part's SVD file (src/chip.hpp). The driver runs
// over any Transport: an mmap'd Region on a board, a GDB stub before Linux runs, the fake device
// in unit tests. Interrupt waiting lives in device.hpp, which owns the UIO device.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "uiokit/rtc/clock.hpp"
#include "uiokit/transport.hpp"

namespace uiokit::s3c_rtc {

// The RTC front end's vocabulary (calendar, alarms, failures), shared by every RTC driver.
using namespace uiokit::rtc;

enum class Variant {
  s3c2410,  // "samsung,s3c2410-rtc": byte registers, TICNT tick
  s3c6410,  // "samsung,s3c6410-rtc" and Exynos: 32-bit registers, INTP, TICEN/TICCNT tick
};

// How years are counted. Linux's rtc-s3c (and U-Boot) read and write the year register as one
// BCD byte, 2000 plus two digits, on every variant: a time this driver writes must read back the
// same under the kernel, so that is the default. QEMU's exynos4210 model counts three BCD digits
// from 1900 in the same register; bcd3_1900_2899 uses them, and the kernel then misreads every
// year outside 2000..2099 (it sees only the last two digits).
enum class Years {
  linux_2000_2099,
  bcd3_1900_2899,  // S3C6410/Exynos only; the S3C2410's register has two digits
};

std::string_view to_string(Variant v) noexcept;
// "s3c2410", "s3c6410", "exynos4210" or a compatible string ("samsung,s3c2410-rtc", ...).
std::optional<Variant> parse_variant(std::string_view text) noexcept;
// Bytes of register space the variant's block needs (its SVD file's address block).
std::size_t block_size(Variant v) noexcept;

// The year counting chosen once, at bind: the range, the year of digits 0 and which BCD digits
// of the year register are read.
struct YearCoding {
  YearRange range;
  int base = 2000;
  std::uint32_t digits_mask = 0xff;
  int year(std::uint64_t digits) const noexcept { return base + static_cast<int>(digits); }
  std::uint32_t digits(int year) const noexcept { return static_cast<std::uint32_t>(year - base); }
};
YearCoding year_coding(Variant v, Years years) noexcept;
YearRange year_range(Variant v, Years years = Years::linux_2000_2099) noexcept;


struct TickSetting {
  double requested_hz = 0;
  double actual_hz = 0;      // what the divider gives
  std::uint32_t count = 0;   // the value programmed (TICNT count or TICCNT)
};

class Chip;

class Rtc {
 public:
  // Passes over the counters per read_time(): the first, and one more when the seconds read 0,
  // as rtc-s3c's have_retried. The second pass starts after the carry, and a second carry
  // cannot come within the same second, so it is whole.
  static constexpr unsigned max_passes = 2;

  // Binds the variant's register block at offset 0 of `t`, which must outlive the driver.
  // Throws region_too_small for a smaller window, invalid_argument for three-digit years on
  // the S3C2410.
  Rtc(Transport& t, Variant variant, Years years = Years::linux_2000_2099);
  Rtc(Rtc&&) noexcept;
  Rtc& operator=(Rtc&&) noexcept;
  ~Rtc();

  Variant variant() const noexcept;
  YearRange years() const noexcept { return years_.range; }

  // The time, with the re-read rule; throws bad_hardware_value for garbage.
  DateTime read_time();
  // Passes over the counters the last read_time() took (1 without a re-read).
  unsigned last_passes() const noexcept { return last_passes_; }

  // Throws (invalid date/time, or year out of the hardware's range) unless `t` can be set.
  void validate(const DateTime& t) const;
  // Validates, enables writes (CTLEN, and CNTSEL/CLKRST cleared as Linux's rtc-s3c does),
  // writes the counters and reads them back; returns what was read back. CTLEN stays set: see
  // the README ("Why CTLEN stays set"). Throws bad_hardware_value when the read-back differs.
  DateTime set_time(const DateTime& t);
  // RTCCON.CTLEN: writes enabled (and, on QEMU's model, the clock running).
  bool writes_enabled();

  Alarm read_alarm();
  // Validates every field first; writes ALMEN 0, the fields, then RTCALM; clears a stale
  // pending alarm (INTP) before enabling.
  void set_alarm(const Alarm& a);
  void enable_alarm(bool on);
  void clear_alarm();  // RTCALM 0 and the pending bit cleared

  // INTP (S3C6410/Exynos); nullopt on the S3C2410, whose pending bits live in the SoC's
  // interrupt controller.
  std::optional<bool> alarm_pending();
  std::optional<bool> tick_pending();
  void ack_alarm();
  void ack_tick();

  // Starts the tick timer as close to `hz` as the divider allows (S3C2410: 128/(n+1) Hz,
  // n 0..127; S3C6410: 32768/count Hz, count at least 3). Throws invalid_argument outside that.
  TickSetting start_tick(double hz);
  void stop_tick();

 private:
  std::unique_ptr<Chip> chip_;  // the variant's registers, chosen at bind
  YearCoding years_;
  unsigned last_passes_ = 0;
};

}  // namespace uiokit::s3c_rtc
