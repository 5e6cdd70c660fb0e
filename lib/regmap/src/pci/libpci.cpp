// SPDX-License-Identifier: MIT
// libpci.so.3 opened with dlopen and its functions looked up with dlsym (libpci.hpp says why).
// The library stays loaded for the life of the process: nothing unloads what a scan may still
// point into.
#include "libpci.hpp"

#include <dlfcn.h>

#include <string>

#include "uiokit/error.hpp"

namespace uiokit::pci::detail {
namespace {

constexpr const char* soname = "libpci.so.3";

[[noreturn]] void fail(const std::string& detail) {
  const char* why = dlerror();
  throw Error(Errc::pci_access, soname, why ? detail + " failed: " + why : detail + " failed", {}, 0,
              "PCI discovery needs libpci: Debian package libpci3");
}

template <class F>
void resolve(void* handle, F& fn, const char* name) {
  // The default version of a versioned symbol (pci_fill_info@@LIBPCI_3.8): the one a link
  // against this header would bind.
  fn = reinterpret_cast<F>(dlsym(handle, name));
  if (!fn) fail(std::string("dlsym of ") + name);
}

LibPci load() {
  void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!handle) fail("dlopen");
  LibPci l{};
  resolve(handle, l.alloc, "pci_alloc");
  resolve(handle, l.init, "pci_init");
  resolve(handle, l.cleanup, "pci_cleanup");
  resolve(handle, l.scan_bus, "pci_scan_bus");
  resolve(handle, l.fill_info, "pci_fill_info");
  resolve(handle, l.set_param, "pci_set_param");
  resolve(handle, l.set_name_list_path, "pci_set_name_list_path");
  resolve(handle, l.lookup_name, "pci_lookup_name");
  return l;
}

}  // namespace

const LibPci& libpci() {
  static const LibPci table = load();  // a failed load throws and is tried again next call
  return table;
}

}  // namespace uiokit::pci::detail
