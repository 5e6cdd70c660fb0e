// SPDX-License-Identifier: MIT
// Reading a CMSIS-SVD file (XML, with pugixml) into the resolved model of uiokit/svd/model.hpp.
//
// Strict where a wrong reading would mislead, tolerant where the file is unambiguous. Errors
// are uiokit::Error(Errc::parse_error) with "FILE:LINE:COLUMN" as subject (the element the error
// is about; XML errors say "truncated" for a file that ends inside an element): a broken reference (derivedFrom
// naming nothing, naming itself, or a loop, with every member named), a dim without its
// increment, a name given twice among peripherals, registers or fields (both lines named;
// Limits::keep_duplicates keeps the first with a warning instead; a field named RESERVED...
// given twice is always left out with a warning; a register given twice with an
// <alternateGroup> is valid SVD and named NAME_GROUP, as SVDConv does). Accepted with a warning in
// Device::warnings ("FILE:LINE: warning: WHAT (reading chosen: HOW)"):
//   - schema tokens (access, modifiedWriteValues, readAction, usage) in another letter case or
//     a known vendor spelling ("read-writeonce", "read/write", "RW", "write");
//   - a register size that is not 8, 16, 32 or 64 bits: read with the next of those widths
//     (a 4-bit register is an 8-bit access), its fields as given;
//   - a field reaching past its register: clipped to the register (a field wholly outside it is
//     left out);
//   - derivedFrom naming a dim element by an expanded name or with "%s": the dim element.
// Binary enumerated values with don't-care bits ("#01x", "0b01X") match with a mask.
// There are limits (dim <= 65536, derivedFrom depth <= 16, clusters nested <= 32, and the
// Limits below on what the file expands to) so that hostile input cannot make it allocate
// without bound: dim arrays of dim arrays turn a few hundred bytes into billions of fields.
//
// enumeratedValues derivedFrom="NAME" takes the set of that name in the nearest enclosing scope
// (field, register, cluster, peripheral, device); "PERIPH.REG.FIELD.NAME" names the scope.
//
// Memory: a file of a megabyte or more is read, and its XML parsed, into anonymous mappings that
// ask for transparent huge pages, so that a vendor file costs a few page faults rather than
// thousands. pugixml takes its memory through process-wide functions; the first such parse
// installs functions that serve this reader's documents from those mappings and pass every
// other request to the functions installed before them. A program that installs its own
// pugixml functions later keeps them, and the reader then parses with ordinary pages.
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
  // A name given twice: keep the first and warn, rather than refuse the file.
  bool keep_duplicates = false;
};

Device load(const std::filesystem::path& path, const Limits& limits = {});
Device parse(std::string_view xml, std::string source = "<memory>", const Limits& limits = {});

}  // namespace uiokit::svd
