// SPDX-License-Identifier: MIT
#include "uiokit/reg/dump.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "uiokit/error.hpp"

namespace uiokit::reg {

namespace {
std::uint64_t field_bits(const FieldDesc& f, std::uint64_t value) { return (value & f.mask()) >> f.lsb; }

std::optional<std::uint64_t> bcd_value(std::uint64_t raw, unsigned width) {
  std::uint64_t dec = 0, scale = 1;
  for (unsigned shift = 0; shift < width; shift += 4) {
    const auto digit = (raw >> shift) & 0xf;
    if (digit > 9) return std::nullopt;
    dec += digit * scale;
    scale *= 10;
  }
  return dec;
}

std::string hex_width(std::uint64_t v, unsigned bits) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%0*llx", static_cast<int>((bits + 3) / 4), static_cast<unsigned long long>(v));
  return buf;
}
}  // namespace

std::string decode_field(const FieldDesc& f, std::uint64_t register_value) {
  const auto raw = field_bits(f, register_value);
  switch (f.encoding) {
    case Encoding::bcd: {
      const auto dec = bcd_value(raw, f.width);
      return dec ? std::to_string(*dec) : "invalid BCD " + hex(raw);
    }
    default:
      for (const auto& v : f.values)
        if (v.value == raw) return v.name + " (" + std::to_string(raw) + ")";
      return f.width > 8 ? hex(raw) : std::to_string(raw);
  }
}

Dump make_dump(BlockDesc block, const std::function<std::uint64_t(const RegDesc&)>& reader,
               const DumpOptions& options, std::optional<std::uint64_t> base_address) {
  Dump d{std::move(block), base_address, {}};
  d.rows.reserve(d.block.registers.size());
  for (const auto& r : d.block.registers) {
    DumpRow row{&r, std::nullopt, {}};
    if (!can_read(r.access))
      row.note = "write-only";
    else if (read_has_side_effect(r.access) && !options.read_side_effects)
      row.note = "not read: reading clears it";
    else
      row.value = reader(r);
    d.rows.push_back(std::move(row));
  }
  return d;
}

std::string to_text(const Dump& d) {
  std::string out = d.block.name;
  if (d.base_address) out += " at " + hex(*d.base_address);
  out += "\n";
  for (const auto& row : d.rows) {
    const auto& r = *row.reg;
    char head[96];
    std::snprintf(head, sizeof head, "  %s %-12s %-3s ", hex_width(r.offset, 12).c_str(), r.name.c_str(),
                  std::string(to_string(r.access)).c_str());
    out += head;
    if (!row.value) {
      out += "(" + row.note + ")\n";
      continue;
    }
    out += hex_width(*row.value, r.width);
    for (const auto& f : r.fields) out += "  " + f.name + "=" + decode_field(f, *row.value);
    out += "\n";
  }
  return out;
}

std::string to_json(const Dump& d, int indent) {
  using nlohmann::json;
  json regs = json::array();
  for (const auto& row : d.rows) {
    const auto& r = *row.reg;
    json jr{{"name", r.name}, {"offset", r.offset}, {"width", r.width}, {"access", to_string(r.access)}};
    if (d.base_address) jr["address"] = *d.base_address + r.offset;
    if (row.value) {
      jr["value"] = *row.value;
      json fields = json::object();
      for (const auto& f : r.fields) {
        const auto raw = field_bits(f, *row.value);
        json jf{{"raw", raw}, {"lsb", f.lsb}, {"width", f.width}};
        if (f.encoding == Encoding::bcd) {
          if (auto dec = bcd_value(raw, f.width)) jf["value"] = *dec;
          else jf["error"] = "invalid BCD";
        }
        for (const auto& v : f.values)
          if (v.value == raw) jf["name"] = v.name;
        fields[f.name] = std::move(jf);
      }
      jr["fields"] = std::move(fields);
    } else {
      jr["skipped"] = row.note;
    }
    regs.push_back(std::move(jr));
  }
  json out{{"block", d.block.name}, {"size", d.block.size}, {"registers", std::move(regs)}};
  if (d.base_address) out["address"] = *d.base_address;
  return out.dump(indent);
}

}  // namespace uiokit::reg
