// SPDX-License-Identifier: MIT
// C++ text for one peripheral's registers (layout.hpp's tree), in the DSL of uiokit/reg.
#pragma once

#include <string>

#include "layout.hpp"

namespace uiokit::svd2cpp {

struct Emitted {
  std::string members;  // the register, enum and cluster declarations, indented for a struct body
  std::string list;     // the block's register list: "CR1, CR2, CH::CTRL"
  std::size_t size = 0;  // the block's size in bytes
};

// `where` names the peripheral in error messages ("rp2040.svd: peripheral UART0"); `id` is its
// C++ name.
Emitted emit_peripheral(const svd::Peripheral& p, const Cluster& tree, const std::string& where,
                        const std::string& id);

}  // namespace uiokit::svd2cpp
