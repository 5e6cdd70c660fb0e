// SPDX-License-Identifier: MIT
// The device options every RTC program takes, and its output mode.
#include <cstdio>

#include "cli.hpp"

namespace uiokit::rtc::cli {

void add_device_options(CLI::App& app, Options& o) {
  const std::string example = o.program ? o.program->example : "uio:rtc";
  app.add_option("-d,--device", o.address,
                 "device address: " + example + ", dt:compatible=..., dt:/path, mem:ADDR, gdb:HOST:PORT:mem:ADDR "
                 "(uiokit(1)); default: the driver's own search");
  app.add_option("--dtb", o.dtb, "with dt: addresses: read this .dtb instead of /sys/firmware/fdt");
  app.add_flag("--json", o.json, "print JSON");
}

std::unique_ptr<Clock> open_clock(const Options& o) { return o.program->open(o); }

void emit(const Options& o, const std::string& text, const nlohmann::json& j) {
  if (o.json)
    std::printf("%s\n", j.dump().c_str());
  else
    std::printf("%s\n", text.c_str());
  std::fflush(stdout);
}

}  // namespace uiokit::rtc::cli
