// SPDX-License-Identifier: MIT
// Surviving surprise removal of a mapped PCI device.
//
// When a PCI device is unbound or removed (`echo 1 > /sys/bus/pci/devices/BDF/remove`, hot
// unplug) while a process has its BAR mapped, the kernel zaps the mapping and the next access to
// it raises SIGBUS, which would kill a tool in the middle of a read. The model here, as SPDK does:
//
//  - Backends that map BARs (pci::SysfsDevice, vfio::Device) register each such Region with
//    guard(). The Region must not move while registered (those backends keep their Regions in
//    stable storage and hand out references).
//  - The library installs one SIGBUS handler (first guard()). For a fault address inside a
//    registered Region it calls Region::replace_with_ones() (anonymous pages filled with 0xff,
//    what a PCI read of an absent device returns) and returns, so the faulting load re-executes
//    and reads all-ones; removed() is then true. Faults elsewhere go to the previous handler
//    (or the default action, which kills as before).
//  - Backends also notice removal without a fault: SysfsDevice::check_present() when the sysfs
//    directory is gone, vfio::Device when the kernel's request interrupt asks for the device
//    back. Either marks all its Regions removed the same way.
//  - Drivers turn all-ones from an identification register into Errc::device_removed
//    (check_ident() below), the error they can handle.
#pragma once

#include <cstdint>
#include <string>

#include "uiokit/region.hpp"

namespace uiokit::pci {

// Registers `region` with the SIGBUS handler until the returned Guard is destroyed.
class RemovalGuard {
 public:
  RemovalGuard() = default;
  explicit RemovalGuard(Region& region);
  ~RemovalGuard();
  RemovalGuard(RemovalGuard&& other) noexcept;
  RemovalGuard& operator=(RemovalGuard&& other) noexcept;
  RemovalGuard(const RemovalGuard&) = delete;
  RemovalGuard& operator=(const RemovalGuard&) = delete;

 private:
  int slot_ = -1;
};

// How many SIGBUS faults the handler has turned into all-ones reads (for tests and logs).
std::uint64_t removal_faults() noexcept;

// Throws Errc::device_removed when `value` (an identification register read from `region`) is
// all ones or the region was marked removed; `what` names the register.
void check_present(const Region& region, std::uint64_t value, unsigned width, const std::string& what);

}  // namespace uiokit::pci
