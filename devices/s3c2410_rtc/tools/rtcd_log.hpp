// SPDX-License-Identifier: MIT
// s3c-rtcd's log: stderr in the foreground, syslog (daemon facility) when asked or detached.
#pragma once

#include <string>

namespace uiokit::s3c_rtc::rtcd {

enum class Level { error, warning, info, debug };

void log_to_syslog(const char* ident);
void set_verbose(bool on);
void log(Level level, const std::string& message);

}  // namespace uiokit::s3c_rtc::rtcd
