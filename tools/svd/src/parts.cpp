// SPDX-License-Identifier: MIT
// A large file read a few peripherals at a time (reader.hpp: parse_by_parts).
//
// Read whole, a file of tens of megabytes becomes a document several times its size: pugixml
// keeps a node of 64 bytes for every element, next to the file's own bytes that it parses in
// place. Memory a process touches for the first time costs a page fault and the kernel's zeroing
// of the page; for such a file that is a good part of the parse. Read in parts, the file's
// peripherals are grouped by their own derivedFrom (found by the outline scan, outline_scan.cpp),
// and each group is read as a document of the file's head, the group and the file's tail, by the
// same reader as the whole file; a group whose registers or fields derive from a peripheral of
// another group is read again with the peripherals its derivedFrom paths reach. Every part is
// copied into one buffer and parsed into one set of pages (XmlPages::rewind), so that the memory
// touched is the file, the largest part's document and the model.
//
// The answer must be the whole reading's, so the parts stand for the file only when each is read
// without a word: an error, a warning (the head's would be given once per part, and the order of
// a file's warnings is the whole reading's), a reference that needs every peripheral (Partial),
// a part that expands to more than the limits leave, or a peripheral that is not there one for
// one (a peripheral array) sends the file to the whole reading, which answers as it always does.
#include <algorithm>
#include <numeric>

#include "outline_scan.hpp"
#include "reader.hpp"
#include "uiokit/error.hpp"

namespace uiokit::svd::detail {

namespace {

struct Buffer {  // the document of the part being read, grown to the largest
  Bytes bytes;
  std::size_t size = 0;
};

std::size_t root(std::vector<std::size_t>& up, std::size_t i) {
  while (up[i] != i) i = up[i] = up[up[i]];
  return i;
}

// The peripherals (by index) in groups that no peripheral's own derivedFrom leaves, each in file
// order, the groups in the order of their first peripheral; nothing when a peripheral derives
// from one that is not in the file (the whole reading says what that means). A register's or
// field's derivedFrom into another peripheral is found when the part is read (Partial), which
// few files have: the scan does not look inside the peripherals for it.
std::optional<std::vector<std::vector<std::size_t>>> groups(const Outline::Scan& s) {
  const std::size_t n = s.peripherals.size();
  std::vector<std::size_t> up(n);
  std::iota(up.begin(), up.end(), std::size_t{0});
  for (std::size_t i = 0; i < n; ++i) {
    const auto& from = s.peripherals[i].derived_from;
    if (from.empty()) continue;
    const auto it = s.by_name.find(from);
    if (it == s.by_name.end()) return std::nullopt;
    up[root(up, i)] = root(up, it->second);
  }
  std::vector<std::vector<std::size_t>> out;
  std::vector<std::size_t> slot(n, n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto r = root(up, i);
    if (slot[r] == n) {
      slot[r] = out.size();
      out.emplace_back();
    }
    out[slot[r]].push_back(i);
  }
  return out;
}

// Reads the peripherals `doc` (file order) as one document; keeps those of `part` (a subset) in
// by_index. Nothing where it cannot stand for them (see the top); Partial passes through.
bool read_part(const Outline::Scan& s, const std::vector<std::size_t>& doc, const std::vector<std::size_t>& part, Buffer& buf,
               Dom& dom, const std::string& source, Limits& left, std::vector<Peripheral>& by_index, Device& out) {
  const auto ranges = piece_ranges(s, doc);
  const auto size = pieces_size(ranges);
  if (size > buf.size) {
    buf.bytes = allocate_bytes(size);
    buf.size = size;
  }
  dom.doc.reset();
  dom.pages.rewind();
  copy_pieces(s, ranges, buf.bytes.get(), dom);
  Device d;
  try {
    d = parse_pieces(dom, buf.bytes.get(), size, source, left, /*partial=*/true);
  } catch (const Error&) {
    return false;
  }
  if (peripherals_offset(dom) != static_cast<std::ptrdiff_t>(s.head_name)) return false;
  if (!d.warnings.empty() || d.peripherals.size() != doc.size()) return false;
  for (std::size_t k = 0; k < doc.size(); ++k)
    if (d.peripherals[k].name != s.peripherals[doc[k]].name) return false;
  // Only the part's own count against the limits: the others are counted in their own part.
  for (std::size_t k = 0; k < doc.size(); ++k)
    if (std::find(part.begin(), part.end(), doc[k]) != part.end()) by_index[doc[k]] = std::move(d.peripherals[k]);
  if (doc.size() != part.size()) {
    std::size_t registers = 0, elements = 0;
    for (auto i : part) {
      registers += by_index[i].registers.size();
      elements += elements_in(by_index[i].registers);
    }
    dom.registers = registers;
    dom.elements = elements;
  }
  if (dom.registers > left.max_registers || dom.elements > left.max_elements) return false;
  left.max_registers -= dom.registers;
  left.max_elements -= dom.elements;
  if (out.storage.empty()) {  // the device's own elements, alike in every part
    out.name = std::move(d.name);
    out.version = std::move(d.version);
    out.description = d.description;
    out.source = std::move(d.source);
    out.storage = std::move(d.storage);
  }
  return true;
}

}  // namespace

// Below by_parts_from (8 MiB) a file is read whole: there the scan, the copies and the work of
// each part cost as much as the memory they save or more (vendor files of 1.7 and 4.2 MB read 6 to
// 8 % slower by parts; 13 and 27 MB files 9 and 14 % faster: bench/RESULTS.md). Every vendor file
// of cmsis-svd-data is below it.
std::optional<Device> parse_by_parts(const FileBytes& f, const std::string& source, const Limits& limits, std::size_t from) {
  if (f.size < from) return std::nullopt;
  Outline::Scan s;
  s.file = {f.buf.get(), f.size};
  s.size = f.size;
  if (!scan_outline(s)) return std::nullopt;
  const auto parts = groups(s);
  if (!parts || parts->size() < 2) return std::nullopt;  // one part is the whole file
  Buffer buf;
  Dom dom;
  dom.pages.any_size = true;
  dom.text = std::make_shared<TextStore>(f.size);  // large blocks, as for the whole file
  Limits left = limits;
  std::vector<Peripheral> by_index(s.peripherals.size());
  Device out;
  for (const auto& p : *parts) {
    try {
      if (!read_part(s, p, p, buf, dom, source, left, by_index, out)) return std::nullopt;
    } catch (const Partial&) {
      try {  // a derivedFrom into a peripheral of another part: read with what it reaches
        std::vector<std::size_t> doc;
        if (!reach(s, p, doc) || !read_part(s, doc, p, buf, dom, source, left, by_index, out)) return std::nullopt;
      } catch (const Partial&) {
        return std::nullopt;
      }
    }
  }
  out.peripherals = std::move(by_index);
  return out;
}

}  // namespace uiokit::svd::detail
