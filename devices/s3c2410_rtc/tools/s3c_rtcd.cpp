// SPDX-License-Identifier: MIT
// s3c-rtcd: the S3C RTC as a Linux /dev/rtc device through CUSE (devices/rtc/daemon).
#include "program.hpp"

int main(int argc, char** argv) { return uiokit::rtc::cli::run_daemon(uiokit::s3c_rtc::program(), argc, argv); }
