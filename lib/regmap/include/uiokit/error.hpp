// SPDX-License-Identifier: MIT
// uiokit::Error: the one error type of the library.
//
// Every failure carries a code (what failed, one per operation that can fail, in the manner of
// rust-vmm's vfio-ioctls), the thing it concerns (a path, a device, a register name), the address
// or offset when there is one, and the errno when a system call failed. what() is a sentence a
// user can act on: "/dev/mem: mmap of 0x1000 bytes at 0xfed00000 failed: Operation not permitted
// (the kernel's STRICT_DEVMEM refuses ...)".
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace uiokit {

enum class Errc {
  // files, mappings, system calls
  not_found,           // a path, device or name that does not exist
  permission_denied,   // EACCES/EPERM opening or mapping
  open_failed,         // open() failed for another reason
  stat_failed,
  mmap_failed,
  msync_failed,
  io_failed,           // read()/write()/pread()/ioctl() on a device file failed
  // checked access
  out_of_range,        // offset (+ width) beyond the end of a Region
  misaligned,          // offset not a multiple of the access width
  bad_width,           // an access width the operation cannot do
  file_too_short,      // mapping past a file's end (would SIGBUS)
  region_too_small,    // a register block bound to a smaller Region
  // input and data
  invalid_argument,    // a value the caller passed that cannot be used
  parse_error,         // a malformed file (sysfs attribute, SVD, device tree, address)
  bad_hardware_value,  // garbage read from a device (invalid BCD, impossible date)
  unsupported,         // the platform or device cannot do it
  // devices
  busy,                // held by another process or driver
  timeout,
  device_removed,      // the device went away while mapped
  // UIO
  uio_read,
  uio_irqcontrol,
  // PCI
  pci_access,          // libpci failed
  pci_bind,            // driver_override / bind / unbind failed
  // VFIO: one per ioctl that can fail
  vfio_get_api_version,
  vfio_check_extension,
  vfio_set_iommu,
  vfio_group_get_status,
  vfio_group_not_viable,
  vfio_group_set_container,
  vfio_group_get_device_fd,
  vfio_device_get_info,
  vfio_device_get_region_info,
  vfio_device_get_irq_info,
  vfio_device_set_irqs,
  vfio_device_reset,
  vfio_iommu_map_dma,
  vfio_iommu_unmap_dma,
  vfio_no_iommu,
  // device tree
  fdt_error,
};

// The code's name as used in messages and JSON ("out_of_range").
std::string_view to_string(Errc code) noexcept;

// The process exit status a command-line front end uses for this code, so that scripts can tell
// failures apart (sysexits-like: 64 usage/invalid input, 65 bad data, 66 not found, 69 unavailable,
// 70 hardware error, 74 I/O, 75 busy/temporary, 77 permission, 124 timeout).
int exit_status(Errc code) noexcept;

class Error : public std::runtime_error {
 public:
  // subject: the path, device or register concerned; detail: what was being done, as a phrase
  // ("mmap of 0x1000 bytes"); sys_errno: errno of the failed call, 0 if none; hint: what to do.
  Error(Errc code, std::string subject, std::string detail, std::optional<std::uint64_t> address = {},
        int sys_errno = 0, std::string hint = {});

  Errc code() const noexcept { return code_; }
  const std::string& subject() const noexcept { return subject_; }
  const std::string& detail() const noexcept { return detail_; }
  std::optional<std::uint64_t> address() const noexcept { return address_; }
  int sys_errno() const noexcept { return errno_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  Errc code_;
  std::string subject_;
  std::string detail_;
  std::optional<std::uint64_t> address_;
  int errno_;
  std::string hint_;
};

// Throws Error for a failed system call, picking not_found / permission_denied from errno
// when that is what happened, `fallback` otherwise.
[[noreturn]] void throw_sys(Errc fallback, std::string subject, std::string detail, int sys_errno,
                            std::optional<std::uint64_t> address = {}, std::string hint = {});

// "0x1f" style, used in every message that names an address or offset.
std::string hex(std::uint64_t value);

}  // namespace uiokit
