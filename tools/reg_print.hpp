// SPDX-License-Identifier: MIT
// How `uiokit reg` shows a register value: the text and JSON of uiokit/svd/report.hpp, which
// the Python module shows too, printed to stdout.
#pragma once

#include <cstdint>
#include <cstdio>

#include "reg_session.hpp"
#include "uiokit/svd/report.hpp"

namespace uiokit::cli {

using json = nlohmann::ordered_json;
using svd::field_json;
using svd::hexw;
using svd::value_json;

inline void print_value(const Resolved& r, std::uint64_t value, bool reset = false) {
  std::fputs(svd::format_value(r, value, reset).c_str(), stdout);
}

}  // namespace uiokit::cli
