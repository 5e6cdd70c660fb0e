// SPDX-License-Identifier: MIT
#include "uiokit/rtc/failure.hpp"

namespace uiokit::rtc {

Failure classify(const Error& e) noexcept {
  switch (e.code()) {
    case Errc::invalid_argument:
    case Errc::parse_error:
      if (e.subject() == subject_year) return Failure::year_out_of_range;
      if (e.subject() == subject_time) return Failure::invalid_time;
      return Failure::invalid_argument;
    case Errc::not_found: return Failure::no_device;
    case Errc::bad_hardware_value: return Failure::bad_hardware;
    case Errc::busy: return Failure::busy;
    case Errc::timeout: return Failure::timeout;
    case Errc::permission_denied: return Failure::permission;
    case Errc::unsupported: return Failure::unsupported;
    case Errc::out_of_range:
    case Errc::region_too_small:
    case Errc::misaligned:
    case Errc::bad_width: return Failure::invalid_argument;
    default: return Failure::io;
  }
}

int exit_status(Failure f) noexcept {
  switch (f) {
    case Failure::invalid_time: return 65;
    case Failure::year_out_of_range: return 68;
    case Failure::invalid_argument: return 64;
    case Failure::no_device: return 66;
    case Failure::bad_hardware: return 70;
    case Failure::busy: return 75;
    case Failure::timeout: return 124;
    case Failure::permission: return 77;
    case Failure::unsupported: return 69;
    case Failure::io: return 74;
  }
  return 1;
}

std::string_view to_string(Failure f) noexcept {
  switch (f) {
    case Failure::invalid_time: return "invalid date or time";
    case Failure::year_out_of_range: return "year out of range";
    case Failure::invalid_argument: return "invalid argument";
    case Failure::no_device: return "no device";
    case Failure::bad_hardware: return "bad hardware value";
    case Failure::busy: return "device busy";
    case Failure::timeout: return "timed out";
    case Failure::permission: return "permission denied";
    case Failure::unsupported: return "unsupported";
    case Failure::io: return "I/O error";
  }
  return "?";
}

void throw_invalid_time(std::string detail) {
  throw Error(Errc::invalid_argument, std::string(subject_time), std::move(detail));
}

void throw_year_out_of_range(int year, int first, int last, std::string_view variant) {
  throw Error(Errc::invalid_argument, std::string(subject_year),
              "year " + std::to_string(year) + " is outside what the " + std::string(variant) + " RTC holds (" +
                  std::to_string(first) + ".." + std::to_string(last) + ")");
}

}  // namespace uiokit::rtc
