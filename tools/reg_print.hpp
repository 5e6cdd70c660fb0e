// SPDX-License-Identifier: MIT
// How `uiokit reg` shows a register value: text (the value, then each field decoded, highest
// bits first) and JSON (value, hex, and each field's bits, value, enumerated name, access).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "reg_session.hpp"

namespace uiokit::cli {

using json = nlohmann::ordered_json;

std::string hexw(std::uint64_t v, unsigned bits);
json field_json(const svd::Field& f, std::uint64_t reg_value);
json value_json(const Resolved& r, std::uint64_t value, std::optional<std::uint64_t> phys);
void print_value(const Resolved& r, std::uint64_t value);

}  // namespace uiokit::cli
