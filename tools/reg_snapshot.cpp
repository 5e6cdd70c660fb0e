// SPDX-License-Identifier: MIT
#include "reg_snapshot.hpp"

#include <fstream>

namespace uiokit::cli {

Resolved resolved(const svd::Peripheral& p, const svd::Register& r) {
  Resolved out;
  out.name = p.name + "." + r.name;
  out.peripheral = &p;
  out.reg = &r;
  out.bits = r.size;
  return out;
}

std::string read_skip_reason(const svd::Register& r, bool force) {
  if (!reg::can_read(r.access)) return "write-only";
  if (r.read_has_side_effects() && !force) return "read has side effects (readAction); --force reads it";
  return {};
}

json take_snapshot(const svd::Device& device, const RegisterReader& read, bool force, std::string_view address) {
  json snap;
  snap["snapshot"] = 1;
  snap["device"] = json{{"name", device.name}, {"version", device.version}};
  snap["address"] = address;
  json peripherals = json::array(), registers = json::array(), skipped = json::array();
  for (const auto& p : device.peripherals) {
    peripherals.push_back(json{{"name", p.name}, {"base", p.base}});
    for (const auto& rg : p.registers) {
      Resolved r = resolved(p, rg);
      if (auto why = read_skip_reason(rg, force); !why.empty()) {
        skipped.push_back(json{{"name", r.name}, {"reason", why}});
        continue;
      }
      std::uint64_t v = 0;
      try {
        v = read(r);
      } catch (const Error& e) {
        if (e.code() != Errc::out_of_range && e.code() != Errc::misaligned) throw;
        skipped.push_back(json{{"name", r.name}, {"reason", e.what()}});
        continue;
      }
      const json value = value_json(r, v, std::nullopt);
      json entry{{"peripheral", p.name}, {"register", rg.name}, {"name", r.name}, {"offset", r.offset}, {"address", p.base + rg.offset}};
      entry.update(value);
      registers.push_back(std::move(entry));
    }
  }
  snap["peripherals"] = std::move(peripherals);
  snap["registers"] = std::move(registers);
  snap["skipped"] = std::move(skipped);
  return snap;
}

void check_same_device(const svd::Device& device, const json& snapshot, std::string_view what) {
  const std::string subject(what);
  const std::string name = snapshot.at("device").value("name", "");
  if (name != device.name)
    throw Error(Errc::invalid_argument, subject, "is a snapshot of device '" + name + "', not of '" + device.name + "' (" + device.source + ")",
                {}, 0, "give the SVD file the snapshot was taken with");
  for (const auto& sp : snapshot.at("peripherals")) {
    const std::string pname = sp.at("name").get<std::string>();
    const std::uint64_t base = sp.at("base").get<std::uint64_t>();
    const svd::Peripheral* match = nullptr;
    for (const auto& p : device.peripherals)
      if (p.name == pname) match = &p;
    if (!match)
      throw Error(Errc::invalid_argument, subject, "has peripheral " + pname + ", which device '" + device.name + "' does not have");
    if (match->base != base)
      throw Error(Errc::invalid_argument, subject, "has peripheral " + pname + " at " + hex(base) + "; device '" + device.name + "' has it at " + hex(match->base));
  }
}

json load_snapshot(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(Errc::not_found, path, "cannot open the snapshot", {}, errno);
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("snapshot") || !j.contains("registers") || !j.contains("peripherals") || !j.contains("device"))
    throw Error(Errc::parse_error, path, "is not a `uiokit reg snapshot` file");
  return j;
}

}  // namespace uiokit::cli
