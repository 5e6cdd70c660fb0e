// SPDX-License-Identifier: MIT
// svd2cpp: typed register blocks (uiokit/reg) generated from a CMSIS-SVD description.
//
// The SVD reader resolves a file into a flat model (uiokit/svd/model.hpp); the generator turns
// it back into the shape the file had and the DSL can express:
//   - one struct per peripheral, in a namespace named after the device (lower case), holding
//     base_address, one struct per register (its fields and enums nested), and
//     `using block = Block<"NAME", size, registers...>` (size: the address blocks' extent, or the
//     end of the last register if that is further);
//   - registers named "X[0]".."X[n-1]" (SVD dim with "[%s]") with a constant stride and the same
//     layout become Array<X_element, n, stride>; a cluster becomes a struct of its registers, a
//     cluster array an Array per register with the cluster's stride ("CH[%s].CTRL"); anything
//     that does not fit that shape (named indices, uneven strides) stays one register per element;
//   - a peripheral whose registers are those of one generated before it (derivedFrom, or the
//     same description written twice) derives from it: `struct UART2 : UART1` with its own
//     base_address and `block` (the same register types, renamed);
//   - enumerated values become `enum class FIELD_values` whose names dumps show (isDefault and
//     "x"-masked values are left out: they are not one value);
//   - access, modifiedWriteValues and readAction become the field's Access; a field claiming
//     more than its register allows (a writable field in a read-only register) gets the
//     register's permission; a register overlapping an earlier one is marked `alternate`.
//
// Names: every character outside [A-Za-z0-9_] becomes '_', runs of '_' become one, a leading
// digit gets a '_' in front, and C++ keywords, the member names the DSL uses (name, offset,
// fields, block, count, ...) and a name equal to its enclosing struct's (field TXDR of register
// TXDR) get a '_' appended. Names that are still not unique in their scope
// are an error naming both SVD elements, as are a register wider than 64 bits (or not 8, 16,
// 32 or 64), a misaligned register, overlapping fields and a field outside its register.
// Output: DIR/<namespace>.hpp including DIR/<namespace>/<PERIPHERAL>.hpp; written to a temporary
// directory next to DIR and renamed into place, so a failed run leaves DIR as it was.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "uiokit/svd/model.hpp"

namespace uiokit::svd2cpp {

struct Options {
  std::vector<std::string> peripherals;  // empty: all
  std::string name_space;                // empty: the device's name, mangled, in lower case
};

// File name (relative to the output directory) -> contents. Throws uiokit::Error.
std::map<std::string, std::string> generate(const svd::Device& device, const Options& options = {});
// generate(), then the files written under out_dir as one step.
void write_tree(const std::map<std::string, std::string>& files, const std::filesystem::path& out_dir);

// The C++ identifier for an SVD name (the rule above, without the uniqueness check).
std::string mangle(std::string_view name);

}  // namespace uiokit::svd2cpp
