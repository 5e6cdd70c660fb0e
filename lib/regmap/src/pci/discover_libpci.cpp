// SPDX-License-Identifier: MIT
// list() through libpci: sysfs scanned by libpci, names from the PCI ID database. libpci is
// called through the table of libpci.hpp, loaded on the first scan.
#include "uiokit/pci/discover.hpp"

#include "libpci.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstdarg>
#include <cstdio>
#include <memory>

namespace uiokit::pci {
namespace {

// libpci reports fatal errors through a callback that must not return (its default calls
// exit()). We jump back to the scan instead. Only C frames lie between setjmp and longjmp,
// so no destructor is skipped. One scan at a time: the jump buffer is per thread.
thread_local std::jmp_buf* scan_jump = nullptr;
thread_local char scan_error[512];

[[noreturn]] void on_error(char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(scan_error, sizeof scan_error, fmt, ap);
  va_end(ap);
  std::longjmp(*scan_jump, 1);
}
void on_quiet(char*, ...) {}

// Returns false with scan_error filled when libpci gave up.
bool guarded_init_and_scan(const detail::LibPci& lib, pci_access* pacc) {
  std::jmp_buf jb;
  scan_jump = &jb;
  if (setjmp(jb) != 0) {
    scan_jump = nullptr;
    return false;
  }
  lib.init(pacc);
  lib.scan_bus(pacc);
  for (pci_dev* d = pacc->devices; d != nullptr; d = d->next)
    lib.fill_info(d, PCI_FILL_IDENT | PCI_FILL_CLASS | PCI_FILL_CLASS_EXT | PCI_FILL_SUBSYS);
  scan_jump = nullptr;
  return true;
}

bool guarded_lookup(const detail::LibPci& lib, pci_access* pacc, int flags, char* buf, int size, unsigned a, unsigned b) {
  std::jmp_buf jb;
  scan_jump = &jb;
  if (setjmp(jb) != 0) {
    scan_jump = nullptr;
    return false;
  }
  const char* s = lib.lookup_name(pacc, buf, size, flags, a, b);
  scan_jump = nullptr;
  if (s == nullptr) return false;
  if (s != buf) std::snprintf(buf, static_cast<std::size_t>(size), "%s", s);
  return true;
}

// A name from the database, or "" (no entry, or no database: libpci then calls the error hook).
std::string lookup(const detail::LibPci& lib, pci_access* pacc, int flags, unsigned a, unsigned b = 0) {
  char buf[256];
  buf[0] = 0;
  if (!guarded_lookup(lib, pacc, flags | PCI_LOOKUP_NO_NUMBERS, buf, sizeof buf, a, b)) return {};
  return buf;
}

}  // namespace

std::vector<DeviceInfo> list(const Filter& filter, const DiscoverOptions& options) {
  const detail::LibPci& lib = detail::libpci();
  std::unique_ptr<pci_access, decltype(lib.cleanup)> pacc(lib.alloc(), lib.cleanup);
  if (!pacc) throw Error(Errc::pci_access, "libpci", "pci_alloc failed");
  pacc->error = on_error;
  pacc->warning = on_quiet;
  pacc->debug = on_quiet;
  // The fake tree of a test, or the real one: always the sysfs method, so libpci never falls
  // back to port I/O (which needs root and bypasses the kernel).
  std::string sysfs_path = (options.sysfs.root / "bus/pci").string();  // libpci wants the bus directory
  pacc->method = PCI_ACCESS_SYS_BUS_PCI;
  lib.set_param(pacc.get(), const_cast<char*>("sysfs.path"), sysfs_path.data());
  std::string ids;
  if (options.ids_path) {
    ids = *options.ids_path;
    lib.set_name_list_path(pacc.get(), ids.data(), 0);
  }
  if (!guarded_init_and_scan(lib, pacc.get()))
    throw Error(Errc::pci_access, options.sysfs.devices().string(), std::string("libpci: ") + scan_error);

  const int name_flags = options.ids_path ? PCI_LOOKUP_NO_HWDB : 0;
  std::vector<DeviceInfo> out;
  for (pci_dev* d = pacc->devices; d != nullptr; d = d->next) {
    DeviceInfo info;
    info.address = Address{static_cast<std::uint32_t>(d->domain), d->bus, d->dev, d->func};
    info.vendor = d->vendor_id;
    info.device = d->device_id;
    info.subsystem_vendor = d->subsys_vendor_id;
    info.subsystem_device = d->subsys_id;
    info.device_class = d->device_class;
    info.prog_if = d->prog_if;
    if (!filter.matches(info)) continue;
    if (options.names) {
      info.vendor_name = lookup(lib, pacc.get(), name_flags | PCI_LOOKUP_VENDOR, d->vendor_id);
      info.device_name = lookup(lib, pacc.get(), name_flags | PCI_LOOKUP_DEVICE, d->vendor_id, d->device_id);
      info.class_name = lookup(lib, pacc.get(), name_flags | PCI_LOOKUP_CLASS, d->device_class);
    }
    info.driver = bound_driver(options.sysfs, info.address);
    info.iommu_group = iommu_group(options.sysfs, info.address);
    out.push_back(std::move(info));
  }
  std::sort(out.begin(), out.end(), [](const DeviceInfo& a, const DeviceInfo& b) { return a.address < b.address; });
  return out;
}

}  // namespace uiokit::pci
