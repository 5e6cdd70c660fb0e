// SPDX-License-Identifier: MIT
#include "uiokit/reg/array.hpp"

namespace uiokit::reg {

std::string element_name(std::string_view pattern, const std::size_t* index, std::size_t levels) {
  std::string out;
  std::size_t level = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] == 's' && level < levels) {
      out += std::to_string(index[level++]);
      ++i;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

}  // namespace uiokit::reg
