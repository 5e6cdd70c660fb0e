// SPDX-License-Identifier: MIT
// s3c-rtc: read and set the Samsung S3C RTC, its alarm and its tick, from userspace.
// Exit statuses: the README (uiokit::rtc::exit_status of the failure class).
#include "program.hpp"

int main(int argc, char** argv) { return uiokit::rtc::cli::run(uiokit::s3c_rtc::program(), argc, argv); }
