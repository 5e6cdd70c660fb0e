// SPDX-License-Identifier: MIT
// alarm set|show|clear|wait.
#include <sstream>

#include "cli.hpp"
#include "uiokit/rtc/iso8601.hpp"

namespace uiokit::rtc::cli {

namespace {

struct AlarmArgs {
  std::string time;
  int in = -1;
  std::vector<std::string> match{"year", "month", "day", "hour", "minute", "second"};
  bool disabled = false;
  double timeout = 0;
};

std::string field(const std::optional<int>& v, int width) {
  if (!v) return std::string(static_cast<std::size_t>(width), '*');
  std::ostringstream s;
  s.width(width);
  s.fill('0');
  s << *v;
  return s.str();
}

std::string describe(const Alarm& a) {
  return field(a.year, 4) + "-" + field(a.month, 2) + "-" + field(a.day, 2) + "T" + field(a.hour, 2) + ":" +
         field(a.minute, 2) + ":" + field(a.second, 2) + (a.enabled ? " enabled" : " disabled");
}

nlohmann::json to_json(const Alarm& a) {
  nlohmann::json j{{"enabled", a.enabled}, {"pattern", describe(a)}};
  auto put = [&](const char* k, const std::optional<int>& v) { j[k] = v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  put("year", a.year), put("month", a.month), put("day", a.day);
  put("hour", a.hour), put("minute", a.minute), put("second", a.second);
  return j;
}

void set(const Options& o, const AlarmArgs& args) {
  if (args.time.empty() == (args.in < 0))
    throw Error(Errc::invalid_argument, "alarm set", "give a TIME or --in SECONDS (one of them)");
  DateTime when{};
  if (!args.time.empty()) when = parse_iso8601(args.time);
  auto clock = open_clock(o);
  if (args.in >= 0) when = from_unix(to_unix(clock->read_time()) + args.in);
  Alarm a;
  a.enabled = !args.disabled;
  for (const auto& m : args.match) {
    if (m == "year") a.year = when.year;
    if (m == "month") a.month = when.month;
    if (m == "day") a.day = when.day;
    if (m == "hour") a.hour = when.hour;
    if (m == "minute") a.minute = when.minute;
    if (m == "second") a.second = when.second;
  }
  clock->set_alarm(a);
  const Alarm back = clock->read_alarm();
  emit(o, describe(back), to_json(back));
}

void show_alarm(const Options& o) {
  auto clock = open_clock(o);
  const Alarm a = clock->read_alarm();
  auto j = to_json(a);
  if (auto p = clock->alarm_pending()) j["pending"] = *p;
  emit(o, describe(a), j);
}

void clear(const Options& o) {
  auto clock = open_clock(o);
  clock->clear_alarm();
  emit(o, "alarm cleared", {{"cleared", true}});
}

void wait(const Options& o, double timeout) {
  auto clock = open_clock(o);
  std::optional<std::chrono::milliseconds> t;
  if (timeout > 0) t = std::chrono::milliseconds(static_cast<long>(timeout * 1000));
  const bool by_irq = clock->wait_alarm(t);
  const DateTime now = clock->read_time();
  emit(o,
       std::string("alarm fired at ") + format_iso8601(now) +
           (by_irq ? " (interrupt through " + (clock->irq() ? clock->irq()->describe() : std::string("?")) + ")"
                   : " (seen pending; the interrupt line did not announce it)"),
       {{"fired", format_iso8601(now)}, {"interrupt", by_irq}});
}

}  // namespace

void add_alarm_commands(CLI::App& app, Options& o) {
  auto* alarm = app.add_subcommand("alarm", "the RTC alarm");
  alarm->require_subcommand(1);
  static AlarmArgs args;

  auto* s = alarm->add_subcommand("set", "set the alarm: a TIME, or --in SECONDS from the RTC's time");
  s->add_option("time", args.time, "ISO 8601, UTC");
  s->add_option("--in", args.in, "seconds from now (the RTC's now)")->check(CLI::Range(0, 86400 * 366));
  s->add_option("--match", args.match,
                "fields that must match (default all; an RTC that compares whole times refuses fewer)")
      ->delimiter(',')
      ->check(CLI::IsMember({"year", "month", "day", "hour", "minute", "second"}));
  s->add_flag("--disabled", args.disabled, "write the alarm but leave it disabled");
  s->callback([&o] { set(o, args); });

  alarm->add_subcommand("show", "print the alarm (fields not compared show as *)")->callback([&o] { show_alarm(o); });
  alarm->add_subcommand("clear", "disable the alarm and clear a pending one")->callback([&o] { clear(o); });

  auto* w = alarm->add_subcommand("wait", "block until the alarm fires (interrupt through UIO)");
  w->add_option("--timeout", args.timeout, "seconds (0: forever); exit status 124 when it passes");
  w->callback([&o] { wait(o, args.timeout); });
}

}  // namespace uiokit::rtc::cli
