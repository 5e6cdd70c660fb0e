// SPDX-License-Identifier: MIT
// An RTC daemon's log: stderr in the foreground, syslog (daemon facility) when asked or detached.
#pragma once

#include <string>

namespace uiokit::rtc::daemon {

enum class Level { error, warning, info, debug };

// The name messages carry ("s3c-rtcd"); syslog takes it as its ident.
void set_ident(const std::string& name);
void log_to_syslog();
void set_verbose(bool on);
void log(Level level, const std::string& message);

}  // namespace uiokit::rtc::daemon
