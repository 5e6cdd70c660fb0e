// SPDX-License-Identifier: MIT
// The RTC command line, written once for every RTC driver, in the manner of util-linux
// hwclock: show, set, systohc, hctosys, watch, alarm set|show|clear|wait. A driver's program
// (s3c-rtc, pl031-rtc) is a Program: its name, how it opens its clock from the device options,
// and any options and commands of its own (the S3C's tick timer). The same Program makes the
// driver's /dev/rtc daemon (daemon/).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "uiokit/error.hpp"
#include "uiokit/rtc/clock.hpp"

namespace uiokit::rtc::cli {

// The device options every RTC program takes.
struct Options {
  std::string address;  // -d ADDRESS
  std::string dtb;      // --dtb FILE, for dt: addresses
  bool json = false;
  const struct Program* program = nullptr;
};

struct Program {
  std::string name;         // "s3c-rtc"
  std::string hardware;     // "the Samsung S3C2410/S3C6410/Exynos RTC", for --help
  std::string example;      // a device address of a board, for --help: "uio:rtc"
  std::string daemon_name;  // "s3c-rtcd"
  std::string node;         // the daemon's /dev name: "rtc-s3c"
  // The driver's own options and commands, added after the common ones (may be empty).
  std::function<void(CLI::App&)> add_options;
  std::function<void(CLI::App&, Options&)> add_commands;
  // Opens the clock the options name (the driver's default place when no -d is given).
  std::function<std::unique_ptr<Clock>(const Options&)> open;
};

// The programs' main(): parse, run the command, map errors to exit statuses (failure.hpp).
int run(const Program& p, int argc, char** argv);
int run_daemon(const Program& p, int argc, char** argv);

// For commands, including a driver's own.
std::unique_ptr<Clock> open_clock(const Options& o);
// Prints either the text line or the JSON object (one line), as --json says.
void emit(const Options& o, const std::string& text, const nlohmann::json& j);

void add_device_options(CLI::App& app, Options& o);
void add_time_commands(CLI::App& app, Options& o);
void add_alarm_commands(CLI::App& app, Options& o);

}  // namespace uiokit::rtc::cli
