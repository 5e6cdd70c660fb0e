// SPDX-License-Identifier: MIT
// `uiokit reg watch`: poll registers and print every change, timestamped and decoded by field.
//
//   uiokit reg --svd FILE -d ADDRESS watch TARGET... [--interval MS] [--until NAME==VALUE]
//                                                    [--count N] [--timeout S]
//
// The first reading is printed whole; after it, each change prints the register's old and new
// value and the fields that changed. It stops when the --until condition holds (checked on the
// first reading too), after --count changes, or at --timeout: exit 0, except when a condition
// or a count was asked for and the timeout came first (exit status of Errc::timeout, 124).
// A register whose read has side effects (readAction) is refused unless --force.
#if defined(UIOKIT_HAVE_SVD) && __has_include(<nlohmann/json.hpp>)
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/reg_command.hpp"
#include "reg_diff.hpp"
#include "timestamp.hpp"
#include "uiokit/svd/write.hpp"

namespace uiokit::cli {
namespace {

struct WatchOptions {
  std::vector<std::string> targets;
  std::string until;
  unsigned interval_ms = 100;
  std::uint64_t count = 0;
  double timeout_s = 0;
};

// NAME==VALUE or NAME!=VALUE; VALUE may be an enumerated name of a field.
struct Condition {
  Resolved target;
  std::uint64_t value = 0;
  bool equal = true;
  std::string text;
  bool holds(std::uint64_t reg_value) const {
    const std::uint64_t v = target.field ? target.field->extract(reg_value) : reg_value;
    return (v == value) == equal;
  }
};

Condition parse_condition(Session& s, const std::string& text) {
  Condition c;
  c.text = text;
  auto op = text.find("==");
  if (op == std::string::npos) {
    op = text.find("!=");
    c.equal = false;
  }
  if (op == std::string::npos) throw Error(Errc::invalid_argument, text, "expected NAME==VALUE or NAME!=VALUE");
  c.target = s.resolve(text.substr(0, op));
  const std::string value = text.substr(op + 2);
  if (c.target.field) {
    c.value = svd::parse_field_value(*c.target.field, value, c.target.name);
  } else {
    auto v = parse_number(value);
    if (!v) throw Error(Errc::invalid_argument, value, "not a number");
    c.value = *v;
  }
  return c;
}

class Watch {
 public:
  Watch(Session& s, const WatchOptions& w) : s_(s), w_(w) {
    for (const auto& t : w.targets) targets_.push_back(s.resolve(t));
    if (!w.until.empty()) cond_ = parse_condition(s, w.until);
    for (auto* r : all())
      if (r->reg) svd::check_readable(*r->reg, s.options().force, r->name);
    region_ = &s.region(targets_.empty() ? nullptr : targets_.front().peripheral, false);
  }

  void run() {
    using clock = std::chrono::steady_clock;
    const auto deadline = w_.timeout_s > 0 ? clock::now() + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(w_.timeout_s))
                                           : clock::time_point::max();
    std::vector<json> last;
    for (auto& r : targets_) {
      last.push_back(value_json(r, s_.load(r, *region_), region_->address()));
      first(r, last.back());
    }
    if (met()) return;
    std::uint64_t changes = 0;
    for (;;) {
      const auto next = std::min(clock::now() + std::chrono::milliseconds(w_.interval_ms), deadline);
      std::this_thread::sleep_until(next);
      for (std::size_t i = 0; i < targets_.size(); ++i) {
        json now = value_json(targets_[i], s_.load(targets_[i], *region_), region_->address());
        if (now["value"] == last[i]["value"]) continue;
        changed(targets_[i], last[i], now);
        last[i] = std::move(now);
        if (w_.count && ++changes >= w_.count) return;
      }
      if (met()) return;
      if (clock::now() >= deadline) {
        if (cond_ || w_.count)
          throw Error(Errc::timeout, "watch", "timed out: " + (cond_ ? cond_->text + " did not hold" : std::to_string(changes) + " of " + std::to_string(w_.count) + " changes seen"));
        return;
      }
    }
  }

 private:
  std::vector<Resolved*> all() {
    std::vector<Resolved*> v;
    for (auto& r : targets_) v.push_back(&r);
    if (cond_) v.push_back(&cond_->target);
    return v;
  }

  bool met() {
    if (!cond_ || !cond_->holds(s_.load(cond_->target, *region_))) return false;
    if (s_.options().json) std::cout << json{{"time", timestamp()}, {"condition", cond_->text}, {"met", true}}.dump() << std::endl;
    else std::printf("%s  %s: met\n", timestamp().c_str(), cond_->text.c_str());
    std::fflush(stdout);
    return true;
  }

  void first(const Resolved& r, const json& j) {
    if (s_.options().json) {
      json line{{"time", timestamp()}};
      line.update(j);
      std::cout << line.dump() << std::endl;
      return;
    }
    std::printf("%s  ", timestamp().c_str());
    print_value(r, j.value("register_value", j["value"].get<std::uint64_t>()));
    std::fflush(stdout);
  }

  void changed(const Resolved& r, const json& before, const json& after) {
    json changes = json::array();
    diff_register(r.name, before, after, changes);
    if (s_.options().json) {
      std::cout << json{{"time", timestamp()}, {"name", r.name}, {"before", before["value"]}, {"after", after["value"]}, {"changes", changes}}.dump()
                << std::endl;
      return;
    }
    std::printf("%s  %s  %s -> %s\n", timestamp().c_str(), r.name.c_str(), hexw(before["value"].get<std::uint64_t>(), r.bits).c_str(),
                hexw(after["value"].get<std::uint64_t>(), r.bits).c_str());
    if (!r.field) print_changes(changes, "    ");
    std::fflush(stdout);
  }

  Session& s_;
  const WatchOptions& w_;
  std::vector<Resolved> targets_;
  std::optional<Condition> cond_;
  Transport* region_ = nullptr;
};

void setup_watch(CLI::App& reg, std::shared_ptr<const RegOptions> o) {
  auto w = std::make_shared<WatchOptions>();
  auto* wa = reg.add_subcommand("watch", "poll registers; print each change with a timestamp and the fields that changed");
  wa->add_option("target", w->targets, "offset or PERIPH.REG[.FIELD]")->required();
  wa->add_option("-i,--interval", w->interval_ms, "milliseconds between polls")->capture_default_str()->check(CLI::Range(1u, 3600000u));
  wa->add_option("--until", w->until, "stop when NAME==VALUE (or NAME!=VALUE) holds; VALUE may be an enumerated name");
  wa->add_option("-c,--count", w->count, "stop after this many changes");
  wa->add_option("-t,--timeout", w->timeout_s, "stop after this many seconds");
  wa->callback([o, w] {
    Session s(*o, w->targets);
    Watch(s, *w).run();
  });
}

UIOKIT_REG_COMMAND("watch", setup_watch);

}  // namespace
}  // namespace uiokit::cli
#endif
