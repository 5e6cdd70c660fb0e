// SPDX-License-Identifier: MIT
// Moving a PCI function between kernel drivers (vfio-pci, uio_pci_generic, its own driver).
//
// The kernel's protocol, which this follows and never shortcuts with `new_id` (new_id makes the
// driver take every device with that ID, e.g. both 1234:1111 displays):
//   1. write the target driver's name to BDF/driver_override (only that driver may take it),
//   2. write BDF to drivers/OLD/unbind if a driver holds it,
//   3. write BDF to bus/pci/drivers_probe (the kernel offers the device to the override).
// The driver it had before is remembered in a small state file (one per device under
// state_dir, default /run/uiokit/pci) so that restore() works from another process, e.g.
// `uiokit pci restore BDF` after a test.
//
// Safety: a device a process holds (its /dev/vfio/GROUP or /dev/uioN open, or a resourceN
// mapped) is not unbound: Errc::busy names the PID. If the target driver does not take the
// device, the old binding is put back (driver_override cleared, OLD/bind) before the error is
// thrown, so nothing is left half-bound.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "uiokit/pci/address.hpp"
#include "uiokit/pci/sysfs.hpp"

namespace uiokit::pci {

struct Holder {
  int pid = 0;
  std::string command;  // /proc/PID/comm
  std::string what;     // the file it holds ("/dev/vfio/3")
};

struct BindOptions {
  Sysfs sysfs;
  std::filesystem::path proc = "/proc";
  std::filesystem::path dev = "/dev";
  std::filesystem::path state_dir = "/run/uiokit/pci";
  // Called after every sysfs attribute write; unit tests use it to play the kernel's part in a
  // fake tree (moving the `driver` link).
  std::function<void(const std::filesystem::path& attr, const std::string& value)> after_write;
};

class Binder {
 public:
  explicit Binder(BindOptions options = {}) : o_(std::move(options)) {}

  // Binds `address` to `driver` ("vfio-pci", "uio_pci_generic", or any PCI driver). A no-op if
  // it is already bound there. Returns the driver it had before (nothing if unbound).
  std::optional<std::string> bind(const Address& address, const std::string& driver);
  // Detaches the device from its driver (remembering it). A no-op when unbound.
  void unbind(const Address& address);
  // Gives the device back to the driver remembered by the first bind/unbind (none: leaves it
  // unbound) and forgets it. Errc::not_found when nothing was remembered.
  std::string restore(const Address& address);

  // Processes holding the device's user-space handles: /dev/vfio/GROUP, /dev/uioN, mapped
  // resource files. Empty when nobody holds it.
  std::vector<Holder> holders(const Address& address) const;

  std::optional<std::string> remembered(const Address& address) const;

 private:
  void refuse_if_held(const Address& address, const char* doing) const;
  void write_attr(const std::filesystem::path& path, const std::string& value, const Address& address,
                  const char* doing) const;
  void remember(const Address& address, const std::optional<std::string>& driver) const;
  BindOptions o_;
};

}  // namespace uiokit::pci
