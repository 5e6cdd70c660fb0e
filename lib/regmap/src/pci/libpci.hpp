// SPDX-License-Identifier: MIT
// libpci (pciutils), loaded when PCI discovery first needs it rather than linked: a program
// that never scans the bus (`uiokit reg`, most drivers) then starts without loading libpci and
// the libraries it brings (libudev, libz). The functions are resolved once by name; the types
// are the header's, so a call through the table is the call the header declares.
#pragma once

extern "C" {
#include <pci/pci.h>
}

namespace uiokit::pci::detail {

struct LibPci {
  decltype(&::pci_alloc) alloc;
  decltype(&::pci_init) init;
  decltype(&::pci_cleanup) cleanup;
  decltype(&::pci_scan_bus) scan_bus;
  decltype(&::pci_fill_info) fill_info;
  decltype(&::pci_set_param) set_param;
  decltype(&::pci_set_name_list_path) set_name_list_path;
  decltype(&::pci_lookup_name) lookup_name;
};

// The table, libpci.so.3 loaded on the first call (thread-safe). Throws Errc::pci_access naming
// libpci.so.3 and the loader's reason when the library or one of its functions is missing.
const LibPci& libpci();

}  // namespace uiokit::pci::detail
