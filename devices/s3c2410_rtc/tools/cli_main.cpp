// SPDX-License-Identifier: MIT
// s3c-rtc: read and set the Samsung S3C RTC, its alarm and its tick, from userspace.
// Exit statuses: README.md (uiokit::s3c_rtc::exit_status of the failure class).
#include <cstdio>
#include <exception>

#include "cli.hpp"
#include "uiokit/s3c2410_rtc/failure.hpp"

int main(int argc, char** argv) {
  using namespace uiokit::s3c_rtc;
  CLI::App app{"s3c-rtc: the Samsung S3C2410/S3C6410/Exynos RTC driven from userspace (like hwclock).\n"
               "The RTC keeps UTC. Exit status: 0 ok, 2 usage, 64 bad argument, 65 invalid date/time,\n"
               "66 no device, 68 year out of range, 70 bad hardware value, 74 I/O, 75 device busy,\n"
               "77 permission denied, 124 alarm/tick wait timed out."};
  app.require_subcommand(1);
  cli::Options opts;
  cli::add_device_options(app, opts);
  cli::add_time_commands(app, opts);
  cli::add_alarm_commands(app, opts);
  cli::add_tick_command(app, opts);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const uiokit::Error& e) {
    const Failure f = classify(e);
    std::fprintf(stderr, "s3c-rtc: %s [%s]\n", e.what(), std::string(to_string(f)).c_str());
    return exit_status(f);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "s3c-rtc: %s\n", e.what());
    return 1;
  }
  return 0;
}
