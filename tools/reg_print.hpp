// SPDX-License-Identifier: MIT
// How `uiokit reg` shows a register value: the text and JSON of uiokit/reg/report.hpp, which
// the Python module shows too, printed to stdout.
#pragma once

#include <cstdint>
#include <cstdio>

#include "reg_session.hpp"
#include "uiokit/reg/report.hpp"

namespace uiokit::cli {

using json = nlohmann::ordered_json;
using reg::field_json;
using reg::hexw;
using reg::value_json;

inline void print_value(const Resolved& r, std::uint64_t value, bool reset = false) {
  std::fputs(reg::format_value(r, value, reset).c_str(), stdout);
}

}  // namespace uiokit::cli
