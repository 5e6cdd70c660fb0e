// SPDX-License-Identifier: MIT
// sysfs enumeration of UIO and PCI devices (uiokit/address/sysfs.hpp).
#include "uiokit/address/sysfs.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "uiokit/address/address.hpp"
#include "uiokit/pci/device.hpp"
#include "../text_file.hpp"

namespace fs = std::filesystem;

namespace uiokit::sysfs {

std::optional<std::string> read_attr(const std::string& path) { return detail::read_line(path); }

namespace {
std::uint64_t num_attr(const std::string& path) {
  auto s = read_attr(path);
  if (!s) return 0;
  return parse_number(*s).value_or(0);
}

std::string link_name(const fs::path& p) {
  std::error_code ec;
  auto target = fs::read_symlink(p, ec);
  return ec ? std::string{} : target.filename().string();
}

// /sys/class/uio/uioN/device/of_node -> .../firmware/devicetree/base/soc/rtc@10070000
std::string of_node_path(const fs::path& link) {
  std::error_code ec;
  auto target = fs::canonical(link, ec);
  if (ec) return {};
  const std::string s = target.string();
  const std::string marker = "/devicetree/base";
  auto p = s.find(marker);
  if (p == std::string::npos) return {};
  auto rest = s.substr(p + marker.size());
  return rest.empty() ? "/" : rest;
}
}  // namespace

std::vector<UioDevice> list_uio(const std::string& root) {
  std::vector<UioDevice> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root + "/class/uio", ec)) {
    const std::string n = e.path().filename().string();
    auto num = n.size() > 3 && n.compare(0, 3, "uio") == 0 ? parse_number(std::string_view(n).substr(3)) : std::nullopt;
    if (!num) continue;
    UioDevice d;
    d.number = static_cast<unsigned>(*num);
    d.name = read_attr(e.path() / "name").value_or("");
    d.of_node = of_node_path(e.path() / "device/of_node");
    for (unsigned k = 0; k < 5; ++k) {
      const fs::path m = e.path() / "maps" / ("map" + std::to_string(k));
      if (!fs::exists(m, ec)) break;
      UioMap map;
      map.index = k;
      map.name = read_attr(m / "name").value_or("");
      map.addr = num_attr(m / "addr");
      map.size = num_attr(m / "size");
      map.offset = num_attr(m / "offset");
      d.maps.push_back(map);
    }
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.number < b.number; });
  return out;
}

std::vector<PciDevice> list_pci(const std::string& root) {
  std::vector<PciDevice> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root + "/bus/pci/devices", ec)) {
    PciDevice d;
    d.bdf = e.path().filename().string();
    d.vendor = static_cast<std::uint16_t>(num_attr(e.path() / "vendor"));
    d.device = static_cast<std::uint16_t>(num_attr(e.path() / "device"));
    d.class_code = static_cast<std::uint32_t>(num_attr(e.path() / "class"));
    d.driver = link_name(e.path() / "driver");
    d.iommu_group = link_name(e.path() / "iommu_group");
    // resource: one "start end flags" line per resource; lines 0..5 are the BARs. A listing
    // shows what it can read: a line that is not three numbers is left out, not an error.
    unsigned i = 0;
    detail::for_each_line(detail::read_file(e.path() / "resource").value_or(""), [&](std::string_view line) {
      if (const auto b = i < 6 ? pci::parse_resource_line(line, i) : std::nullopt; b && b->end != 0)
        d.bars.push_back(PciBar{i, b->start, b->size(), b->flags});
      ++i;
    });
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.bdf < b.bdf; });
  return out;
}

}  // namespace uiokit::sysfs
