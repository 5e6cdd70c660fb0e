// SPDX-License-Identifier: MIT
#include "stub_hint.hpp"

#include <sys/utsname.h>

#include <filesystem>
#include <system_error>

namespace uiokit::uio::detail {

std::string stub_hint(const Paths& paths) {
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::path(paths.modules) / "uio_stub", ec)) return {};
  // A module is built for one kernel release (its vermagic), and the kernel refuses any other
  // with "Invalid module format": the fix is building it for the running one.
  struct utsname u {};
  const std::string release = ::uname(&u) == 0 ? std::string(u.release) : std::string("$(uname -r)");
  return "uio_stub is not loaded: modprobe uio_stub [parameters] (the uio-stub-dkms package builds it), or "
         "insmod uio_stub.ko; if the kernel refuses it with 'Invalid module format', it was built for another "
         "kernel: build it for this one, " + release + " (apt install linux-headers-" + release +
         ", then dkms autoinstall -k " + release + ")";
}

}  // namespace uiokit::uio::detail
