// SPDX-License-Identifier: MIT
#include "reg_access.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "reg_print.hpp"
#include "uiokit/svd/write.hpp"

namespace uiokit::cli {

void emit(const RegOptions& o, const json& j) {
  if (!o.json) return;
  std::fputs(j.dump(2).c_str(), stdout);
  std::fputc('\n', stdout);
}

void reg_read(Session& s, const std::vector<std::string>& targets) {
  std::vector<Resolved> rs;
  for (const auto& t : targets) {
    rs.push_back(s.resolve(t));
    if (rs.back().reg) svd::check_readable(*rs.back().reg, s.options().force, rs.back().name);
  }
  Transport& reg = s.region(rs.empty() ? nullptr : rs.front().peripheral, false);
  json out = json::array();
  for (auto& r : rs) {
    const auto v = s.load(r, reg);
    if (s.options().json) out.push_back(value_json(r, v, reg.address()));
    else print_value(r, v, s.options().reset);
  }
  emit(s.options(), rs.size() == 1 && s.options().json ? out[0] : out);
}

namespace {

void report_write(Session& s, const Resolved& r, std::optional<std::uint64_t> before, std::uint64_t written) {
  if (s.options().json) {
    json j;
    j["name"] = r.name;
    j["offset"] = r.offset;
    if (before) j["before"] = *before;
    j["written"] = written;
    j["dry_run"] = s.options().dry_run;
    emit(s.options(), j);
  } else {
    std::printf("%s [%s] %s %s%s\n", r.name.c_str(), hex(r.offset).c_str(),
                before ? (hexw(*before, r.bits) + " ->").c_str() : "<-", hexw(written, r.bits).c_str(),
                s.options().dry_run ? " (dry run: not written)" : "");
  }
}

// The current value for a read-modify-write, or nothing when the register cannot be read
// (write-only) — the reset value stands in then. A read with side effects needs --force.
std::optional<std::uint64_t> current(Session& s, Resolved& r, Transport& reg) {
  if (r.reg && !reg::can_read(r.reg->access)) return std::nullopt;
  if (r.reg) svd::check_readable(*r.reg, s.options().force, r.name + " (read for read-modify-write)");
  return s.load(r, reg);
}

}  // namespace

void reg_write(Session& s, const std::string& target, const std::string& value_text) {
  Resolved r = s.resolve(target);
  if (!r.reg) {
    auto v = parse_number(value_text);
    if (!v) throw Error(Errc::invalid_argument, value_text, "not a number");
    if (r.bits < 64 && (*v >> r.bits)) throw Error(Errc::invalid_argument, value_text, "does not fit " + std::to_string(r.bits) + " bits; nothing written");
    Transport& reg = s.region(nullptr, true);
    s.store(r, reg, *v);
    report_write(s, r, std::nullopt, *v);
    return;
  }
  svd::check_writable(*r.reg, r.field, r.name);
  if (!r.field) {
    auto v = parse_number(value_text);
    if (!v) throw Error(Errc::invalid_argument, value_text, "not a number");
    svd::check_register_value(*r.reg, *v, r.name);
    Transport& reg = s.region(r.peripheral, true);
    s.place(r, reg);
    s.store(r, reg, *v);
    report_write(s, r, std::nullopt, *v);
    return;
  }
  const auto v = svd::parse_field_value(*r.field, value_text, r.name);
  Transport& reg = s.region(r.peripheral, true);
  const auto cur = current(s, r, reg);
  const auto planned = svd::plan_field_write(*r.reg, *r.field, v, cur);
  s.store(r, reg, planned);
  report_write(s, r, cur, planned);
}

void reg_modify(Session& s, const std::string& target, const std::string& set_text, const std::string& clear_text,
                const std::vector<std::string>& assignments) {
  Resolved r = s.resolve(target);
  if (r.field) throw Error(Errc::invalid_argument, r.name, "modify takes a register; to set a field use write " + r.name + " VALUE");
  auto mask = [&](const std::string& t) -> std::uint64_t {
    if (t.empty()) return 0;
    auto v = parse_number(t);
    if (!v) throw Error(Errc::invalid_argument, t, "not a number");
    if (r.bits < 64 && (*v >> r.bits)) throw Error(Errc::invalid_argument, t, "does not fit " + std::to_string(r.bits) + " bits; nothing written");
    return *v;
  };
  std::uint64_t set = mask(set_text), clear = mask(clear_text);
  if (set & clear) throw Error(Errc::invalid_argument, r.name, "--set and --clear overlap");
  if (r.reg) svd::check_mask_writable(*r.reg, set | clear, r.name);
  for (const auto& a : assignments) {
    if (!r.reg) throw Error(Errc::invalid_argument, a, "FIELD=VALUE needs an SVD register");
    auto eq = a.find('=');
    if (eq == std::string::npos) throw Error(Errc::invalid_argument, a, "expected FIELD=VALUE");
    auto t = s.find(r.name + "." + a.substr(0, eq));
    if (t.reg != r.reg || !t.field) throw Error(Errc::not_found, a.substr(0, eq), "not a field of " + r.name);
    svd::check_writable(*r.reg, t.field, t.name());
    const auto v = svd::parse_field_value(*t.field, a.substr(eq + 1), t.name());
    clear |= t.field->mask() & ~(v << t.field->lsb);
    set |= (v << t.field->lsb) & t.field->mask();
  }
  if (r.reg) svd::check_writable(*r.reg, nullptr, r.name);
  Transport& reg = s.region(r.peripheral, true);
  const auto cur = current(s, r, reg);
  std::uint64_t planned;
  if (r.reg) planned = svd::plan_modify(*r.reg, set, clear, cur);
  else planned = (cur.value_or(0) & ~clear) | set;
  s.store(r, reg, planned);
  report_write(s, r, cur, planned);
}

}  // namespace uiokit::cli
