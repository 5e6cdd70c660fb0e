// SPDX-License-Identifier: MIT
#include "uiokit/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace uiokit {

std::string_view to_string(Errc code) noexcept {
  switch (code) {
#define UIOKIT_ERRC(name) \
  case Errc::name:        \
    return #name;
    UIOKIT_ERRC(not_found) UIOKIT_ERRC(permission_denied) UIOKIT_ERRC(open_failed) UIOKIT_ERRC(stat_failed)
    UIOKIT_ERRC(mmap_failed) UIOKIT_ERRC(msync_failed) UIOKIT_ERRC(io_failed) UIOKIT_ERRC(out_of_range)
    UIOKIT_ERRC(misaligned) UIOKIT_ERRC(bad_width) UIOKIT_ERRC(file_too_short) UIOKIT_ERRC(region_too_small)
    UIOKIT_ERRC(invalid_argument) UIOKIT_ERRC(parse_error) UIOKIT_ERRC(bad_hardware_value)
    UIOKIT_ERRC(unsupported) UIOKIT_ERRC(busy) UIOKIT_ERRC(timeout) UIOKIT_ERRC(device_removed)
    UIOKIT_ERRC(uio_read) UIOKIT_ERRC(uio_irqcontrol) UIOKIT_ERRC(pci_access) UIOKIT_ERRC(pci_bind)
    UIOKIT_ERRC(vfio_get_api_version) UIOKIT_ERRC(vfio_check_extension) UIOKIT_ERRC(vfio_set_iommu)
    UIOKIT_ERRC(vfio_group_get_status) UIOKIT_ERRC(vfio_group_not_viable) UIOKIT_ERRC(vfio_group_set_container)
    UIOKIT_ERRC(vfio_group_get_device_fd) UIOKIT_ERRC(vfio_device_get_info)
    UIOKIT_ERRC(vfio_device_get_region_info) UIOKIT_ERRC(vfio_device_get_irq_info)
    UIOKIT_ERRC(vfio_device_set_irqs) UIOKIT_ERRC(vfio_device_reset) UIOKIT_ERRC(vfio_iommu_map_dma)
    UIOKIT_ERRC(vfio_iommu_unmap_dma) UIOKIT_ERRC(vfio_no_iommu) UIOKIT_ERRC(fdt_error)
#undef UIOKIT_ERRC
  }
  return "unknown";
}

int exit_status(Errc code) noexcept {
  switch (code) {
    case Errc::invalid_argument:
    case Errc::out_of_range:
    case Errc::misaligned:
    case Errc::bad_width:
    case Errc::region_too_small:
      return 64;
    case Errc::parse_error:
    case Errc::file_too_short:
      return 65;
    case Errc::not_found:
      return 66;
    case Errc::unsupported:
    case Errc::vfio_no_iommu:
    case Errc::vfio_group_not_viable:
      return 69;
    case Errc::bad_hardware_value:
    case Errc::device_removed:
      return 70;
    case Errc::busy:
      return 75;
    case Errc::permission_denied:
      return 77;
    case Errc::timeout:
      return 124;
    default:
      return 74;
  }
}

static std::string compose(Errc code, const std::string& subject, const std::string& detail,
                           std::optional<std::uint64_t> address, int sys_errno, const std::string& hint) {
  std::string msg = subject.empty() ? std::string(to_string(code)) : subject;
  if (!detail.empty()) msg += ": " + detail;
  if (address) msg += " at " + hex(*address);
  if (sys_errno != 0) {
    msg += ": ";
    msg += std::strerror(sys_errno);
  }
  if (!hint.empty()) msg += " (" + hint + ")";
  return msg;
}

Error::Error(Errc code, std::string subject, std::string detail, std::optional<std::uint64_t> address,
             int sys_errno, std::string hint)
    : std::runtime_error(compose(code, subject, detail, address, sys_errno, hint)),
      code_(code),
      subject_(std::move(subject)),
      detail_(std::move(detail)),
      address_(address),
      errno_(sys_errno),
      hint_(std::move(hint)) {}

void throw_sys(Errc fallback, std::string subject, std::string detail, int sys_errno,
               std::optional<std::uint64_t> address, std::string hint) {
  Errc code = fallback;
  if (sys_errno == ENOENT || sys_errno == ENODEV || sys_errno == ENXIO) code = Errc::not_found;
  if (sys_errno == EACCES || sys_errno == EPERM) code = Errc::permission_denied;
  if (sys_errno == EBUSY) code = Errc::busy;
  throw Error(code, std::move(subject), std::move(detail), address, sys_errno, std::move(hint));
}

std::string hex(std::uint64_t value) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(value));
  return buf;
}

}  // namespace uiokit
