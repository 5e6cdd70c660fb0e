// SPDX-License-Identifier: MIT
// `uiokit reg snapshot | diff | restore`: save every register that can be read without side
// effects as JSON, compare two snapshots (or one with the device now) field by field, and write
// a snapshot back where that is safe (tools/reg_restore.hpp says what is skipped and why).
//
//   uiokit reg --svd FILE -d ADDRESS snapshot [-o FILE]
//   uiokit reg diff BEFORE.json AFTER.json
//   uiokit reg --svd FILE -d ADDRESS diff BEFORE.json        (against the device now)
//   uiokit reg --svd FILE -d ADDRESS restore SNAPSHOT.json [--dry-run]
#if defined(UIOKIT_HAVE_SVD) && __has_include(<nlohmann/json.hpp>)
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/reg_command.hpp"
#include "reg_diff.hpp"
#include "reg_restore.hpp"
#include "reg_snapshot.hpp"

namespace uiokit::cli {
namespace {

const svd::Device& need_svd(const Session& s, const char* what) {
  if (!s.svd())
    throw Error(Errc::invalid_argument, what, "needs an SVD description", {}, 0, "pass --svd FILE or --svd NAME");
  return *s.svd();
}

RegisterReader reader(Session& s, Transport& region) {
  return [&s, &region](Resolved& r) { return s.load(r, region); };
}

json live_snapshot(Session& s, const char* what) {
  const auto& dev = need_svd(s, what);
  Transport& region = s.region(dev.peripherals.empty() ? nullptr : &dev.peripherals.front(), false);
  return take_snapshot(dev, reader(s, region), s.options().force, s.options().device.empty() ? region.describe() : s.options().device);
}

void cmd_snapshot(Session& s, const std::string& output) {
  const json snap = live_snapshot(s, "snapshot");
  if (output.empty() || output == "-") {
    std::cout << snap.dump(2) << "\n";
    return;
  }
  std::ofstream out(output);
  out << snap.dump(2) << "\n";
  out.close();
  if (!out) throw Error(Errc::io_failed, output, "cannot write the snapshot", {}, errno);
  std::printf("%s: %zu registers of %s\n", output.c_str(), snap["registers"].size(), snap["device"]["name"].get<std::string>().c_str());
  for (const auto& k : snap["skipped"])
    std::printf("  skipped %s: %s\n", k["name"].get<std::string>().c_str(), k["reason"].get<std::string>().c_str());
}

void cmd_diff(Session& s, const std::string& first, const std::string& second) {
  const json before = load_snapshot(first);
  json after;
  if (second.empty()) {
    after = live_snapshot(s, "diff against the device");
    check_same_device(*s.svd(), before, first);
  } else {
    after = load_snapshot(second);
    if (before["device"] != after["device"] || before["peripherals"] != after["peripherals"])
      throw Error(Errc::invalid_argument, second, "is a snapshot of another device than " + first);
  }
  const json changes = diff_snapshots(before, after);
  if (s.options().json) std::cout << changes.dump(2) << "\n";
  else print_diff(changes);
}

void cmd_restore(Session& s, const std::string& file) {
  const json snap = load_snapshot(file);
  const auto& dev = need_svd(s, "restore");
  check_same_device(dev, snap, file);
  Transport& region = s.region(dev.peripherals.empty() ? nullptr : &dev.peripherals.front(), !s.options().dry_run);
  RestorePlan plan = plan_restore(dev, snap, reader(s, region));
  for (auto& w : plan.writes) s.store(w.target, region, w.value);
  if (s.options().json) std::cout << plan_json(plan, s.options().dry_run).dump(2) << "\n";
  else print_plan(plan, s.options().dry_run);
}

void setup_snapshot(CLI::App& reg, std::shared_ptr<const RegOptions> o) {
  auto output = std::make_shared<std::string>();
  auto* sn = reg.add_subcommand("snapshot", "save every register readable without side effects, decoded, as JSON");
  sn->add_option("-o,--output", *output, "file to write (default: standard output)");
  sn->callback([o, output] {
    Session s(*o);
    cmd_snapshot(s, *output);
  });
}

void setup_diff(CLI::App& reg, std::shared_ptr<const RegOptions> o) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* df = reg.add_subcommand("diff", "compare two snapshots, or a snapshot with the device now, field by field");
  df->add_option("snapshots", *files, "BEFORE.json [AFTER.json]; without AFTER the device is read (needs --svd and -d)")
      ->required()->expected(1, 2);
  df->callback([o, files] {
    Session s(*o);
    cmd_diff(s, files->at(0), files->size() > 1 ? files->at(1) : std::string());
  });
}

void setup_restore(CLI::App& reg, std::shared_ptr<const RegOptions> o) {
  auto file = std::make_shared<std::string>();
  auto* rs = reg.add_subcommand("restore", "write a snapshot back: only registers writable without side effects");
  rs->add_option("snapshot", *file, "a file from `uiokit reg snapshot`")->required();
  rs->callback([o, file] {
    Session s(*o);
    cmd_restore(s, *file);
  });
}

// In this order in `uiokit reg --help`.
UIOKIT_REG_COMMAND("snapshot", setup_snapshot);
UIOKIT_REG_COMMAND("diff", setup_diff);
UIOKIT_REG_COMMAND("restore", setup_restore);

}  // namespace
}  // namespace uiokit::cli
#endif
