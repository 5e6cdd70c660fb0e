// SPDX-License-Identifier: MIT
// ISO 8601 times on the command line: "2026-11-22T03:40:05Z", "2026-11-22 03:40:05",
// "2026-11-22T05:40+02:00". A time without a zone is UTC (the RTC keeps UTC); an offset is
// applied, so the result is always UTC. The local fields are checked before the offset is
// applied: 31 April is refused whatever the zone.
#pragma once

#include <string>
#include <string_view>

#include "uiokit/rtc/calendar.hpp"

namespace uiokit::rtc {

// Throws Error(invalid_argument, subject_time) saying what is wrong.
DateTime parse_iso8601(std::string_view text);

// "2026-11-22T03:40:05Z"
std::string format_iso8601(const DateTime& t);

}  // namespace uiokit::rtc
