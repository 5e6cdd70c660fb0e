// SPDX-License-Identifier: MIT
#include "cli/reg_print.hpp"
#if defined(UIOKIT_HAVE_SVD) && __has_include(<nlohmann/json.hpp>)

#include <cstdio>

#include "uiokit/address/address.hpp"
#include "uiokit/svd/locate.hpp"
#include "uiokit/svd/parse.hpp"

namespace uiokit::cli {

namespace {
json field_json(const svd::Field& f, std::uint64_t reg_value) {
  json j;
  const auto v = f.extract(reg_value);
  j["bits"] = f.width == 1 ? std::to_string(f.lsb) : std::to_string(f.lsb + f.width - 1) + ":" + std::to_string(f.lsb);
  j["value"] = v;
  if (const auto* e = f.enum_for(v)) j["enum"] = e->name;
  j["access"] = svd::to_string(f.access);
  if (f.modified_write != svd::ModifiedWrite::none) j["modifiedWriteValues"] = svd::to_string(f.modified_write);
  return j;
}

}  // namespace

json value_json(const Resolved& r, std::uint64_t value, std::optional<std::uint64_t> phys) {
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
  if (r.reg && !r.reg->fields.empty()) {
    json fields = json::object();
    for (const auto& f : r.reg->fields) fields[f.name] = field_json(f, value);
    j["fields"] = fields;
  }
  return j;
}

void print_value(const Resolved& r, std::uint64_t value) {
  if (r.field) {
    const auto v = r.field->extract(value);
    std::printf("%s = %s", r.name.c_str(), hex(v).c_str());
    if (const auto* e = r.field->enum_for(v)) std::printf(" (%s)", e->name.c_str());
    std::printf("\n");
    return;
  }
  std::printf("%-28s [%s] = %s\n", r.name.c_str(), hex(r.offset).c_str(), hexw(value, r.bits).c_str());
  if (!r.reg) return;
  for (auto it = r.reg->fields.rbegin(); it != r.reg->fields.rend(); ++it) {
    const auto& f = *it;
    const auto v = f.extract(value);
    std::string bits = f.width == 1 ? std::to_string(f.lsb) : std::to_string(f.lsb + f.width - 1) + ":" + std::to_string(f.lsb);
    std::printf("    %-20s [%5s] = %-10s", f.name.c_str(), bits.c_str(), hex(v).c_str());
    if (const auto* e = f.enum_for(v)) std::printf(" %s", e->name.c_str());
    if (f.modified_write == svd::ModifiedWrite::one_to_clear) std::printf("  (w1c)");
    std::printf("\n");
  }
}

std::string hexw(std::uint64_t v, unsigned bits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%0*llx", static_cast<int>(bits / 4), static_cast<unsigned long long>(v));
  return buf;
}

json model_json(const svd::Device& d) {
  json ps = json::array();
  for (const auto& p : d.peripherals) {
    json rs = json::array();
    for (const auto& r : p.registers) {
      json fs = json::array();
      for (const auto& f : r.fields)
        fs.push_back(json{{"name", f.name}, {"lsb", f.lsb}, {"width", f.width}, {"access", svd::to_string(f.access)}});
      rs.push_back(json{{"name", r.name}, {"offset", r.offset}, {"size", r.size}, {"access", svd::to_string(r.access)},
                        {"reset_value", r.reset_value}, {"reset_mask", r.reset_mask}, {"fields", fs}});
    }
    ps.push_back(json{{"name", p.name}, {"base", p.base}, {"block_size", p.block_size}, {"registers", rs}});
  }
  return json{{"device", d.name}, {"source", d.source}, {"warnings", d.warnings}, {"peripherals", ps}};
}

svd::Device load_svd(const std::string& name_or_path, bool keep_duplicates) {
  svd::Limits limits;
  limits.keep_duplicates = keep_duplicates;
  auto d = svd::load(svd::locate(name_or_path), limits);
  for (const auto& w : d.warnings) std::fprintf(stderr, "%s\n", w.c_str());
  return d;
}

}  // namespace uiokit::cli
#endif
