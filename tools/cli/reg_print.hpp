// SPDX-License-Identifier: MIT
// Printing what `uiokit reg` reads, and the SVD model itself, as text or JSON; loading an SVD
// file with its warnings on stderr. Shared by cmd_reg.cpp and cmd_svd_model.cpp.
#pragma once
#if defined(UIOKIT_HAVE_SVD) && __has_include(<nlohmann/json.hpp>)
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "uiokit/svd/model.hpp"

namespace uiokit::cli {

using json = nlohmann::ordered_json;

std::string hexw(std::uint64_t v, unsigned bits);

// One thing on the command line resolved: a raw offset or an SVD register (maybe a field).
struct Resolved {
  std::string name;
  std::uint64_t offset = 0;
  unsigned bits = 32;
  const svd::Peripheral* peripheral = nullptr;
  const svd::Register* reg = nullptr;
  const svd::Field* field = nullptr;
};

json value_json(const Resolved& r, std::uint64_t value, std::optional<std::uint64_t> phys);
void print_value(const Resolved& r, std::uint64_t value);

// The resolved model: peripherals, registers (offset, size, access, reset value and mask),
// fields (bit range, access) and the reader's warnings.
json model_json(const svd::Device& d);

// svd::load of a file or shipped name, each reader warning printed to stderr.
svd::Device load_svd(const std::string& name_or_path, bool keep_duplicates);

}  // namespace uiokit::cli
#endif
