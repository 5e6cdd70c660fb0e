// SPDX-License-Identifier: MIT
// The XML parse, line numbers and diagnostics; the entry points load() and parse().
// A file is read once into a buffer (file_bytes.cpp) that pugixml parses in place; before that,
// its line ends are noted (line_ends.cpp; the in-place parse overwrites some of them), so that
// any node can be named by line without keeping a copy of the text.
#include <algorithm>
#include <cstring>

#include "reader.hpp"
#include "uiokit/error.hpp"

namespace uiokit::svd::detail {

std::string Where::str() const {
  std::string s = parent ? parent->str() : std::string();
  if (!s.empty() && !name.empty()) s += '.';
  s.append(name);
  return s;
}

pugi::xml_node Where::nearest_node() const {
  for (const Where* w = this; w; w = w->parent)
    if (w->node) return w->node;
  return {};
}

// A small file's descriptions fit in one block of the heap's.
TextStore::TextStore(std::size_t text_size)
    : block_size_(text_size < XmlPages::large_text ? std::size_t{64} << 10 : std::size_t{2} << 20) {}

std::string_view TextStore::keep(std::string_view s) {
  if (s.empty()) return {};
  if (s.size() > left_) {
    const std::size_t n = std::max(s.size(), block_size_);
    blocks_.push_back(allocate_bytes(n));
    next_ = blocks_.back().get();
    left_ = n;
  }
  char* at = next_;
  std::memcpy(at, s.data(), s.size());
  next_ += s.size();
  left_ -= s.size();
  return {at, s.size()};
}

std::size_t Dom::file_offset(std::size_t offset) const {
  auto it = std::upper_bound(pieces.begin(), pieces.end(), offset, [](std::size_t o, const auto& p) { return o < p.first; });
  if (it == pieces.begin()) return offset;
  --it;
  return it->second + (offset - it->first);
}

const LineEnds& Dom::lines() const {
  if (!newlines.noted() && !unnoted.empty()) newlines = LineEnds(unnoted);
  return newlines;
}

std::size_t Dom::line_of(std::size_t offset) const { return lines().line_of(file_offset(offset)); }

std::size_t Dom::column_of(std::size_t offset) const { return lines().column_of(file_offset(offset)); }

std::string Ctx::place(pugi::xml_node n, bool column) const {
  const auto at = n ? n.offset_debug() : -1;
  if (at < 0) return source;
  const auto offset = static_cast<std::size_t>(at);
  std::string s = source + ":" + std::to_string(dom->line_of(offset));
  if (column) s += ":" + std::to_string(dom->column_of(offset));
  return s;
}

void fail(const Ctx& c, const Where* where, const std::string& what) {
  const std::string w = where ? where->str() : std::string();
  throw Error(Errc::parse_error, c.place(where ? where->nearest_node() : pugi::xml_node(), true), w.empty() ? what : w + ": " + what);
}

void warn(Ctx& c, pugi::xml_node at, const Where* where, const std::string& what, const std::string& reading) {
  if (!at && where) at = where->nearest_node();
  const std::string w = where ? where->str() : std::string();
  c.warnings.push_back(c.place(at) + ": warning: " + (w.empty() ? "" : w + ": ") + what + " (reading chosen: " + reading + ")");
}

namespace {

// No comments, processing instructions or declarations kept: gather() (tokens.cpp) takes every
// named child for an element.
constexpr unsigned parse_flags = pugi::parse_default | pugi::parse_embed_pcdata;

void find_peripherals(Dom& dom) {
  dom.peripheral_nodes.clear();
  dom.device = dom.doc.child("device");
  dom.peripherals = dom.device.child("peripherals");
  for (auto n = dom.peripherals.first_child(); n; n = n.next_sibling())
    if (n.type() == pugi::node_element && std::string_view(n.name()) == "peripheral") dom.peripheral_nodes.push_back(n);
}

void parse_xml(Dom& dom, std::string_view text, char* in_place) {
  dom.newlines = LineEnds(text);
  const XmlPages::Use pages(dom.pages, text.size());
  dom.result = in_place ? dom.doc.load_buffer_inplace(in_place, text.size(), parse_flags, pugi::encoding_utf8)
                        : dom.doc.load_buffer(text.data(), text.size(), parse_flags, pugi::encoding_utf8);
  if (dom.result) find_peripherals(dom);
}

// A file that ends inside an element: the parse failed in its last, unclosed tag or text (no
// '>' from the error to the end).
bool truncated(std::string_view text_end) { return text_end.find('>') == std::string_view::npos; }

Device parse_document(Dom& dom, std::string source, const Limits& limits, std::size_t text_size, std::string_view tail,
                      bool partial = false) {
  if (!dom.result) {
    const auto at = static_cast<std::size_t>(std::max<std::ptrdiff_t>(dom.result.offset, 0));
    std::string what = std::string("XML: ") + dom.result.description();
    if (truncated(tail)) what += " (the file is truncated: it ends inside an element)";
    throw Error(Errc::parse_error, source + ":" + std::to_string(dom.line_of(at)) + ":" + std::to_string(dom.column_of(at)), what);
  }
  Ctx c;
  c.source = std::move(source);
  c.dom = &dom;
  c.limits = limits;
  c.partial = partial;
  c.text = dom.text ? dom.text : std::make_shared<TextStore>(text_size);
  if (!dom.device) fail(c, nullptr, "no <device> element: not a CMSIS-SVD file");
  Device d = build(c);
  dom.registers = c.registers;
  dom.elements = c.elements;
  d.warnings = std::move(c.warnings);
  return d;
}

// The text after the XML error's offset, from the part of the buffer the parse did not touch.
std::string_view after_error(const Dom& dom, std::string_view text) {
  const auto at = static_cast<std::size_t>(std::max<std::ptrdiff_t>(dom.result.offset, 0));
  return at >= text.size() ? std::string_view{} : text.substr(at);
}

}  // namespace

Device parse_in_place(FileBytes& f, std::string source, const Limits& limits) {
  if (auto d = parse_by_parts(f, source, limits)) return std::move(*d);
  Dom dom;
  const std::string_view text(f.buf.get(), f.size);
  // The tail past an error is looked at after the in-place parse: pugixml stops writing at the
  // error, so the characters from there on are the file's.
  parse_xml(dom, text, f.buf.get());
  return parse_document(dom, std::move(source), limits, text.size(), after_error(dom, text));
}

std::ptrdiff_t peripherals_offset(const Dom& dom) { return dom.peripherals ? dom.peripherals.offset_debug() : -1; }

Device parse_pieces(Dom& dom, char* doc, std::size_t size, std::string source, const Limits& limits, bool partial) {
  const std::string_view text(doc, size);
  const XmlPages::Use pages(dom.pages, size);
  dom.result = dom.doc.load_buffer_inplace(doc, size, parse_flags, pugi::encoding_utf8);
  if (dom.result) find_peripherals(dom);
  return parse_document(dom, std::move(source), limits, text.size(), after_error(dom, text), partial);
}

}  // namespace uiokit::svd::detail

namespace uiokit::svd {

Device parse(std::string_view xml, std::string source, const Limits& limits) {
  detail::Dom dom;
  detail::parse_xml(dom, xml, nullptr);
  return detail::parse_document(dom, std::move(source), limits, xml.size(), detail::after_error(dom, xml));
}

Device load(const std::filesystem::path& path, const Limits& limits) {
  auto f = detail::read_file(path);
  return detail::parse_in_place(f, path.string(), limits);
}

}  // namespace uiokit::svd
