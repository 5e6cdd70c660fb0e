// SPDX-License-Identifier: MIT
// Which UIO device exports a device-tree node: the one whose device/of_node is the node, or,
// when sysfs does not say (a module-parameter device), the one with a map at the node's
// translated reg address.
#pragma once

#include <optional>
#include <vector>

#include "uiokit/address/sysfs.hpp"
#include "uiokit/fdt/tree.hpp"

namespace uiokit::fdt {

struct UioMatch {
  sysfs::UioDevice device;
  unsigned map = 0;  // the map that holds reg entry `reg_index`
};

std::optional<UioMatch> find_uio(const Tree& tree, Node node, const std::vector<sysfs::UioDevice>& devices,
                                 unsigned reg_index = 0);

}  // namespace uiokit::fdt
