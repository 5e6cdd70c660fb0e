// SPDX-License-Identifier: MIT
// s3c-rtc tick --rate HZ (--count N | --seconds S): run the tick timer and count its ticks.
#include <cstdio>

#include "program.hpp"
#include "uiokit/s3c2410_rtc/device.hpp"

namespace uiokit::s3c_rtc {

using rtc::cli::emit;
using rtc::cli::Options;

namespace {
struct TickArgs {
  double rate = 1;
  unsigned count = 0;
  int seconds = 0;
  double timeout = 30;
};

void tick(const Options& o, const TickArgs& a) {
  if ((a.count == 0) == (a.seconds == 0))
    throw Error(Errc::invalid_argument, "tick", "give --count N or --seconds S (one of them)");
  auto clock = rtc::cli::open_clock(o);
  auto& dev = dynamic_cast<RtcDevice&>(*clock);
  const TickSetting s = dev.rtc().start_tick(a.rate);
  const auto timeout = std::chrono::milliseconds(static_cast<long>(a.timeout * 1000));
  TickCount c;
  try {
    c = a.count ? dev.count_ticks(a.count, timeout) : dev.count_ticks_over(a.seconds, timeout);
  } catch (...) {
    dev.rtc().stop_tick();
    throw;
  }
  dev.rtc().stop_tick();
  const double measured = c.rtc_seconds > 0 ? c.ticks / static_cast<double>(c.rtc_seconds) : 0.0;
  char text[256];
  std::snprintf(text, sizeof text,
                "%u ticks in %d RTC second(s): %.2f Hz (set %.3f Hz, count %u); %u by interrupt, %u seen in INTP; "
                "%.2f s of system clock",
                c.ticks, c.rtc_seconds, measured, s.actual_hz, s.count, c.by_interrupt, c.ticks - c.by_interrupt,
                c.wall_seconds);
  emit(o, text,
       {{"ticks", c.ticks}, {"rtc_seconds", c.rtc_seconds}, {"measured_hz", measured}, {"set_hz", s.actual_hz},
        {"count", s.count}, {"by_interrupt", c.by_interrupt}, {"wall_seconds", c.wall_seconds}});
}
}  // namespace

void add_tick_command(CLI::App& app, Options& o) {
  static TickArgs args;
  auto* t = app.add_subcommand("tick", "run the tick timer at a rate and count ticks (time base: the RTC's seconds)");
  t->add_option("--rate", args.rate, "ticks per second")->required();
  t->add_option("--count", args.count, "count this many ticks");
  t->add_option("--seconds", args.seconds, "count ticks over this many RTC seconds");
  t->add_option("--timeout", args.timeout, "seconds (guest clock) before giving up; exit status 124");
  t->callback([&o] { tick(o, args); });
}

}  // namespace uiokit::s3c_rtc
