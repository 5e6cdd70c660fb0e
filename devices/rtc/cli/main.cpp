// SPDX-License-Identifier: MIT
// An RTC program's main(): the common commands, the driver's own, and exit statuses from the
// failure classes (failure.hpp, the README's table).
#include <cstdio>
#include <exception>

#include "cli.hpp"
#include "uiokit/cli/program.hpp"
#include "uiokit/rtc/failure.hpp"

namespace uiokit::rtc::cli {

int run(const Program& p, int argc, char** argv) {
  CLI::App app{p.name + ": " + p.hardware + " driven from userspace (like hwclock).\n"
               "The RTC keeps UTC. Exit status: 0 ok, 64 usage or bad argument, 65 invalid date/time,\n"
               "66 no device, 68 year out of range, 70 bad hardware value, 74 I/O, 75 device busy,\n"
               "77 permission denied, 124 alarm/tick wait timed out."};
  uiokit::cli::identify(app, p.name);
  app.require_subcommand(1);
  Options opts;
  opts.program = &p;
  add_device_options(app, opts);
  if (p.add_options) p.add_options(app);
  add_time_commands(app, opts);
  add_alarm_commands(app, opts);
  if (p.add_commands) p.add_commands(app, opts);
  return uiokit::cli::run(app, argc, argv, [&app, &p](const std::exception& e) {
    const auto* u = dynamic_cast<const uiokit::Error*>(&e);
    if (!u) return uiokit::cli::report(app, e);
    const Failure f = classify(*u);
    std::fprintf(stderr, "%s: %s [%s]\n", p.name.c_str(), u->what(), std::string(to_string(f)).c_str());
    return exit_status(f);
  });
}

}  // namespace uiokit::rtc::cli
