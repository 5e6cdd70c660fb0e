// SPDX-License-Identifier: MIT
// s3c-rtc and s3c-rtcd: the RTC front end (devices/rtc) over this driver. What is the S3C's
// own: its device shorthands (--uio, --dt-compatible, --mem), the variant and year counting,
// the tick timer's UIO device, and the `tick` command.
#pragma once

#include "cli/cli.hpp"

namespace uiokit::s3c_rtc {

const rtc::cli::Program& program();

// s3c-rtc tick (cli_tick.cpp).
void add_tick_command(CLI::App& app, rtc::cli::Options& o);

}  // namespace uiokit::s3c_rtc
