// SPDX-License-Identifier: MIT
#pragma once

#include "cli/cli.hpp"

namespace uiokit::pl031 {

const rtc::cli::Program& program();

}  // namespace uiokit::pl031
