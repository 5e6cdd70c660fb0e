// SPDX-License-Identifier: MIT
// Just enough sysfs to find UIO devices and PCI devices for the addressing layer and
// `uiokit list`: /sys/class/uio/uioN/{name,maps/mapK/{name,addr,size,offset},device/of_node}
// and /sys/bus/pci/devices/BDF/{vendor,device,class,resource,driver,iommu_group}.
// Kept small so that it can give way to the UIO and PCI backends' own discovery.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace uiokit::sysfs {

struct UioMap {
  unsigned index = 0;
  std::string name;
  std::uint64_t addr = 0;
  std::uint64_t size = 0;
  std::uint64_t offset = 0;  // byte 0's offset inside the first page
};

struct UioDevice {
  unsigned number = 0;
  std::string name;
  std::string of_node;       // device-tree path when the device came from a node, else ""
  std::vector<UioMap> maps;
};

struct PciBar {
  unsigned index = 0;
  std::uint64_t start = 0, size = 0, flags = 0;
  bool io() const noexcept { return (flags & 0x100) != 0; }       // IORESOURCE_IO
  bool mem() const noexcept { return (flags & 0x200) != 0; }      // IORESOURCE_MEM
  bool prefetch() const noexcept { return (flags & 0x2000) != 0; } // IORESOURCE_PREFETCH
};

struct PciDevice {
  std::string bdf;
  std::uint16_t vendor = 0, device = 0;
  std::uint32_t class_code = 0;
  std::string driver;        // "" when unbound
  std::string iommu_group;   // "" without an IOMMU
  std::vector<PciBar> bars;  // non-empty BARs only
};

std::vector<UioDevice> list_uio(const std::string& sysfs_root = "/sys");
std::vector<PciDevice> list_pci(const std::string& sysfs_root = "/sys");

// One line of a sysfs attribute, trimmed; nullopt if unreadable.
std::optional<std::string> read_attr(const std::string& path);

}  // namespace uiokit::sysfs
