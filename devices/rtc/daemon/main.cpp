// SPDX-License-Identifier: MIT
// An RTC daemon's main() (s3c-rtcd, pl031-rtcd): owns the RTC and serves it as a Linux RTC
// character device through CUSE, so that hwclock and any other /dev/rtc client use our
// userspace driver unmodified.
//
//   NAME [-f] [--name NODE] [--syslog] [-v] [--fuse-debug] [device options as the driver's CLI]
//
// Foreground (-f) logs to stderr; detached it logs to syslog. SIGTERM, SIGINT and SIGHUP end
// the CUSE session, which removes the device node; the RTC is released with the process.
#include <cstdio>

#include "cli/cli.hpp"
#include "cuse.hpp"
#include "log.hpp"
#include "uiokit/cli/program.hpp"
#include "uiokit/rtc/failure.hpp"

namespace uiokit::rtc::cli {

int run_daemon(const Program& p, int argc, char** argv) {
  CLI::App app{p.daemon_name + ": serve " + p.hardware +
               " as /dev/<name> (the Linux RTC ioctls and read()) through CUSE"};
  uiokit::cli::identify(app, p.daemon_name);
  Options dev_opts;
  dev_opts.program = &p;
  add_device_options(app, dev_opts);
  if (p.add_options) p.add_options(app);
  daemon::ServeOptions serve;
  serve.program = p.daemon_name;
  serve.name = p.node;
  bool syslog = false, verbose = false;
  app.add_flag("-f,--foreground", serve.foreground, "stay in the foreground, log to stderr");
  app.add_option("--name", serve.name, "device node name under /dev (default " + p.node + ")");
  app.add_flag("--syslog", syslog, "log to syslog even in the foreground");
  app.add_flag("-v,--verbose", verbose, "log debug messages");
  app.add_flag("--fuse-debug", serve.debug, "libfuse's request trace (implies -f)");
  if (auto rc = uiokit::cli::parse(app, argc, argv)) return *rc;
  if (serve.debug) serve.foreground = true;
  daemon::set_ident(p.daemon_name);
  if (syslog || !serve.foreground) daemon::log_to_syslog();
  daemon::set_verbose(verbose);
  try {
    auto clock = open_clock(dev_opts);  // held (UIO lock or our lock file) until we exit
    return daemon::serve(*clock, serve);
  } catch (const uiokit::Error& e) {
    const Failure f = classify(e);
    std::fprintf(stderr, "%s: %s [%s]\n", p.daemon_name.c_str(), e.what(), std::string(to_string(f)).c_str());
    daemon::log(daemon::Level::error, e.what());
    return exit_status(f);
  }
}

}  // namespace uiokit::rtc::cli
