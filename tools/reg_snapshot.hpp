// SPDX-License-Identifier: MIT
// Register snapshots: every register of an SVD device that can be read without side effects,
// with its value and decoded fields, as one JSON document; and the check that a snapshot
// belongs to a device (same device name, same peripherals at the same base addresses).
//
//   {"snapshot": 1, "device": {"name", "version"}, "address": "file:...",
//    "peripherals": [{"name", "base"}],
//    "registers": [{"peripheral", "register", "name", "offset", "address", "value", "hex",
//                   "fields": {NAME: {"bits", "value", "enum", "access", ...}}}],
//    "skipped": [{"name", "reason"}]}
//
// "address" of a register is the SVD's (peripheral base + offset); "offset" is where it was
// read in the device's window. A register outside the window (or misaligned in it) is skipped
// with the reason, and the rest are read.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "reg_print.hpp"

namespace uiokit::cli {

// Reads one register where the device holds it.
using RegisterReader = std::function<std::uint64_t(Resolved&)>;

Resolved resolved(const svd::Peripheral& p, const svd::Register& r);

// Why a register is left unread ("write-only", "read has side effects ..."), or "" to read it.
std::string read_skip_reason(const svd::Register& r, bool force);

json take_snapshot(const svd::Device& device, const RegisterReader& read, bool force, std::string_view address);

// Throws invalid_argument unless `snapshot` was taken of `device`; `what` names the snapshot.
void check_same_device(const svd::Device& device, const json& snapshot, std::string_view what);

// A snapshot file: parse_error for anything that is not one.
json load_snapshot(const std::string& path);

}  // namespace uiokit::cli
