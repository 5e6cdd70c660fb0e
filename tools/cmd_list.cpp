// SPDX-License-Identifier: MIT
// `uiokit list`: the devices a tool can address, each with the address to give -d:
// UIO devices with their maps, PCI devices with BARs, driver, IOMMU group and (with libpci) the
// PCI ID database's names, and device-tree
// nodes that have a CPU-visible reg (the running system's tree, or --dtb FILE).
#if __has_include(<nlohmann/json.hpp>)
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "uiokit/address/sysfs.hpp"
#include "uiokit/error.hpp"
#ifdef UIOKIT_HAVE_LIBFDT
#include "uiokit/fdt/tree.hpp"
#endif
#ifdef UIOKIT_HAVE_LIBPCI
#include "uiokit/pci/discover.hpp"
#endif

namespace uiokit::cli {
namespace {

using json = nlohmann::ordered_json;

struct ListOptions {
  bool json = false, uio = false, pci = false, dt = false, all_nodes = false;
  std::string dtb, sysfs = "/sys";
};

json list_uio(const ListOptions& o) {
  json out = json::array();
  for (const auto& d : sysfs::list_uio(o.sysfs)) {
    json j{{"address", "uio:" + d.name}, {"number", d.number}, {"name", d.name}};
    if (!d.of_node.empty()) j["of_node"] = d.of_node;
    json maps = json::array();
    for (const auto& m : d.maps) maps.push_back({{"index", m.index}, {"name", m.name}, {"addr", m.addr}, {"size", m.size}});
    j["maps"] = maps;
    out.push_back(j);
  }
  return out;
}

// With libpci (the x86 build), the PCI functions come from uiokit::pci discovery, which names
// vendor, device and class from the PCI ID database; the BARs come from sysfs either way. The
// armhf build has no libpci (Debian ships no static one) and lists from sysfs alone.
json list_pci(const ListOptions& o) {
  json out = json::array();
  const auto sys = sysfs::list_pci(o.sysfs);
  auto bars_of = [&](const std::string& bdf) {
    json bars = json::array();
    for (const auto& d : sys)
      if (d.bdf == bdf)
        for (const auto& b : d.bars) bars.push_back({{"bar", b.index}, {"start", b.start}, {"size", b.size}, {"io", b.io()}});
    return bars;
  };
#ifdef UIOKIT_HAVE_LIBPCI
  pci::DiscoverOptions dopt;
  dopt.sysfs = pci::Sysfs{o.sysfs};
  for (const auto& d : pci::list({}, dopt)) {
    const auto bdf = d.address.str();
    json j{{"address", "pci:" + bdf}, {"bdf", bdf}, {"id", pci::id_string(d.vendor, d.device)}, {"class", d.device_class}};
    j["vendor_name"] = d.vendor_name;
    j["device_name"] = d.device_name;
    j["class_name"] = d.class_name;
    j["driver"] = d.driver.value_or("");
    j["iommu_group"] = d.iommu_group ? std::to_string(*d.iommu_group) : "";
    j["bars"] = bars_of(bdf);
    out.push_back(j);
  }
#else
  for (const auto& d : sys) {
    char ids[16];
    std::snprintf(ids, sizeof ids, "%04x:%04x", d.vendor, d.device);
    json j{{"address", "pci:" + d.bdf}, {"bdf", d.bdf}, {"id", ids}, {"class", d.class_code >> 8}};
    j["driver"] = d.driver;
    j["iommu_group"] = d.iommu_group;
    j["bars"] = bars_of(d.bdf);
    out.push_back(j);
  }
#endif
  return out;
}

json list_dt(const ListOptions& o) {
  json out = json::array();
#ifdef UIOKIT_HAVE_LIBFDT
  const auto tree = o.dtb.empty() ? fdt::Tree::running_system() : fdt::Tree::from_file(o.dtb);
  for (auto n : tree.all_nodes()) {
    auto compat = tree.compatible(n);
    if (compat.empty() && !o.all_nodes) continue;
    json regs = json::array();
    for (const auto& r : tree.reg(n)) {
      if (!r.cpu) continue;
      regs.push_back({{"cpu", *r.cpu}, {"size", r.size}});
    }
    if (regs.empty() && !o.all_nodes) continue;
    const auto path = tree.path(n);
    out.push_back({{"address", "dt:" + path}, {"compatible", compat}, {"enabled", tree.enabled(n)}, {"reg", regs}});
  }
#else
  (void)o;
  throw Error(Errc::unsupported, "dt", "list device-tree nodes", {}, 0, "this build has no libfdt");
#endif
  return out;
}

void print_text(const json& uio, const json& pci, const json& dt) {
  auto hx = [](std::uint64_t v) { return hex(v); };
  if (!uio.is_null()) {
    std::printf("UIO devices:%s\n", uio.empty() ? " none" : "");
    for (const auto& d : uio) {
      std::printf("  uio%u  %-16s  -d %s%s%s\n", d["number"].get<unsigned>(), d["name"].get<std::string>().c_str(),
                  d["address"].get<std::string>().c_str(), d.contains("of_node") ? "  of_node " : "",
                  d.contains("of_node") ? d["of_node"].get<std::string>().c_str() : "");
      for (const auto& m : d["maps"])
        std::printf("      map%u %-12s %s + %s\n", m["index"].get<unsigned>(), m["name"].get<std::string>().c_str(),
                    hx(m["addr"]).c_str(), hx(m["size"]).c_str());
    }
  }
  if (!pci.is_null()) {
    std::printf("PCI devices:%s\n", pci.empty() ? " none" : "");
    for (const auto& d : pci) {
      std::printf("  %s  %s  class %04x  driver %-16s group %s\n", d["bdf"].get<std::string>().c_str(),
                  d["id"].get<std::string>().c_str(), d["class"].get<unsigned>(),
                  d["driver"].get<std::string>().empty() ? "-" : d["driver"].get<std::string>().c_str(),
                  d["iommu_group"].get<std::string>().empty() ? "-" : d["iommu_group"].get<std::string>().c_str());
      // Names from the PCI ID database (libpci builds), when it knows the device.
      std::string names;
      for (const char* k : {"vendor_name", "device_name", "class_name"})
        if (d.contains(k) && !d[k].get<std::string>().empty()) names += (names.empty() ? "" : " | ") + d[k].get<std::string>();
      if (!names.empty()) std::printf("      %s\n", names.c_str());
      for (const auto& b : d["bars"])
        std::printf("      bar%u %s + %s%s\n", b["bar"].get<unsigned>(), hx(b["start"]).c_str(), hx(b["size"]).c_str(),
                    b["io"].get<bool>() ? " (I/O ports)" : "");
    }
  }
  if (!dt.is_null()) {
    std::printf("Device-tree nodes with registers:\n");
    for (const auto& n : dt) {
      std::string regs;
      for (const auto& r : n["reg"]) regs += " " + hx(r["cpu"]) + "+" + hx(r["size"]);
      std::string c = n["compatible"].empty() ? "" : n["compatible"][0].get<std::string>();
      std::printf("  %-60s %-28s%s%s\n", n["address"].get<std::string>().c_str(), c.c_str(), regs.c_str(),
                  n["enabled"].get<bool>() ? "" : " (disabled)");
    }
  }
}

void setup_list(CLI::App& app, std::span<char* const>) {
  auto o = std::make_shared<ListOptions>();
  auto* cmd = app.add_subcommand("list", "List UIO devices, PCI devices and device-tree nodes, with the -d address of each");
  cmd->add_flag("--json", o->json, "print JSON");
  cmd->add_flag("--uio", o->uio, "only UIO devices");
  cmd->add_flag("--pci", o->pci, "only PCI devices");
  cmd->add_flag("--dt", o->dt, "only device-tree nodes");
  cmd->add_flag("--all-nodes", o->all_nodes, "device tree: also nodes without a compatible or a CPU-visible reg");
  cmd->add_option("--dtb", o->dtb, "a .dtb file instead of /sys/firmware/fdt");
  cmd->add_option("--sysfs", o->sysfs, "sysfs root (for tests)")->capture_default_str();
  cmd->callback([o] {
    const bool every = !o->uio && !o->pci && !o->dt;
    json uio, pci, dt;
    if (every || o->uio) uio = list_uio(*o);
    if (every || o->pci) pci = list_pci(*o);
    // Without a tree (x86), listing everything just leaves the device tree out.
    if (o->dt || !o->dtb.empty() || (every && std::filesystem::exists("/sys/firmware/fdt"))) dt = list_dt(*o);
    if (o->json) {
      json j = json::object();
      if (!uio.is_null()) j["uio"] = uio;
      if (!pci.is_null()) j["pci"] = pci;
      if (!dt.is_null()) j["dt"] = dt;
      std::cout << j.dump(2) << "\n";
    } else {
      print_text(uio, pci, dt);
    }
  });
}

UIOKIT_COMMAND("list", setup_list);

}  // namespace
}  // namespace uiokit::cli
#endif
