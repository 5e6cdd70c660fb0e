// SPDX-License-Identifier: MIT
// PCI discovery through libpci (pciutils): which functions exist, what they are, who drives them.
//
// libpci scans /sys/bus/pci/devices (or a fake tree: Sysfs::root is passed to libpci as its
// "sysfs.path"), reads IDs and class from each function, and names vendors and devices from the
// PCI ID database (pci.ids) when it is installed; without the database the names stay empty and
// nothing fails (libpci's "sysfs.path" is ROOT/bus/pci). The bound driver and the IOMMU group come from the sysfs links (pci/sysfs.hpp).
// list() is libpci's scan in builds with libpci (UIOKIT_HAVE_LIBPCI) and list_sysfs() without it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uiokit/pci/address.hpp"
#include "uiokit/pci/sysfs.hpp"

namespace uiokit::pci {

struct DeviceInfo {
  Address address;
  std::uint16_t vendor = 0, device = 0;
  std::uint16_t subsystem_vendor = 0, subsystem_device = 0;
  std::uint16_t device_class = 0;  // base class << 8 | subclass, e.g. 0x0380
  std::uint8_t prog_if = 0;
  std::string vendor_name, device_name, class_name;  // empty when the database lacks them
  std::optional<std::string> driver;                 // bound driver, if any
  std::optional<unsigned> iommu_group;
};

// What to select; every set member must match.
struct Filter {
  std::optional<std::uint16_t> vendor, device;  // from "1234:11e8", "1234:" or ":11e8"
  std::optional<std::uint16_t> device_class;    // compared under class_mask
  std::uint16_t class_mask = 0xffff;
  std::optional<Address> address;

  // "VVVV:DDDD", either side may be empty or "*". Throws Errc::invalid_argument.
  static std::pair<std::optional<std::uint16_t>, std::optional<std::uint16_t>> parse_id(std::string_view text);
  // "0x0380", "0380", "0x03" (base class only: mask 0xff00) or "0x0300/0xff00". Sets class and mask.
  void set_class(std::string_view text);
  void set_id(std::string_view text);

  bool matches(const DeviceInfo& d) const;
};

struct DiscoverOptions {
  Sysfs sysfs;                                   // fake root for tests
  std::optional<std::string> ids_path;           // pci.ids to use instead of the system's
  bool names = true;                             // look names up at all
};

// All functions matching the filter, sorted by address. Throws Errc::pci_access when libpci
// cannot scan (with its message).
std::vector<DeviceInfo> list(const Filter& filter = {}, const DiscoverOptions& options = {});
// The same from sysfs alone, without names (and without DiscoverOptions::ids_path): what list()
// is in builds without libpci, such as the static ARM ones.
std::vector<DeviceInfo> list_sysfs(const Filter& filter = {}, const Sysfs& sysfs = {});

// "1234:11e8" style.
std::string id_string(std::uint16_t vendor, std::uint16_t device);

}  // namespace uiokit::pci
