// SPDX-License-Identifier: MIT
// Finding registers and fields by name: "PERIPH.REG", "PERIPH.REG.FIELD", cluster members as
// "PERIPH.CLUSTER[0].REG", and, in a file with one peripheral, "REG" and "REG.FIELD" alone.
// Exact names win; otherwise the match ignores case. An unknown name throws not_found whose
// hint lists the nearest valid names by edit distance.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uiokit/svd/model.hpp"

namespace uiokit::svd {

struct Target {
  const Peripheral* peripheral = nullptr;
  const Register* reg = nullptr;  // null: the whole peripheral
  const Field* field = nullptr;   // null: the whole register
  std::string name() const;       // "PERIPH.REG.FIELD"
};

Target find(const Device& device, std::string_view name);
// Within one peripheral: "REG", "REG.FIELD", "CL[0].REG.FIELD" (empty: the peripheral itself);
// nothing when there is no such register or field.
std::optional<Target> find_in(const Peripheral& peripheral, std::string_view rest);

// Names equal but for letter case, as lookups compare them when no name matches exactly.
bool iequal(std::string_view a, std::string_view b);

// Levenshtein distance, and the up-to-`count` candidates nearest to `word`.
std::size_t edit_distance(std::string_view a, std::string_view b);
std::vector<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates, std::size_t count = 3);

}  // namespace uiokit::svd
