// SPDX-License-Identifier: MIT
// Decoded register values as text and JSON (uiokit/svd/report.hpp).
#include "uiokit/svd/report.hpp"

#include <cstdio>

#include "uiokit/error.hpp"

namespace uiokit::svd {

using json = nlohmann::ordered_json;

namespace {
std::string bit_range(const Field& f) {
  return f.width == 1 ? std::to_string(f.lsb) : std::to_string(f.lsb + f.width - 1) + ":" + std::to_string(f.lsb);
}
}  // namespace

std::string hexw(std::uint64_t v, unsigned bits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%0*llx", static_cast<int>(bits / 4), static_cast<unsigned long long>(v));
  return buf;
}

json field_json(const Field& f, std::uint64_t reg_value) {
  json j;
  const auto v = f.extract(reg_value);
  j["bits"] = bit_range(f);
  j["value"] = v;
  if (const auto* e = f.enum_for(v)) j["enum"] = e->name;
  j["access"] = to_string(f.access);
  if (f.modified_write != ModifiedWrite::none) j["modifiedWriteValues"] = to_string(f.modified_write);
  return j;
}

json value_json(const Shown& r, std::uint64_t value, std::optional<std::uint64_t> phys) {
  json j;
  j["name"] = r.name;
  j["offset"] = r.offset;
  if (phys) j["address"] = *phys + r.offset;
  if (r.field) {
    const auto v = r.field->extract(value);
    j["value"] = v;
    j["register_value"] = value;
    if (const auto* e = r.field->enum_for(v)) j["enum"] = e->name;
    return j;
  }
  j["value"] = value;
  j["hex"] = hexw(value, r.bits);
  if (r.reg) {
    j["reset_value"] = r.reg->reset_value & r.reg->value_mask();
    j["reset_mask"] = r.reg->reset_mask & r.reg->value_mask();
  }
  if (r.reg && !r.reg->fields.empty()) {
    json fields = json::object();
    for (const auto& f : r.reg->fields) fields[f.name] = field_json(f, value);
    j["fields"] = fields;
  }
  return j;
}

json skipped_json(const Shown& s, const std::string& why) {
  return json{{"name", s.name}, {"offset", s.offset}, {"skipped", why}};
}

std::string format_value(const Shown& r, std::uint64_t value, bool reset) {
  char line[256];
  if (r.field) {
    const auto v = r.field->extract(value);
    std::string out = r.name + " = " + hex(v);
    if (const auto* e = r.field->enum_for(v)) out += " (" + e->name + ")";
    return out + "\n";
  }
  std::snprintf(line, sizeof line, "%-28s [%s] = %s", r.name.c_str(), hex(r.offset).c_str(), hexw(value, r.bits).c_str());
  std::string out = line;
  const Register* g = r.reg;
  const std::uint64_t defined = g ? g->reset_mask & g->value_mask() : 0;
  if (reset && g) {
    out += "  (reset " + hexw(g->reset_value & defined, r.bits);
    if (defined != g->value_mask()) out += ", defined bits " + hexw(defined, r.bits);
    out += ")";
  }
  out += "\n";
  if (!g) return out;
  for (auto it = g->fields.rbegin(); it != g->fields.rend(); ++it) {
    const auto& f = *it;
    const auto v = f.extract(value);
    std::snprintf(line, sizeof line, "    %-20s [%5s] = %-10s", f.name.c_str(), bit_range(f).c_str(), hex(v).c_str());
    out += line;
    if (const auto* e = f.enum_for(v)) out += " " + e->name;
    if (f.modified_write == ModifiedWrite::one_to_clear) out += "  (w1c)";
    // A field is compared with its reset value only where the reset mask defines all its bits.
    if (reset && (defined & f.mask()) == f.mask() && f.extract(g->reset_value) != v) out += "  (reset " + hex(f.extract(g->reset_value)) + ")";
    out += "\n";
  }
  return out;
}

std::string format_skipped(const Shown& s, const std::string& why) {
  char line[256];
  std::snprintf(line, sizeof line, "%-28s [%s]   (not read: %s)\n", s.name.c_str(), hex(s.offset).c_str(), why.c_str());
  return line;
}

std::string format_heading(const Peripheral& p) {
  std::string out = p.name;
  if (!p.description.empty()) out += ": " + std::string(p.description);
  return out + "\n";
}

std::string dump_skip(const Register& r, bool force) {
  if (!readable(r.access)) return "write-only";
  if (r.read_has_side_effects() && !force) return "read has side effects; --force reads it";
  return {};
}

}  // namespace uiokit::svd
