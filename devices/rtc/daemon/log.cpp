// SPDX-License-Identifier: MIT
#include "log.hpp"

#include <syslog.h>

#include <cstdio>
#include <mutex>

namespace uiokit::rtc::daemon {

namespace {
bool use_syslog = false;
std::string ident = "rtcd";
bool verbose = false;
std::mutex mu;
}  // namespace

void set_ident(const std::string& name) { ident = name; }

void log_to_syslog() {
  ::openlog(ident.c_str(), LOG_PID, LOG_DAEMON);
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
  std::fprintf(stderr, "%s: %s: %s\n", ident.c_str(), tag, message.c_str());
  std::fflush(stderr);
}

}  // namespace uiokit::rtc::daemon
