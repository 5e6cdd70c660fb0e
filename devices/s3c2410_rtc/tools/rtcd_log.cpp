// SPDX-License-Identifier: MIT
#include "rtcd_log.hpp"

#include <syslog.h>

#include <cstdio>
#include <mutex>

namespace uiokit::s3c_rtc::rtcd {

namespace {
bool use_syslog = false;
bool verbose = false;
std::mutex mu;
}  // namespace

void log_to_syslog(const char* ident) {
  ::openlog(ident, LOG_PID, LOG_DAEMON);
  use_syslog = true;
}

void set_verbose(bool on) { verbose = on; }

void log(Level level, const std::string& message) {
  if (level == Level::debug && !verbose) return;
  std::lock_guard<std::mutex> g(mu);
  if (use_syslog) {
    const int prio = level == Level::error ? LOG_ERR : level == Level::warning ? LOG_WARNING
                     : level == Level::info ? LOG_INFO : LOG_DEBUG;
    ::syslog(prio, "%s", message.c_str());
    return;
  }
  const char* tag = level == Level::error ? "error" : level == Level::warning ? "warning"
                    : level == Level::info ? "info" : "debug";
  std::fprintf(stderr, "s3c-rtcd: %s: %s\n", tag, message.c_str());
  std::fflush(stderr);
}

}  // namespace uiokit::s3c_rtc::rtcd
