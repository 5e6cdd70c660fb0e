// SPDX-License-Identifier: MIT
// Where Linux shows PCI devices in sysfs, and the few links every PCI tool needs.
//
// /sys/bus/pci/devices/BDF is a link to the device's directory; in it `driver` links to the bound
// driver (absent when unbound), `iommu_group` to /sys/kernel/iommu_groups/N (absent without an
// IOMMU), and `resourceN`/`config` are the BARs and configuration space. The root ("/sys") is a
// parameter everywhere so unit tests can build a fake tree in a temporary directory.
// Header-only so that both the libpci part (src/pci) and VFIO (src/vfio, built everywhere) use it.
#pragma once

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "uiokit/pci/address.hpp"

namespace uiokit::pci {

struct Sysfs {
  std::filesystem::path root = "/sys";

  std::filesystem::path devices() const { return root / "bus/pci/devices"; }
  std::filesystem::path device(const Address& a) const { return devices() / a.str(); }
  std::filesystem::path drivers() const { return root / "bus/pci/drivers"; }
  std::filesystem::path driver(const std::string& name) const { return drivers() / name; }
  std::filesystem::path iommu_group_devices(unsigned group) const {
    return root / "kernel/iommu_groups" / std::to_string(group) / "devices";
  }
};

// The last component of a symlink's target, or nothing if there is no such link.
inline std::optional<std::string> link_name(const std::filesystem::path& link) {
  std::error_code ec;
  auto target = std::filesystem::read_symlink(link, ec);
  if (ec) return std::nullopt;
  return target.filename().string();
}

inline bool exists(const Sysfs& s, const Address& a) {
  std::error_code ec;
  return std::filesystem::exists(s.device(a), ec);
}

// Throws Errc::not_found naming the address when the device is not in sysfs.
inline void require(const Sysfs& s, const Address& a) {
  if (!exists(s, a))
    throw Error(Errc::not_found, a.str(), "no such PCI device (" + s.device(a).string() + " does not exist)", {}, 0,
                "`uiokit pci list` shows the devices present");
}

inline std::optional<std::string> bound_driver(const Sysfs& s, const Address& a) { return link_name(s.device(a) / "driver"); }

inline std::optional<unsigned> iommu_group(const Sysfs& s, const Address& a) {
  auto name = link_name(s.device(a) / "iommu_group");
  if (!name) return std::nullopt;
  try {
    return static_cast<unsigned>(std::stoul(*name));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The functions sharing an IOMMU group, sorted; unparsable entries are skipped.
inline std::vector<Address> group_members(const Sysfs& s, unsigned group) {
  std::vector<Address> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(s.iommu_group_devices(group), ec)) {
    try {
      out.push_back(Address::parse(e.path().filename().string()));
    } catch (const Error&) {
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace uiokit::pci
