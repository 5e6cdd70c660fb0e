// SPDX-License-Identifier: MIT
#include "uiokit/fdt/uio_match.hpp"

namespace uiokit::fdt {

std::optional<UioMatch> find_uio(const Tree& tree, Node node, const std::vector<sysfs::UioDevice>& devices,
                                 unsigned reg_index) {
  const auto regs = tree.reg(node);
  // (a plain pair rather than an optional: GCC 12 warns falsely about optional<uint64_t> here)
  const bool have = reg_index < regs.size() && regs[reg_index].cpu.has_value();
  const std::uint64_t want = have ? regs[reg_index].cpu.value_or(0) : 0;
  auto map_at = [&](const sysfs::UioDevice& d) -> std::optional<unsigned> {
    if (!have) return std::nullopt;
    for (const auto& m : d.maps)
      // UIO reports the page-aligned start; the map's offset is where the registers begin.
      if (m.addr + m.offset == want || m.addr == want) return m.index;
    return std::nullopt;
  };
  const std::string path = tree.path(node);
  for (const auto& d : devices)
    if (!d.of_node.empty() && d.of_node == path) {
      // The stub orders maps as the node's reg entries, so reg K is map K unless addresses say otherwise.
      return UioMatch{d, map_at(d).value_or(reg_index)};
    }
  for (const auto& d : devices)
    if (auto k = map_at(d)) return UioMatch{d, *k};
  return std::nullopt;
}

}  // namespace uiokit::fdt
