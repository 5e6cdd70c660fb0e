// SPDX-License-Identifier: MIT
// Decoded register values as text and JSON (uiokit/reg/report.hpp).
#include "uiokit/reg/report.hpp"

#include <cstdio>

#include "uiokit/error.hpp"
#include "uiokit/reg/bcd.hpp"

namespace uiokit::reg {

using json = nlohmann::ordered_json;

namespace {
std::string bit_range(const model::Field& f) {
  return f.width == 1 ? std::to_string(f.lsb) : std::to_string(f.lsb + f.width - 1) + ":" + std::to_string(f.lsb);
}

// What a field's raw value means beyond its bits: the decimal of its BCD digits.
void decode_json(const model::Field& f, std::uint64_t v, json& j) {
  if (f.encoding != Encoding::bcd) return;
  if (const auto dec = bcd_value(v, f.width)) j["bcd"] = *dec;
  else j["bcd_error"] = "invalid BCD";
}
std::string decode_text(const model::Field& f, std::uint64_t v) {
  if (f.encoding != Encoding::bcd) return {};
  const auto dec = bcd_value(v, f.width);
  return dec ? "  (BCD " + std::to_string(*dec) + ")" : "  (invalid BCD)";
}

// A register's line in place of its value.
std::string note_line(const Shown& s, const std::string& note) {
  char line[256];
  std::snprintf(line, sizeof line, "%-28s [%s]   (%s)\n", s.name.c_str(), hex(s.offset).c_str(), note.c_str());
  return line;
}
}  // namespace

Shown shown(const model::Peripheral& p, const model::Register& r) {
  return Shown{p.name + "." + r.name, r.offset, r.size, &p, &r, nullptr};
}

std::string hexw(std::uint64_t v, unsigned bits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%0*llx", static_cast<int>(bits / 4), static_cast<unsigned long long>(v));
  return buf;
}

json field_json(const model::Field& f, std::uint64_t reg_value) {
  json j;
  const auto v = f.extract(reg_value);
  j["bits"] = bit_range(f);
  j["value"] = v;
  if (const auto* e = f.enum_for(v)) j["enum"] = e->name;
  decode_json(f, v, j);
  j["access"] = std::string(svd_name(f.access));
  if (on_write(f.access) != OnWrite::plain) j["modifiedWriteValues"] = std::string(svd_name(on_write(f.access)));
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
    decode_json(*r.field, v, j);
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

json unreadable_json(const Shown& s, const std::string& why) {
  return json{{"name", s.name}, {"offset", s.offset}, {"error", why}};
}

std::string format_value(const Shown& r, std::uint64_t value, bool reset) {
  char line[256];
  if (r.field) {
    const auto v = r.field->extract(value);
    std::string out = r.name + " = " + hex(v);
    if (const auto* e = r.field->enum_for(v)) out += " (" + e->name + ")";
    return out + decode_text(*r.field, v) + "\n";
  }
  std::snprintf(line, sizeof line, "%-28s [%s] = %s", r.name.c_str(), hex(r.offset).c_str(), hexw(value, r.bits).c_str());
  std::string out = line;
  const model::Register* g = r.reg;
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
    out += decode_text(f, v);
    if (on_write(f.access) == OnWrite::one_clears) out += "  (w1c)";
    // A field is compared with its reset value only where the reset mask defines all its bits.
    if (reset && (defined & f.mask()) == f.mask() && f.extract(g->reset_value) != v) out += "  (reset " + hex(f.extract(g->reset_value)) + ")";
    out += "\n";
  }
  return out;
}

std::string format_skipped(const Shown& s, const std::string& why) { return note_line(s, "not read: " + why); }
std::string format_unreadable(const Shown& s, const std::string& why) { return note_line(s, "cannot be read: " + why); }

std::string format_heading(const model::Peripheral& p) {
  std::string out = p.name;
  if (!p.description.empty()) out += ": " + std::string(p.description);
  return out + "\n";
}

std::string dump_skip(const model::Register& r, bool force) {
  if (!can_read(r.access)) return "write-only";
  if (r.read_has_side_effects() && !force) return "read has side effects; --force reads it";
  return {};
}

}  // namespace uiokit::reg
