// SPDX-License-Identifier: MIT
// show | set TIME | systohc | hctosys | watch: the time, in UTC.
#include <time.h>

#include <cerrno>

#include "cli.hpp"
#include "uiokit/rtc/iso8601.hpp"

namespace uiokit::rtc::cli {

namespace {

nlohmann::json time_json(const DateTime& t, const Clock& clock) {
  nlohmann::json j{{"time", format_iso8601(t)}, {"unix", to_unix(t)}, {"device", clock.describe()},
                   {"model", clock.model()}};
  for (const auto& [k, v] : clock.facts()) j[k] = v;
  return j;
}

void show_time(const Options& o) {
  auto clock = open_clock(o);
  const DateTime t = clock->read_time();
  emit(o, format_iso8601(t), time_json(t, *clock));
}

void set(const Options& o, const std::string& text) {
  const DateTime want = parse_iso8601(text);  // refused before the device is even opened
  auto clock = open_clock(o);
  const DateTime back = clock->set_time(want);
  emit(o, format_iso8601(back), time_json(back, *clock));
}

void systohc(const Options& o) {
  auto clock = open_clock(o);
  clock->validate(from_unix(::time(nullptr)));
  // Start the RTC's second with the system's: wait for the next full second, then set it.
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  timespec pause{0, 1000000000L - now.tv_nsec};
  ::nanosleep(&pause, nullptr);
  const DateTime back = clock->set_time(from_unix(now.tv_sec + 1));
  emit(o, format_iso8601(back), time_json(back, *clock));
}

void hctosys(const Options& o) {
  auto clock = open_clock(o);
  const DateTime t = clock->read_time();
  const timespec ts{static_cast<time_t>(to_unix(t)), 0};
  if (::clock_settime(CLOCK_REALTIME, &ts) != 0)
    throw_sys(Errc::io_failed, "system clock", "clock_settime to " + format_iso8601(t), errno, {},
              "setting the system clock needs CAP_SYS_TIME");
  emit(o, format_iso8601(t), time_json(t, *clock));
}

// Reads back to back for `seconds` RTC seconds; every reading must be the previous one or one
// second later. A torn read (a carry between two counter reads) breaks that.
void watch(const Options& o, int seconds) {
  auto clock = open_clock(o);
  auto& rtc = *clock;
  const auto first = to_unix(rtc.read_time());
  auto prev = first;
  unsigned long reads = 1, rereads = 0, minute_edges = 0;
  while (prev - first < seconds) {
    const DateTime t = rtc.read_time();
    const auto now = to_unix(t);
    ++reads;
    if (const auto f = rtc.facts(); f.count("passes") && f.at("passes") > 1) ++rereads;
    if (now != prev && now != prev + 1)
      throw Error(Errc::bad_hardware_value, "RTC",
                  "torn read: " + format_iso8601(from_unix(prev)) + " followed by " + format_iso8601(t));
    if (now == prev + 1 && t.second == 0) ++minute_edges;
    prev = now;
  }
  emit(o,
       std::to_string(reads) + " reads over " + std::to_string(seconds) + " RTC seconds, " + std::to_string(minute_edges) +
           " minute edge(s), " + std::to_string(rereads) + " re-read(s), no torn time; last " +
           format_iso8601(from_unix(prev)),
       {{"reads", reads}, {"seconds", seconds}, {"minute_edges", minute_edges}, {"rereads", rereads},
        {"last", format_iso8601(from_unix(prev))}});
}

}  // namespace

void add_time_commands(CLI::App& app, Options& o) {
  app.add_subcommand("show", "print the RTC's time (ISO 8601, UTC)")->callback([&o] { show_time(o); });

  auto* s = app.add_subcommand("set", "set the RTC (ISO 8601; no zone means UTC; checked before any write)");
  static std::string when;
  s->add_option("time", when, "e.g. 2026-11-22T03:40:05Z")->required();
  s->callback([&o] { set(o, when); });

  app.add_subcommand("systohc", "set the RTC from the system clock")->callback([&o] { systohc(o); });
  app.add_subcommand("hctosys", "set the system clock from the RTC")->callback([&o] { hctosys(o); });

  auto* w = app.add_subcommand("watch", "read continuously, checking every reading follows the last (torn reads)");
  static int seconds = 5;
  w->add_option("--seconds", seconds, "RTC seconds to watch")->check(CLI::Range(1, 3600));
  w->callback([&o] { watch(o, seconds); });
}

}  // namespace uiokit::rtc::cli
