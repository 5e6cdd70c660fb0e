// SPDX-License-Identifier: MIT
// s3c-rtcd: owns the S3C RTC and serves it as a Linux RTC character device through CUSE, so
// that hwclock and any other /dev/rtc client use our userspace driver unmodified.
//
//   s3c-rtcd [-f] [--name rtc-s3c] [--syslog] [device options as s3c-rtc]
//
// Foreground (-f) logs to stderr; detached it logs to syslog. SIGTERM, SIGINT and SIGHUP end
// the CUSE session, which removes the device node; the RTC is released with the process.
#include <cstdio>

#include "cli.hpp"
#include "uiokit/cli/program.hpp"
#include "rtcd_cuse.hpp"
#include "rtcd_log.hpp"
#include "uiokit/s3c2410_rtc/failure.hpp"

int main(int argc, char** argv) {
  using namespace uiokit::s3c_rtc;
  CLI::App app{"s3c-rtcd: serve the S3C RTC as /dev/<name> (the Linux RTC ioctls and read()) through CUSE"};
  uiokit::cli::identify(app, "s3c-rtcd");
  cli::Options dev_opts;
  cli::add_device_options(app, dev_opts);
  rtcd::ServeOptions serve;
  bool syslog = false, verbose = false;
  app.add_flag("-f,--foreground", serve.foreground, "stay in the foreground, log to stderr");
  app.add_option("--name", serve.name, "device node name under /dev (default rtc-s3c)");
  app.add_flag("--syslog", syslog, "log to syslog even in the foreground");
  app.add_flag("-v,--verbose", verbose, "log debug messages");
  app.add_flag("--fuse-debug", serve.debug, "libfuse's request trace (implies -f)");
  if (auto rc = uiokit::cli::parse(app, argc, argv)) return *rc;
  if (serve.debug) serve.foreground = true;
  if (syslog || !serve.foreground) rtcd::log_to_syslog("s3c-rtcd");
  rtcd::set_verbose(verbose);
  try {
    auto dev = cli::open_device(dev_opts);  // held (UIO lock or our lock file) until we exit
    return rtcd::serve(dev, serve);
  } catch (const uiokit::Error& e) {
    const Failure f = classify(e);
    std::fprintf(stderr, "s3c-rtcd: %s [%s]\n", e.what(), std::string(to_string(f)).c_str());
    rtcd::log(rtcd::Level::error, e.what());
    return exit_status(f);
  }
}
