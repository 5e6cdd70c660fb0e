// SPDX-License-Identifier: MIT
#include "dom.hpp"

#include <array>
#include <cstring>
#include <exception>
#include <thread>

namespace uiokit::svd::detail {

namespace {

constexpr unsigned parse_flags = pugi::parse_default | pugi::parse_embed_pcdata;
constexpr std::string_view open_tag = "<peripherals>", close_tag = "</peripherals>", peripheral_tag = "<peripheral";
constexpr auto npos = std::string_view::npos;

// "<peripheral" at `at` opens a <peripheral> element (not <peripherals>, not <peripheralX>).
bool opens_peripheral(std::string_view text, std::size_t at) {
  const std::size_t after = at + peripheral_tag.size();
  if (after >= text.size()) return false;
  const char ch = text[after];
  return ch == '>' || ch == '/' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

// Where to cut (from, to) in two: the first <peripheral> tag from the middle on, else the last
// one before it; npos when there is none past `from`.
std::size_t cut_point(std::string_view text, std::size_t from, std::size_t to) {
  const std::size_t mid = from + (to - from) / 2;
  for (auto at = text.find(peripheral_tag, mid); at != npos && at < to; at = text.find(peripheral_tag, at + 1))
    if (opens_peripheral(text, at)) return at;
  for (auto at = text.rfind(peripheral_tag, mid); at != npos && at > from; at = text.rfind(peripheral_tag, at - 1))
    if (opens_peripheral(text, at)) return at;
  return npos;
}

// A part: whole <peripheral> elements, in place in writable characters or from a copy.
bool parse_part(pugi::xml_document& doc, std::string_view piece, char* in_place) noexcept {
  // pugixml ends a document at a NUL: one in a part would end only that part.
  if (std::memchr(piece.data(), 0, piece.size())) return false;
  try {
    const unsigned flags = parse_flags | pugi::parse_fragment;
    return static_cast<bool>(in_place ? doc.load_buffer_inplace(in_place, piece.size(), flags, pugi::encoding_utf8)
                                      : doc.load_buffer(piece.data(), piece.size(), flags, pugi::encoding_utf8));
  } catch (...) {  // out of memory, on a thread of its own
    return false;
  }
}

// The peripherals of `holder` (a <peripherals> element or a part), `base` bytes into the file.
bool collect(Dom& dom, pugi::xml_node holder, std::uint64_t base, bool only_peripherals) {
  for (auto n = holder.first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element || std::string_view(n.name()) != "peripheral") {
      if (only_peripherals) return false;
      continue;
    }
    dom.peripheral_nodes.push_back(n);
    const auto at = n.offset_debug();
    dom.positions.push_back(base + static_cast<std::uint64_t>(at > 0 ? at : 0));
  }
  return true;
}

bool try_split(Dom& dom, std::string_view text, char* in_place) {
  const std::size_t open = text.find(open_tag), close = text.rfind(close_tag);
  if (open == npos || close == npos || close < open + open_tag.size()) return false;
  const std::size_t begin = open + open_tag.size(), end = close;
  const std::size_t cut = cut_point(text, begin, end);
  if (cut == npos) return false;
  const std::array<std::string_view, 2> pieces{text.substr(begin, cut - begin), text.substr(cut, end - cut)};
  const std::array<std::size_t, 2> bases{begin, cut};
  auto own = [&](int i) { return in_place ? in_place + bases[i] : nullptr; };

  // Copied before the parts are parsed, though they never touch it: [begin, end) is theirs.
  dom.outer_text.reserve(begin + (text.size() - end) + 1);
  dom.outer_text.append(text.substr(0, begin)).append(text.substr(end));
  for (int i = 0; i < 2; ++i) dom.parts.push_back(std::make_unique<pugi::xml_document>());
  bool second_ok = false;
  std::thread second([&] { second_ok = parse_part(*dom.parts[1], pieces[1], own(1)); });
  const bool outer_ok = static_cast<bool>(
      dom.outer.load_buffer_inplace(dom.outer_text.data(), dom.outer_text.size(), parse_flags, pugi::encoding_utf8));
  const bool first_ok = parse_part(*dom.parts[0], pieces[0], own(0));
  second.join();
  if (!outer_ok || !first_ok || !second_ok) return false;

  dom.device = dom.outer.child("device");
  dom.peripherals = dom.device.child("peripherals");
  // The element cut out (offset_debug() is where an element's name starts), which the outer
  // text closes right after its start tag.
  if (!dom.peripherals || dom.peripherals.offset_debug() != static_cast<std::ptrdiff_t>(open + 1)) return false;
  for (int i = 0; i < 2; ++i)
    if (!collect(dom, *dom.parts[i], bases[i], true)) return false;
  return true;
}

}  // namespace

bool parse_split(Dom& dom, std::string_view text, char* in_place) {
  if (try_split(dom, text, in_place)) {
    dom.result = pugi::xml_parse_result();
    dom.result.status = pugi::status_ok;
    return true;
  }
  dom = Dom();
  return false;
}

void parse_whole(Dom& dom, std::string_view text, char* in_place) {
  dom.result = in_place ? dom.outer.load_buffer_inplace(in_place, text.size(), parse_flags, pugi::encoding_utf8)
                        : dom.outer.load_buffer(text.data(), text.size(), parse_flags, pugi::encoding_utf8);
  if (!dom.result) return;
  dom.device = dom.outer.child("device");
  dom.peripherals = dom.device.child("peripherals");
  collect(dom, dom.peripherals, 0, false);
}

}  // namespace uiokit::svd::detail
