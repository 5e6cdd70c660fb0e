// SPDX-License-Identifier: MIT
// What a failed lookup of a UIO device by name tells the user about kernel/uio_stub.
#pragma once

#include <string>

#include "uiokit/uio/uio.hpp"

namespace uiokit::uio::detail {

// Empty when uio_stub is loaded (paths.modules/uio_stub exists); otherwise how to load it and
// what to do when the load is refused as a module built for another kernel ("Invalid module
// format"), naming the running kernel's release.
std::string stub_hint(const Paths& paths);

}  // namespace uiokit::uio::detail
