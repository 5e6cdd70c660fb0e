// SPDX-License-Identifier: MIT
// Calendar arithmetic for the RTC: a broken-down UTC time, the proleptic Gregorian rules that
// decide whether it exists (31 April does not; 29 February only in leap years, and 2100 is not
// one), and conversion to and from seconds since the Unix epoch (Howard Hinnant's
// days_from_civil/civil_from_days algorithms, exact for every year an RTC here can hold).
//
// The RTC keeps UTC, as `hwclock --utc` and Linux's rtc class expect.
#pragma once

#include <cstdint>
#include <string>

namespace uiokit::rtc {

struct DateTime {
  int year = 2000;
  int month = 1;   // 1..12
  int day = 1;     // 1..days_in_month
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59: the counters hold no leap second
  friend bool operator==(const DateTime&, const DateTime&) = default;
};

constexpr bool is_leap_year(int year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int days_in_month(int year, int month) noexcept {
  constexpr int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

// Why `t` is not a real date and time ("31 April does not exist", "hour 24 is not 0..23"), or
// "" when it is one. The year range is the hardware's business and is not checked here.
std::string invalid_reason(const DateTime& t);

// Days since 1970-01-01 and back; weekday 0 = Sunday.
std::int64_t days_from_civil(int year, int month, int day) noexcept;
DateTime civil_from_days(std::int64_t days) noexcept;
int weekday(int year, int month, int day) noexcept;

std::int64_t to_unix(const DateTime& t) noexcept;
DateTime from_unix(std::int64_t seconds) noexcept;

}  // namespace uiokit::rtc
