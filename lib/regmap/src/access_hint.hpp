// SPDX-License-Identifier: MIT
// What to do when opening a UIO or VFIO node is refused (EACCES, EPERM): the udev rule that
// uiokit-tools installs (dist/udev) lets the group "uiokit" open both kinds of node.
#pragma once

#include <cerrno>
#include <string>

namespace uiokit::detail {

inline bool access_refused(int err) { return err == EACCES || err == EPERM; }

inline std::string group_access_hint(const std::string& node) {
  return "join the group uiokit, which the udev rule of uiokit-tools lets open " + node +
         " (sudo usermod -aG uiokit $USER, then log in again; on a machine without an IOMMU the group is "
         "root-equivalent), or run as root";
}

}  // namespace uiokit::detail
