// SPDX-License-Identifier: MIT
// Failure classes of the RTC drivers and the exit status each gets from the programs.
//
// The driver throws uiokit::Error like the rest of the library; the subject tells the classes
// that share a code apart: a date that does not exist and a year the counters cannot hold are
// both invalid arguments, but a script wants to know which. classify() does that once, for the
// CLI and the daemon alike. README.md lists the exit statuses.
#pragma once

#include <string>
#include <string_view>

#include "uiokit/error.hpp"

namespace uiokit::rtc {

// Subjects of the errors the driver raises for bad input.
inline constexpr std::string_view subject_time = "date/time";  // malformed or non-existent
inline constexpr std::string_view subject_year = "year";       // outside the hardware's range

enum class Failure {
  invalid_time,       // 65: a date or time that does not exist or cannot be parsed
  year_out_of_range,  // 68: a year the counters cannot hold
  invalid_argument,   // 64: another bad option value (tick rate, address)
  no_device,          // 66: no RTC where we looked
  bad_hardware,       // 70: garbage (bad BCD, an impossible date) read from the RTC
  busy,               // 75: another process drives the device
  timeout,            // 124: the alarm (or tick) did not come in time
  permission,         // 77
  unsupported,        // 69
  io,                 // 74
};

Failure classify(const Error& e) noexcept;
int exit_status(Failure f) noexcept;
std::string_view to_string(Failure f) noexcept;

[[noreturn]] void throw_invalid_time(std::string detail);
[[noreturn]] void throw_year_out_of_range(int year, int first, int last, std::string_view variant);

}  // namespace uiokit::rtc
