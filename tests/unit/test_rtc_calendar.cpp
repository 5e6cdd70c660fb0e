// SPDX-License-Identifier: MIT
// s3c2410_rtc: the calendar rules, ISO 8601 parsing and the failure classes (exit statuses).
#include <doctest/doctest.h>

#include <string>

#include "uiokit/rtc/calendar.hpp"
#include "uiokit/rtc/failure.hpp"
#include "uiokit/rtc/iso8601.hpp"

using namespace uiokit::rtc;
using uiokit::Errc;

TEST_CASE("rtc calendar: leap years, month lengths, non-existent dates") {
  CHECK(is_leap_year(2000));
  CHECK(is_leap_year(2024));
  CHECK_FALSE(is_leap_year(2100));
  CHECK_FALSE(is_leap_year(1900));
  CHECK_FALSE(is_leap_year(2023));
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(days_in_month(2026, 4) == 30);
  CHECK(days_in_month(2026, 13) == 0);

  CHECK(invalid_reason({2026, 4, 30, 12, 0, 0}).empty());
  CHECK(invalid_reason({2026, 4, 31, 12, 0, 0}).find("31 April does not exist") != std::string::npos);
  CHECK(invalid_reason({2023, 2, 29, 0, 0, 0}).find("not a leap year") != std::string::npos);
  CHECK(invalid_reason({2100, 2, 29, 0, 0, 0}).find("not a leap year") != std::string::npos);
  CHECK(invalid_reason({2000, 2, 29, 0, 0, 0}).empty());
  CHECK_FALSE(invalid_reason({2026, 0, 1, 0, 0, 0}).empty());
  CHECK_FALSE(invalid_reason({2026, 13, 1, 0, 0, 0}).empty());
  CHECK_FALSE(invalid_reason({2026, 1, 0, 0, 0, 0}).empty());
  CHECK_FALSE(invalid_reason({2026, 1, 1, 24, 0, 0}).empty());
  CHECK_FALSE(invalid_reason({2026, 1, 1, 0, 60, 0}).empty());
  CHECK(invalid_reason({2026, 1, 1, 0, 0, 60}).find("leap second") != std::string::npos);
}

TEST_CASE("rtc calendar: epoch conversion and weekdays") {
  CHECK(to_unix({1970, 1, 1, 0, 0, 0}) == 0);
  CHECK(to_unix({2000, 3, 1, 0, 0, 0}) == 951868800);
  CHECK(from_unix(951868800 - 1) == DateTime{2000, 2, 29, 23, 59, 59});
  CHECK(weekday(1970, 1, 1) == 4);   // Thursday
  CHECK(weekday(2000, 1, 1) == 6);   // Saturday
  CHECK(weekday(1900, 1, 1) == 1);   // Monday
  for (std::int64_t s : {0LL, 4102444799LL, -2208988800LL, 29379542399LL}) CHECK(to_unix(from_unix(s)) == s);
}

TEST_CASE("rtc iso8601: accepted forms, zones, and refusals with the invalid-time class") {
  CHECK(parse_iso8601("2026-11-22T03:40:05Z") == DateTime{2026, 11, 22, 3, 40, 5});
  CHECK(parse_iso8601("2026-11-22 03:40") == DateTime{2026, 11, 22, 3, 40, 0});
  CHECK(parse_iso8601("2026-01-01T01:30:00+02:00") == DateTime{2025, 12, 31, 23, 30, 0});
  CHECK(parse_iso8601("2026-12-31T23:30:00-0100") == DateTime{2027, 1, 1, 0, 30, 0});
  CHECK(format_iso8601({2026, 11, 22, 3, 4, 5}) == "2026-11-22T03:04:05Z");
  for (const char* bad : {"2026-04-31T00:00:00", "2023-02-29T00:00:00Z", "2026-11-22T24:00:00", "yesterday",
                          "2026-11-22T03:40:05Zjunk", "2026-1-2T00:00", "2026-11-22T03:60"}) {
    CAPTURE(bad);
    try {
      (void)parse_iso8601(bad);
      FAIL("accepted");
    } catch (const uiokit::Error& e) {
      CHECK(classify(e) == Failure::invalid_time);
      CHECK(exit_status(classify(e)) == 65);
    }
  }
}

TEST_CASE("rtc failures: each class has its own exit status") {
  CHECK(exit_status(classify(uiokit::Error(Errc::invalid_argument, std::string(subject_year), "x"))) == 68);
  CHECK(exit_status(classify(uiokit::Error(Errc::bad_hardware_value, "RTC", "x"))) == 70);
  CHECK(exit_status(classify(uiokit::Error(Errc::not_found, "uio", "x"))) == 66);
  CHECK(exit_status(classify(uiokit::Error(Errc::busy, "/dev/uio0", "x"))) == 75);
  CHECK(exit_status(classify(uiokit::Error(Errc::timeout, "alarm", "x"))) == 124);
  CHECK(exit_status(classify(uiokit::Error(Errc::invalid_argument, "tick rate", "x"))) == 64);
  CHECK(exit_status(classify(uiokit::Error(Errc::permission_denied, "/dev/mem", "x"))) == 77);
}
