// SPDX-License-Identifier: MIT
// /dev/mem backend: a window of the physical address space.
//
// The window is rounded out to pages for mmap, and the Region starts at the exact physical
// address asked for and remembers it. The kernel's CONFIG_STRICT_DEVMEM (Debian sets it) refuses
// RAM always, and device memory a driver has claimed unless the kernel was booted with
// iomem=relaxed; those refusals come back as Errc::permission_denied with that explanation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "uiokit/region.hpp"

namespace uiokit {

struct DevmemOptions {
  bool writable = true;
  std::string path = "/dev/mem";  // another file with /dev/mem's layout, for tests
  std::string name;               // defaults to "mem@<address>"
};

Region map_devmem(std::uint64_t phys, std::size_t size, const DevmemOptions& options = {});

}  // namespace uiokit
