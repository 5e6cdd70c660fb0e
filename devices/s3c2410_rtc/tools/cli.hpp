// SPDX-License-Identifier: MIT
// s3c-rtc: the command line, in the manner of util-linux hwclock. Each file adds subcommands
// (time, alarm, tick) to the CLI11 app; they share the device options and the output mode here.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "uiokit/s3c2410_rtc/device.hpp"

namespace uiokit::s3c_rtc::cli {

struct Options {
  std::string address;         // -d ADDRESS
  std::string uio;             // --uio NAME
  std::string dt;              // --dt-compatible [C]
  CLI::Option* dt_option = nullptr;  // given (with or without a value)
  std::string mem;             // --mem ADDR
  std::string variant;         // --variant
  std::string tick_uio;        // --tick-uio NAME
  std::string dtb;             // --dtb FILE (with --dt-compatible)
  bool wide_years = false;     // --years-1900-2899
  bool json = false;
};

void add_device_options(CLI::App& app, Options& o);
RtcDevice open_device(const Options& o);
// Prints either the text line or the JSON object (one line), as --json says.
void emit(const Options& o, const std::string& text, const nlohmann::json& j);

void add_time_commands(CLI::App& app, Options& o);
void add_alarm_commands(CLI::App& app, Options& o);
void add_tick_command(CLI::App& app, Options& o);

}  // namespace uiokit::s3c_rtc::cli
