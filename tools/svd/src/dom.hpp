// SPDX-License-Identifier: MIT
// The SVD file as pugixml trees, for parse.cpp.
//
// A small file is one document. A large one is parsed on two threads, in parts: the device with
// an empty <peripherals> element (the outer part), and the peripherals cut in two where a
// <peripheral> element starts near the middle, each part a fragment of whole <peripheral>
// elements. pugixml's DOM is one pass over the bytes that cannot be shared out otherwise, and
// on a 27 MB file it is a third of the time.
//
// Parts are only kept when they are the tree one parse would give: the outer part's device has
// as its first <peripherals> the very element that was cut out (by its byte offset), and every
// part parses and holds <peripheral> elements alone. A cut that lands in a comment or
// CDATA leaves an unterminated construct and fails its part; attributes on <peripherals>, text
// between peripherals, a second <peripherals> or a NUL in a part (where pugixml would end the
// whole document) fail a check. Then the file is parsed whole, as
// a small one is, so every error message (and its offset) is the single parse's.
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace uiokit::svd::detail {

struct Dom {
  pugi::xml_document outer;     // the whole document, or the device with its peripherals cut out
  std::string outer_text;       // the outer part's characters, when split (parsed in place)
  std::vector<std::unique_ptr<pugi::xml_document>> parts;  // the peripherals, when split
  pugi::xml_parse_result result;  // of the whole-document parse; parts that fail are not kept
  pugi::xml_node device;          // the first <device>, if any
  pugi::xml_node peripherals;     // its first <peripherals> (empty when split)
  std::vector<pugi::xml_node> peripheral_nodes;  // every <peripheral> in it, in document order
  std::vector<std::uint64_t> positions;          // each one's byte offset in the file

  bool split() const noexcept { return !parts.empty(); }
};

// Parses `text` in parts; true when they are kept. With `in_place` (text's own characters,
// writable) the parts are parsed in them, and a rejected split leaves them changed: the whole
// must then be parsed from fresh bytes.
bool parse_split(Dom& dom, std::string_view text, char* in_place);
// Parses `text` as one document, in place when `in_place` is given.
void parse_whole(Dom& dom, std::string_view text, char* in_place);

}  // namespace uiokit::svd::detail
