// SPDX-License-Identifier: MIT
// `uiokit pci`: list PCI functions (IDs, class, driver, IOMMU group, names) and move them
// between drivers (vfio-pci, uio_pci_generic) and back. Needs libpci (absent in the armhf build,
// where the subcommand is left out).
#ifdef UIOKIT_HAVE_LIBPCI

#include <cstdio>
#include <string>

#include "cli/command.hpp"
#include "uiokit/pci/bind.hpp"
#include "uiokit/pci/discover.hpp"

#if __has_include(<nlohmann/json.hpp>)
#include <nlohmann/json.hpp>
#define UIOKIT_PCI_JSON 1
#endif

namespace {

using namespace uiokit;

void print_list(const std::vector<pci::DeviceInfo>& devs, bool json) {
  if (json) {
#ifdef UIOKIT_PCI_JSON
    auto arr = nlohmann::json::array();
    for (const auto& d : devs) {
      char cls[8];
      std::snprintf(cls, sizeof cls, "%04x", d.device_class);
      nlohmann::json j{{"address", d.address.str()},
                       {"id", pci::id_string(d.vendor, d.device)},
                       {"subsystem", pci::id_string(d.subsystem_vendor, d.subsystem_device)},
                       {"class", cls},
                       {"prog_if", d.prog_if},
                       {"vendor_name", d.vendor_name},
                       {"device_name", d.device_name},
                       {"class_name", d.class_name},
                       {"driver", d.driver ? nlohmann::json(*d.driver) : nlohmann::json(nullptr)},
                       {"iommu_group", d.iommu_group ? nlohmann::json(*d.iommu_group) : nlohmann::json(nullptr)}};
      arr.push_back(std::move(j));
    }
    std::printf("%s\n", arr.dump(2).c_str());
    return;
#else
    throw Error(Errc::unsupported, "uiokit pci list", "--json needs nlohmann-json at build time");
#endif
  }
  for (const auto& d : devs) {
    std::string names = d.vendor_name.empty() && d.device_name.empty() ? std::string() : "  " + d.vendor_name + " " + d.device_name;
    std::printf("%s  %04x: %s (sub %s)  driver %-16s group %-4s%s\n", d.address.str().c_str(), d.device_class,
                pci::id_string(d.vendor, d.device).c_str(), pci::id_string(d.subsystem_vendor, d.subsystem_device).c_str(),
                d.driver.value_or("-").c_str(), d.iommu_group ? std::to_string(*d.iommu_group).c_str() : "-", names.c_str());
  }
}

void setup_pci(CLI::App& app, std::span<char* const>) {
  auto* pci = app.add_subcommand("pci", "list PCI devices; bind them to vfio-pci or uio_pci_generic and back");
  pci->require_subcommand(1);

  struct ListArgs {
    std::string id, cls, address;
    bool json = false;
  };
  auto la = std::make_shared<ListArgs>();
  auto* list = pci->add_subcommand("list", "PCI functions with IDs, class, driver, IOMMU group and names");
  list->add_option("--id", la->id, "vendor:device, e.g. 1234:11e8 (either side may be empty)");
  list->add_option("--class", la->cls, "class, e.g. 0x0380, 0x03 (base class) or 0x0300/0xff00");
  list->add_option("--address", la->address, "one function, e.g. 0000:00:03.0");
  list->add_flag("--json", la->json, "JSON output");
  list->callback([la] {
    pci::Filter f;
    if (!la->id.empty()) f.set_id(la->id);
    if (!la->cls.empty()) f.set_class(la->cls);
    if (!la->address.empty()) f.address = pci::Address::parse(la->address);
    print_list(pci::list(f), la->json);
  });

  struct BindArgs {
    std::string bdf, driver;
  };
  auto ba = std::make_shared<BindArgs>();
  auto* bind = pci->add_subcommand("bind", "bind a device to a driver through driver_override (the old one is remembered)");
  bind->add_option("BDF", ba->bdf, "the device, e.g. 0000:00:03.0")->required();
  bind->add_option("--driver", ba->driver, "vfio-pci, uio_pci_generic or another PCI driver")->required();
  bind->callback([ba] {
    const auto a = pci::Address::parse(ba->bdf);
    const auto before = pci::Binder().bind(a, ba->driver);
    std::printf("%s: %s -> %s\n", a.str().c_str(), before.value_or("(none)").c_str(), ba->driver.c_str());
  });

  auto ua = std::make_shared<std::string>();
  auto* unbind = pci->add_subcommand("unbind", "detach a device from its driver (remembered for restore)");
  unbind->add_option("BDF", *ua, "the device")->required();
  unbind->callback([ua] {
    const auto a = pci::Address::parse(*ua);
    const auto before = pci::bound_driver({}, a);
    pci::Binder().unbind(a);
    std::printf("%s: %s -> (none)\n", a.str().c_str(), before.value_or("(none)").c_str());
  });

  auto ra = std::make_shared<std::string>();
  auto* restore = pci->add_subcommand("restore", "give a device back to the driver it had before uiokit moved it");
  restore->add_option("BDF", *ra, "the device")->required();
  restore->callback([ra] {
    const auto a = pci::Address::parse(*ra);
    const auto drv = pci::Binder().restore(a);
    std::printf("%s: restored to %s\n", a.str().c_str(), drv.c_str());
  });
}

}  // namespace

UIOKIT_COMMAND("pci", setup_pci);

#endif  // UIOKIT_HAVE_LIBPCI
