// SPDX-License-Identifier: MIT
// A peripheral's flat register list (uiokit/svd/model.hpp) turned back into what the DSL
// expresses: single registers, arrays of registers, and clusters holding them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "uiokit/svd/model.hpp"

namespace uiokit::svd2cpp {

struct Dim {
  std::size_t count = 1;
  std::uint64_t stride = 0;
};

// One member of a block: a register, or an array of identical registers.
struct Member {
  std::string svd_name;  // the last name segment ("CTRL"), or the whole flat name if alone
  std::string pattern;   // "CH[%s].CTRL[%s]" for arrays; the flat name otherwise
  const svd::Register* reg = nullptr;  // element 0: its layout is every element's
  std::vector<Dim> dims;               // outermost first; empty: one register
  bool alternate = false;              // overlaps an earlier register (alternateRegister)
};

// A peripheral, or a cluster in it.
struct Cluster {
  std::string svd_name;
  std::vector<Member> members;
  std::vector<std::unique_ptr<Cluster>> clusters;
  Cluster* child(const std::string& name);
};

// Throws Error(parse_error) naming the register for what the DSL would reject (width, alignment,
// fields) so that generated code always compiles.
Cluster layout(const svd::Peripheral& p, const std::string& where);

}  // namespace uiokit::svd2cpp
