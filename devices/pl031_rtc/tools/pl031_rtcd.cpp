// SPDX-License-Identifier: MIT
// pl031-rtcd: the PL031 as a Linux /dev/rtc device through CUSE (devices/rtc/daemon).
#include "program.hpp"

int main(int argc, char** argv) { return uiokit::rtc::cli::run_daemon(uiokit::pl031::program(), argc, argv); }
