// SPDX-License-Identifier: MIT
// The scan behind svd::Outline: where a file's <peripheral> elements are, without parsing it.
// It follows only what it must to find them (comments, CDATA, processing instructions, quoted
// attribute values) and gives up (nullopt) on anything it does not follow, so that the caller
// reads the file whole instead.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reader.hpp"
#include "uiokit/svd/outline.hpp"

namespace uiokit::svd {

struct Outline::Scan {
  struct Element {
    std::string name;
    std::size_t begin = 0, end = 0;  // the element, from '<' to past its end tag's '>'
    std::string derived_from;        // the peripheral's own derivedFrom, trimmed
    // First parts of the derivedFrom values inside it: found when it is first resolved.
    std::optional<std::vector<std::string>> paths;
  };
  detail::Bytes bytes;    // the file, when the scan holds it (file_bytes.cpp)
  std::string_view file;  // the file's bytes: in `bytes`, or the caller's
  std::size_t size = 0;
  std::size_t head_name = 0;   // the name of the <peripherals> start tag (past its '<')
  std::size_t head_end = 0;    // past that tag
  std::size_t tail_begin = 0;  // at the </peripherals> end tag
  std::vector<Element> peripherals;
  std::unordered_map<std::string_view, std::size_t> by_name;  // names (in `bytes`) to indexes

  std::string_view text() const { return file; }
};

// Fills head_end, tail_begin and peripherals from the bytes; false when the file cannot be outlined.
bool scan_outline(Outline::Scan& s);
// The ranges of the file that make a document of the elements `which` (in file order): the head,
// those elements, the tail. The document is made by copy_pieces, which notes in `dom` where each
// piece starts in the document and in the file, so that places are named by the file's lines.
std::vector<std::pair<std::size_t, std::size_t>> piece_ranges(const Outline::Scan& s, const std::vector<std::size_t>& which);
std::size_t pieces_size(const std::vector<std::pair<std::size_t, std::size_t>>& ranges);
void copy_pieces(const Outline::Scan& s, const std::vector<std::pair<std::size_t, std::size_t>>& ranges, char* doc, detail::Dom& dom);
// The first parts ("GPIOA" of "GPIOA.MODER.MODE0") of every derivedFrom value in `element`.
std::vector<std::string> derived_paths(std::string_view element);
// The peripherals a document for `from` must hold, in file order: those, what they derive from
// and the peripherals their derivedFrom paths start with, and theirs in turn (each element's
// paths found once, kept in Element::paths). False when a peripheral's own derivedFrom names
// none of them (only the whole reading can say what it means). A value that only looks like a
// path into another peripheral adds that peripheral at worst: a larger document, not another
// answer.
bool reach(Outline::Scan& s, const std::vector<std::size_t>& from, std::vector<std::size_t>& out);

}  // namespace uiokit::svd
