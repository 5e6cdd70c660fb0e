// SPDX-License-Identifier: MIT
#include <fcntl.h>
#include <linux/vfio.h>
#include <sys/ioctl.h>

#include <cerrno>

#include "../access_hint.hpp"
#include "state.hpp"

namespace uiokit::vfio {

std::vector<std::string> viability_blockers(const pci::Sysfs& sysfs, unsigned group) {
  std::vector<std::string> out;
  for (const auto& a : pci::group_members(sysfs, group)) {
    const auto drv = pci::bound_driver(sysfs, a);
    // vfio-pci and pci-stub are the drivers VFIO accepts in a viable group (PCI bridges are
    // accepted too, but the kernel's verdict is what we report; this only explains it).
    if (drv && *drv != "vfio-pci" && *drv != "pci-stub" && *drv != "pcieport")
      out.push_back(a.str() + " is bound to " + *drv);
  }
  return out;
}

Group::Group(Container& container, unsigned number) : s_(std::make_shared<detail::GroupState>()) {
  s_->container = container.state();
  s_->number = number;
  const auto& opt = container.options();
  auto path = opt.dev / "vfio" / std::to_string(number);
  const auto noiommu_path = opt.dev / "vfio" / ("noiommu-" + std::to_string(number));
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && std::filesystem::exists(noiommu_path, ec)) {
    if (!opt.allow_noiommu)
      throw Error(Errc::vfio_no_iommu, noiommu_path.string(), "group " + std::to_string(number) + " is a no-IOMMU group", {}, 0,
                  "without an IOMMU the device can DMA anywhere in memory; pass allow_noiommu to accept that");
    path = noiommu_path;
  }
  s_->fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (s_->fd < 0) {
    const int err = errno;
    throw_sys(Errc::open_failed, path.string(), "open the VFIO group", err, {},
              err == ENOENT                         ? "no device of this group is bound to vfio-pci (uiokit pci bind BDF --driver vfio-pci)"
              : err == EBUSY                        ? "another process has the group open"
              : uiokit::detail::access_refused(err) ? uiokit::detail::group_access_hint(path.string())
                                                    : "");
  }
  vfio_group_status st{};
  st.argsz = sizeof st;
  if (::ioctl(s_->fd, VFIO_GROUP_GET_STATUS, &st) != 0)
    throw_sys(Errc::vfio_group_get_status, path.string(), "VFIO_GROUP_GET_STATUS", errno);
  if (!(st.flags & VFIO_GROUP_FLAGS_VIABLE)) {
    std::string why;
    for (const auto& b : viability_blockers(opt.sysfs, number)) why += (why.empty() ? "" : "; ") + b;
    throw Error(Errc::vfio_group_not_viable, path.string(),
                "IOMMU group " + std::to_string(number) + " is not viable" + (why.empty() ? std::string() : ": " + why), {}, 0,
                "every device in /sys/kernel/iommu_groups/" + std::to_string(number) +
                    "/devices must be unbound or bound to vfio-pci (uiokit pci bind BDF --driver vfio-pci)");
  }
  int cfd = s_->container->fd;
  if (::ioctl(s_->fd, VFIO_GROUP_SET_CONTAINER, &cfd) != 0)
    throw_sys(Errc::vfio_group_set_container, path.string(), "VFIO_GROUP_SET_CONTAINER", errno);
  std::lock_guard lock(s_->container->mutex);
  if (!s_->container->iommu_set) {
    const unsigned long type = s_->container->noiommu ? VFIO_NOIOMMU_IOMMU : VFIO_TYPE1v2_IOMMU;
    if (::ioctl(cfd, VFIO_SET_IOMMU, type) != 0)
      throw_sys(Errc::vfio_set_iommu, path.string(), s_->container->noiommu ? "VFIO_SET_IOMMU (no-IOMMU)" : "VFIO_SET_IOMMU (type1v2)",
                errno);
    s_->container->iommu_set = true;
  }
}

Group Group::of(Container& container, const pci::Address& address) {
  const auto& sysfs = container.options().sysfs;
  pci::require(sysfs, address);
  const auto g = pci::iommu_group(sysfs, address);
  if (!g)
    throw Error(Errc::vfio_no_iommu, address.str(), "the device has no IOMMU group (no iommu_group link in sysfs)", {}, 0,
                "the IOMMU is off: boot with intel_iommu=on (QEMU: -device intel-iommu)");
  const auto drv = pci::bound_driver(sysfs, address);
  if (drv != "vfio-pci")
    throw Error(Errc::not_found, address.str(),
                std::string("the device is ") + (drv ? "bound to " + *drv : "not bound to any driver") + ", not vfio-pci", {}, 0,
                "uiokit pci bind " + address.str() + " --driver vfio-pci");
  return Group(container, *g);
}

Group::~Group() = default;
Group::Group(Group&&) noexcept = default;
Group& Group::operator=(Group&&) noexcept = default;
unsigned Group::number() const noexcept { return s_ ? s_->number : 0; }
int Group::fd() const noexcept { return s_ ? s_->fd : -1; }

Device Group::open(const pci::Address& address) {
  const auto name = address.str();
  const int fd = ::ioctl(s_->fd, VFIO_GROUP_GET_DEVICE_FD, name.c_str());
  if (fd < 0) {
    const int err = errno;
    throw_sys(Errc::vfio_group_get_device_fd, name, "VFIO_GROUP_GET_DEVICE_FD in group " + std::to_string(s_->number), err, {},
              err == EINVAL ? "the device is not in this group" : "");
  }
  auto dfd = std::make_shared<detail::DeviceFd>();
  dfd->fd = fd;
  dfd->name = name;
  return Device(s_, std::move(dfd), address);
}

}  // namespace uiokit::vfio
