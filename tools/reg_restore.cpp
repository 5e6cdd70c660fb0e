// SPDX-License-Identifier: MIT
#include "reg_restore.hpp"

#include <cstdio>

#include "uiokit/svd/write.hpp"

namespace uiokit::cli {
namespace {

bool any_write_changes(reg::Access a) { return reg::on_write(a) == reg::OnWrite::clears || reg::on_write(a) == reg::OnWrite::sets; }
std::string modified_write(reg::Access a) { return std::string(reg::svd_name(reg::on_write(a))); }

// Why the register cannot be restored, or "". `settable` gets the bits that take the
// snapshot's value, `notes` the fields written as their no-op value.
std::string restore_skip_reason(const svd::Register& r, std::uint64_t& settable, std::vector<std::string>& notes) {
  if (!reg::can_write(r.access)) return "read-only";
  if (write_once(r.access)) return "write-once";
  if (r.read_has_side_effects()) return "read has side effects (readAction)";
  if (any_write_changes(r.access)) return "any write changes it (modifiedWriteValues " + modified_write(r.access) + ")";
  settable = 0;
  if (r.fields.empty()) {
    if (reg::has_neutral_value(r.access)) return "write has side effects (modifiedWriteValues " + modified_write(r.access) + ")";
    settable = r.value_mask();
    return {};
  }
  for (const auto& f : r.fields) {
    if (write_once(f.access)) return "field " + f.name + " is write-once";
    if (any_write_changes(f.access))
      return "any write changes field " + f.name + " (modifiedWriteValues " + modified_write(f.access) + ")";
    if (reg::has_neutral_value(f.access)) {
      notes.push_back(f.name + ": " + modified_write(f.access) + ", written as its no-op value");
      continue;
    }
    if (reg::can_write(f.access)) settable |= f.mask();
  }
  if (!settable) {
    std::string fields;
    for (const auto& f : r.fields)
      if (reg::has_neutral_value(f.access)) fields += (fields.empty() ? " (" : ", ") + f.name + ": " + modified_write(f.access);
    return fields.empty() ? "every field is read-only" : "no field can be written without side effects" + fields + ")";
  }
  return {};
}

}  // namespace

RestorePlan plan_restore(const svd::Device& device, const json& snapshot, const RegisterReader& read) {
  check_same_device(device, snapshot, "the snapshot");
  RestorePlan plan;
  for (const auto& entry : snapshot.at("registers")) {
    const std::string name = entry.at("name").get<std::string>();
    const svd::Peripheral* p = nullptr;
    const svd::Register* rg = nullptr;
    for (const auto& cand : device.peripherals)
      if (cand.name == entry.value("peripheral", ""))
        for (const auto& r : cand.registers)
          if (r.name == entry.value("register", "")) p = &cand, rg = &r;
    if (!rg) {
      plan.skipped.emplace_back(name, "not in the SVD file");
      continue;
    }
    RestoreWrite w{resolved(*p, *rg), 0, 0, {}};
    std::uint64_t settable = 0;
    if (auto why = restore_skip_reason(*rg, settable, w.notes); !why.empty()) {
      plan.skipped.emplace_back(name, why);
      continue;
    }
    const std::uint64_t want = entry.at("value").get<std::uint64_t>() & rg->value_mask();
    w.before = read(w.target);
    if ((w.before & settable) == (want & settable)) {
      plan.unchanged.push_back(name);
      continue;
    }
    w.value = svd::neutralize(*rg, (want & settable) | (w.before & ~settable));
    plan.writes.push_back(std::move(w));
  }
  for (const auto& s : snapshot.value("skipped", json::array()))
    plan.skipped.emplace_back(s.value("name", ""), "not in the snapshot: " + s.value("reason", ""));
  return plan;
}

json plan_json(const RestorePlan& plan, bool dry_run) {
  json writes = json::array(), skipped = json::array();
  for (const auto& w : plan.writes)
    writes.push_back(json{{"name", w.target.name}, {"offset", w.target.offset}, {"before", w.before}, {"written", w.value}, {"notes", w.notes}});
  for (const auto& [name, why] : plan.skipped) skipped.push_back(json{{"name", name}, {"reason", why}});
  return json{{"dry_run", dry_run}, {"writes", writes}, {"unchanged", plan.unchanged}, {"skipped", skipped}};
}

void print_plan(const RestorePlan& plan, bool dry_run) {
  for (const auto& w : plan.writes) {
    std::printf("%-28s [%s] %s -> %s%s\n", w.target.name.c_str(), hex(w.target.offset).c_str(), hexw(w.before, w.target.bits).c_str(),
                hexw(w.value, w.target.bits).c_str(), dry_run ? " (dry run: not written)" : "");
    for (const auto& n : w.notes) std::printf("    %s\n", n.c_str());
  }
  for (const auto& [name, why] : plan.skipped) std::printf("%-28s skipped: %s\n", name.c_str(), why.c_str());
  std::printf("%zu %s, %zu unchanged, %zu skipped\n", plan.writes.size(), dry_run ? "to write (dry run: nothing written)" : "written",
              plan.unchanged.size(), plan.skipped.size());
}

}  // namespace uiokit::cli
