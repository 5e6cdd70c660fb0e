// SPDX-License-Identifier: MIT
#include "uiokit/rtc/calendar.hpp"

namespace uiokit::rtc {

namespace {
const char* const month_names[12] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};
}

std::string invalid_reason(const DateTime& t) {
  using std::to_string;
  if (t.month < 1 || t.month > 12) return "month " + to_string(t.month) + " is not 1..12";
  const int dim = days_in_month(t.year, t.month);
  if (t.day < 1 || t.day > dim) {
    if (t.month == 2 && t.day == 29) return "29 February " + to_string(t.year) + " does not exist (not a leap year)";
    if (t.day > 0 && t.day <= 31)
      return to_string(t.day) + " " + month_names[t.month - 1] + " does not exist (" + month_names[t.month - 1] +
             " has " + to_string(dim) + " days)";
    return "day " + to_string(t.day) + " is not 1.." + to_string(dim);
  }
  if (t.hour < 0 || t.hour > 23) return "hour " + to_string(t.hour) + " is not 0..23";
  if (t.minute < 0 || t.minute > 59) return "minute " + to_string(t.minute) + " is not 0..59";
  if (t.second < 0 || t.second > 59) return "second " + to_string(t.second) + " is not 0..59 (the RTC holds no leap second)";
  return {};
}

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
std::int64_t days_from_civil(int year, int month, int day) noexcept {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

DateTime civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  DateTime t;
  t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2 ? 1 : 0));
  return t;
}

int weekday(int year, int month, int day) noexcept {
  const std::int64_t d = days_from_civil(year, month, day);
  return static_cast<int>(d >= -4 ? (d + 4) % 7 : (d + 5) % 7 + 6);  // 1970-01-01 was a Thursday
}

std::int64_t to_unix(const DateTime& t) noexcept {
  return days_from_civil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

DateTime from_unix(std::int64_t s) noexcept {
  std::int64_t days = s / 86400;
  std::int64_t rem = s % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  DateTime t = civil_from_days(days);
  t.hour = static_cast<int>(rem / 3600);
  t.minute = static_cast<int>(rem / 60 % 60);
  t.second = static_cast<int>(rem % 60);
  return t;
}

}  // namespace uiokit::rtc
