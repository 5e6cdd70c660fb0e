// SPDX-License-Identifier: MIT
// s3c-rtc: read and set the Samsung S3C RTC, its alarm and its tick, from userspace.
// Exit statuses: README.md (uiokit::s3c_rtc::exit_status of the failure class).
#include <cstdio>
#include <exception>

#include "cli.hpp"
#include "uiokit/cli/program.hpp"
#include "uiokit/s3c2410_rtc/failure.hpp"

int main(int argc, char** argv) {
  using namespace uiokit::s3c_rtc;
  CLI::App app{"s3c-rtc: the Samsung S3C2410/S3C6410/Exynos RTC driven from userspace (like hwclock).\n"
               "The RTC keeps UTC. Exit status: 0 ok, 64 usage or bad argument, 65 invalid date/time,\n"
               "66 no device, 68 year out of range, 70 bad hardware value, 74 I/O, 75 device busy,\n"
               "77 permission denied, 124 alarm/tick wait timed out."};
  uiokit::cli::identify(app, "s3c-rtc");
  app.require_subcommand(1);
  cli::Options opts;
  cli::add_device_options(app, opts);
  cli::add_time_commands(app, opts);
  cli::add_alarm_commands(app, opts);
  cli::add_tick_command(app, opts);
  return uiokit::cli::run(app, argc, argv, [&app](const std::exception& e) {
    const auto* u = dynamic_cast<const uiokit::Error*>(&e);
    if (!u) return uiokit::cli::report(app, e);
    const Failure f = classify(*u);
    std::fprintf(stderr, "s3c-rtc: %s [%s]\n", u->what(), std::string(to_string(f)).c_str());
    return exit_status(f);
  });
}
