// SPDX-License-Identifier: MIT
// The wall-clock time printed by `uiokit reg watch` and `uiokit irq wait`: UTC, ISO 8601, to
// the millisecond ("2026-12-06T02:41:07.123Z").
#pragma once

#include <string>

namespace uiokit::cli {

std::string timestamp();

}  // namespace uiokit::cli
