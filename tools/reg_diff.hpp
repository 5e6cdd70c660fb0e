// SPDX-License-Identifier: MIT
// Comparing two snapshots (reg_snapshot.hpp) register by register and, where the
// registers have fields, field by field. Each difference is one JSON object:
//   {"name": "RTC.RTCCON.TICCKSEL", "bits": "7:4", "before": 0, "after": 3,
//    "before_enum": "hz32768", "after_enum": "hz4096"}
//   {"name": "RTC.TICCNT", "before": 0, "after": 16}           (a register without fields)
//   {"name": "RTC.X", "only_in": "before"}                     (read in one snapshot only)
#pragma once

#include <string>

#include "reg_print.hpp"

namespace uiokit::cli {

json diff_snapshots(const json& before, const json& after);
// The differences between two readings of one register (value_json objects), appended to out.
void diff_register(const std::string& name, const json& before, const json& after, json& out);
// One line per difference; print_diff adds the count.
void print_changes(const json& changes, const char* indent = "");
void print_diff(const json& changes);

}  // namespace uiokit::cli
