// SPDX-License-Identifier: MIT
// pl031-rtc: read and set the ARM PL031 RTC and its alarm from userspace.
#include "program.hpp"

int main(int argc, char** argv) { return uiokit::rtc::cli::run(uiokit::pl031::program(), argc, argv); }
