// SPDX-License-Identifier: MIT
#include "reg_diff.hpp"

#include <cstdio>
#include <map>
#include <string>

namespace uiokit::cli {
namespace {

std::map<std::string, const json*> by_name(const json& snapshot) {
  std::map<std::string, const json*> m;
  for (const auto& r : snapshot.at("registers")) m[r.at("name").get<std::string>()] = &r;
  return m;
}

void add_enum(json& change, const char* key, const json& field) {
  if (field.contains("enum")) change[key] = field["enum"];
}

std::string shown(const json& change, const char* value, const char* enum_key) {
  std::string s = hex(change[value].get<std::uint64_t>());
  if (change.contains(enum_key)) s += " (" + change[enum_key].get<std::string>() + ")";
  return s;
}

}  // namespace

void diff_register(const std::string& name, const json& a, const json& b, json& out) {
  if (a.at("value") == b.at("value")) return;
  if (!a.contains("fields") || !b.contains("fields")) {
    json change{{"name", name}, {"before", a["value"]}, {"after", b["value"]}};
    add_enum(change, "before_enum", a);
    add_enum(change, "after_enum", b);
    out.push_back(std::move(change));
    return;
  }
  for (const auto& [field, fb] : b["fields"].items()) {
    if (!a["fields"].contains(field)) continue;
    const json& fa = a["fields"][field];
    if (fa.at("value") == fb.at("value")) continue;
    json change{{"name", name + "." + field}, {"bits", fb["bits"]}, {"before", fa["value"]}, {"after", fb["value"]}};
    add_enum(change, "before_enum", fa);
    add_enum(change, "after_enum", fb);
    out.push_back(std::move(change));
  }
}

json diff_snapshots(const json& before, const json& after) {
  json out = json::array();
  const auto a = by_name(before), b = by_name(after);
  for (const auto& [name, ra] : a) {
    auto it = b.find(name);
    if (it == b.end()) out.push_back(json{{"name", name}, {"only_in", "before"}});
    else diff_register(name, *ra, *it->second, out);
  }
  for (const auto& [name, rb] : b)
    if (!a.count(name)) out.push_back(json{{"name", name}, {"only_in", "after"}});
  return out;
}

void print_changes(const json& changes, const char* indent) {
  for (const auto& c : changes) {
    const std::string name = c["name"].get<std::string>();
    if (c.contains("only_in")) {
      std::printf("%s%-36s only in the %s snapshot\n", indent, name.c_str(), c["only_in"] == "before" ? "first" : "second");
      continue;
    }
    const std::string bits = c.contains("bits") ? "[" + c["bits"].get<std::string>() + "]" : "";
    std::printf("%s%-30s %7s  %s -> %s\n", indent, name.c_str(), bits.c_str(), shown(c, "before", "before_enum").c_str(),
                shown(c, "after", "after_enum").c_str());
  }
}

void print_diff(const json& changes) {
  print_changes(changes);
  std::printf("%zu difference%s\n", changes.size(), changes.size() == 1 ? "" : "s");
}

}  // namespace uiokit::cli
