// SPDX-License-Identifier: MIT
// The PCI functions from sysfs alone. Debian ships no static libpci, so the static ARM builds
// (the arm64 guest's VFIO and framebuffer programs among them) find devices this way; the
// kernel's attribute files hold everything a filter needs, only the names are missing.
#include <algorithm>

#include "uiokit/pci/discover.hpp"
#include "../text_file.hpp"

namespace uiokit::pci {
namespace {

// A sysfs attribute such as "0x11e8\n"; nothing when it is missing or not a number.
std::optional<std::uint32_t> attr(const std::filesystem::path& dev, const char* name) {
  const auto text = uiokit::detail::read_line(dev / name);
  const auto v = text ? uiokit::detail::parse_hex(*text) : std::nullopt;
  if (!v || *v > 0xffffffffu) return std::nullopt;
  return static_cast<std::uint32_t>(*v);
}

}  // namespace

std::vector<DeviceInfo> list_sysfs(const Filter& filter, const Sysfs& sysfs) {
  std::error_code ec;
  std::filesystem::directory_iterator it(sysfs.devices(), ec);
  if (ec) throw Error(Errc::pci_access, sysfs.devices().string(), "cannot list PCI devices: " + ec.message());
  std::vector<DeviceInfo> out;
  for (const auto& e : it) {
    DeviceInfo info;
    try {
      info.address = Address::parse(e.path().filename().string());
    } catch (const Error&) {
      continue;  // not a function's folder
    }
    const auto vendor = attr(e.path(), "vendor"), device = attr(e.path(), "device"), cls = attr(e.path(), "class");
    if (!vendor || !device || !cls) continue;  // removed while we looked
    info.vendor = static_cast<std::uint16_t>(*vendor);
    info.device = static_cast<std::uint16_t>(*device);
    info.subsystem_vendor = static_cast<std::uint16_t>(attr(e.path(), "subsystem_vendor").value_or(0));
    info.subsystem_device = static_cast<std::uint16_t>(attr(e.path(), "subsystem_device").value_or(0));
    info.device_class = static_cast<std::uint16_t>(*cls >> 8);
    info.prog_if = static_cast<std::uint8_t>(*cls & 0xff);
    if (!filter.matches(info)) continue;
    info.driver = bound_driver(sysfs, info.address);
    info.iommu_group = iommu_group(sysfs, info.address);
    out.push_back(std::move(info));
  }
  std::sort(out.begin(), out.end(), [](const DeviceInfo& a, const DeviceInfo& b) { return a.address < b.address; });
  return out;
}

#ifndef UIOKIT_HAVE_LIBPCI
std::vector<DeviceInfo> list(const Filter& filter, const DiscoverOptions& options) {
  return list_sysfs(filter, options.sysfs);
}
#endif

}  // namespace uiokit::pci
