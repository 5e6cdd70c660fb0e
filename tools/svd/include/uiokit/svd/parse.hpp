// SPDX-License-Identifier: MIT
// Reading a CMSIS-SVD file (XML, with pugixml) into the resolved model of uiokit/svd/model.hpp.
// A malformed file or a broken reference (derivedFrom naming nothing, a dim without its
// increment, a field outside its register) is uiokit::Error(Errc::parse_error) naming the
// element; there are limits (dim <= 65536, derivedFrom depth <= 16, clusters nested <= 32, and
// the Limits below on what the file expands to) so that hostile input cannot make it allocate
// without bound: dim arrays of dim arrays turn a few hundred bytes into billions of fields.
//
// enumeratedValues derivedFrom="NAME" takes the set of that name in the nearest enclosing scope
// (field, register, cluster, peripheral, device); "PERIPH.REG.FIELD.NAME" names the scope.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>

#include "uiokit/svd/model.hpp"

namespace uiokit::svd {

// Bounds on the resolved model. The largest vendor files known (tens of thousands of registers,
// a few hundred thousand fields and values) stay far below them.
struct Limits {
  std::size_t max_registers = std::size_t{1} << 20;
  std::size_t max_elements = std::size_t{4} << 20;  // registers + fields + enumerated values
  // Files at least this large are read, parsed into trees and resolved on two threads (the XML
  // in two parts where that is provably the same tree as one parse: tools/svd/src/dom.hpp);
  // smaller ones stay on the caller's.
  std::size_t parallel_from_bytes = std::size_t{4} << 20;
};

Device load(const std::filesystem::path& path, const Limits& limits = {});
Device parse(std::string_view xml, std::string source = "<memory>", const Limits& limits = {});

}  // namespace uiokit::svd
