// SPDX-License-Identifier: MIT
// Finding the <peripheral> elements of an SVD file by its markup alone. In XML a '<' outside
// comments, CDATA sections and processing instructions always starts a tag (in text and
// attribute values it must be written &lt;), so the scan jumps from '<' to '<' with memchr and
// looks only at tag names; inside a peripheral it looks for nothing but its end tag.
#include <algorithm>
#include <cstring>

#include "outline_scan.hpp"
#include "reader.hpp"

namespace uiokit::svd {

namespace {

using detail::trim;
using detail::xml_space;

constexpr bool name_end(char c) { return xml_space(c) || c == '>' || c == '/'; }

// Where `needle` first is in t from `at`, or npos. memmem, not string_view::find: that one stops
// at every occurrence of the needle's first character, every '<' of the file.
std::size_t find(std::string_view t, std::string_view needle, std::size_t at = 0) {
  if (at >= t.size()) return std::string_view::npos;
  const void* p = ::memmem(t.data() + at, t.size() - at, needle.data(), needle.size());
  return p ? static_cast<std::size_t>(static_cast<const char*>(p) - t.data()) : std::string_view::npos;
}


class Scanner {
 public:
  explicit Scanner(std::string_view t) : t_(t) {}

  // The next tag from `at`: its kind and name, with `at` past it. Comments, CDATA sections and
  // processing instructions are skipped. False at the end or on markup the scan does not follow.
  enum class Kind { start, end, empty, none };
  struct Tag {
    Kind kind = Kind::none;
    std::string_view name;
    std::size_t begin = 0;
    std::string_view attributes;
  };
  bool next(std::size_t& at, Tag& tag) const {
    for (;;) {
      const void* lt = at < t_.size() ? std::memchr(t_.data() + at, '<', t_.size() - at) : nullptr;
      if (!lt) return false;
      at = static_cast<std::size_t>(static_cast<const char*>(lt) - t_.data());
      const auto rest = t_.substr(at);
      if (rest.starts_with("<!--")) {
        if (!skip_past(at, "-->")) return false;
      } else if (rest.starts_with("<![CDATA[")) {
        if (!skip_past(at, "]]>")) return false;
      } else if (rest.starts_with("<?")) {
        if (!skip_past(at, "?>")) return false;
      } else if (rest.starts_with("<!")) {  // DOCTYPE: followed only without declarations
        const auto close = rest.find('>');
        if (close == std::string_view::npos || rest.substr(0, close).find('[') != std::string_view::npos) return false;
        at += close + 1;
      } else {
        return tag_at(at, tag);
      }
    }
  }

 private:
  bool skip_past(std::size_t& at, std::string_view end) const {
    const auto e = t_.find(end, at + 2);
    if (e == std::string_view::npos) return false;
    at = e + end.size();
    return true;
  }

  bool tag_at(std::size_t& at, Tag& tag) const {
    tag.begin = at;
    std::size_t i = at + 1;
    const bool closing = i < t_.size() && t_[i] == '/';
    if (closing) ++i;
    const std::size_t name_begin = i;
    while (i < t_.size() && !name_end(t_[i])) ++i;
    tag.name = t_.substr(name_begin, i - name_begin);
    const std::size_t attr_begin = i;
    char quote = 0;
    for (; i < t_.size(); ++i) {  // to the '>' that is not in a quoted value
      const char c = t_[i];
      if (quote) quote = c == quote ? 0 : quote;
      else if (c == '"' || c == '\'') quote = c;
      else if (c == '>') break;
    }
    if (i >= t_.size() || tag.name.empty()) return false;
    const bool empty = !closing && t_[i - 1] == '/';
    tag.attributes = t_.substr(attr_begin, i - attr_begin - (empty ? 1 : 0));
    tag.kind = closing ? Kind::end : empty ? Kind::empty : Kind::start;
    at = i + 1;
    return true;
  }

  std::string_view t_;
};

// The value of attribute `name` in a start tag's attribute text, or nothing.
std::optional<std::string_view> attribute(std::string_view attrs, std::string_view name) {
  for (std::size_t at = 0; (at = attrs.find(name, at)) != std::string_view::npos; at += name.size()) {
    if (at > 0 && !xml_space(attrs[at - 1])) continue;
    std::size_t i = at + name.size();
    while (i < attrs.size() && xml_space(attrs[i])) ++i;
    if (i >= attrs.size() || attrs[i] != '=') continue;
    ++i;
    while (i < attrs.size() && xml_space(attrs[i])) ++i;
    if (i >= attrs.size() || (attrs[i] != '"' && attrs[i] != '\'')) return std::nullopt;
    const auto close = attrs.find(attrs[i], i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    return attrs.substr(i + 1, close - i - 1);
  }
  return std::nullopt;
}



// Past blanks and comments from `at`: between peripherals there is nothing else. npos at an
// unterminated comment.
std::size_t past_comments(std::string_view t, std::size_t at) {
  for (;;) {
    while (at < t.size() && xml_space(t[at])) ++at;
    if (t.substr(at, 4) != "<!--") return at;
    const auto end = t.find("-->", at + 4);
    if (end == std::string_view::npos) return std::string_view::npos;
    at = end + 3;
  }
}

// The peripheral's own <name>: the first <name> among its children (vendor files put it after
// other children, whose own <name>s come first). Plain text only: a dim array's "%s", an entity
// or markup is left to the whole reading.
std::optional<std::string_view> own_name(const Scanner& sc, std::string_view t, std::size_t body, std::size_t end) {
  int depth = 0;
  Scanner::Tag tag;
  for (std::size_t at = body;;) {
    if (!sc.next(at, tag) || tag.begin >= end) return std::nullopt;
    if (depth == 0 && tag.kind == Scanner::Kind::start && tag.name == "name") {
      const auto to = t.find('<', at);
      if (to == std::string_view::npos || t.substr(to, 7) != "</name>") return std::nullopt;
      const auto name = trim(t.substr(at, to - at));
      if (name.empty() || name.find_first_of("&%[") != std::string_view::npos) return std::nullopt;
      return name;
    }
    depth += tag.kind == Scanner::Kind::start ? 1 : tag.kind == Scanner::Kind::end ? -1 : 0;
    if (depth < 0) return std::nullopt;
  }
}

}  // namespace

// Text that only looks like an attribute adds a name at worst, which costs a larger document,
// not a different answer.
std::vector<std::string> derived_paths(std::string_view element) {
  std::vector<std::string> out;
  constexpr std::string_view key = "derivedFrom";
  for (std::size_t at = 0; (at = find(element, key, at)) != std::string_view::npos; at += key.size()) {
    const auto v = attribute(element.substr(at > 0 ? at - 1 : at), key);
    if (!v) continue;
    const auto value = trim(*v);
    out.emplace_back(value.substr(0, value.find('.')));
  }
  return out;
}

bool scan_outline(Outline::Scan& s) {
  const std::string_view t = s.text();
  const Scanner sc(t);
  Scanner::Tag tag;
  std::size_t at = 0;
  // The head: up to the first <peripherals>; a <peripheral> before it is not followed.
  for (;;) {
    if (!sc.next(at, tag)) return false;
    if (tag.name == "peripheral") return false;
    if (tag.name == "peripherals" && tag.kind == Scanner::Kind::start) break;
  }
  s.head_name = tag.begin + 1;
  s.head_end = at;
  // Each peripheral runs from its start tag to the first "</peripheral" after it: peripherals do
  // not nest, and an end tag seen inside a comment or CDATA section cuts the element short, so
  // that the reader finds it malformed and the whole reading answers.
  for (;;) {
    const auto begin = past_comments(t, at);
    if (begin == std::string_view::npos) return false;
    std::size_t body = begin;
    if (!sc.next(body, tag) || tag.begin != begin) return false;
    if (tag.kind == Scanner::Kind::end && tag.name == "peripherals") {
      s.tail_begin = begin;
      return true;
    }
    if (tag.kind != Scanner::Kind::start || tag.name != "peripheral") return false;
    Outline::Scan::Element e;
    if (const auto d = attribute(tag.attributes, "derivedFrom")) e.derived_from = std::string(trim(*d));
    const auto end_tag = find(t, "</peripheral", body);
    if (end_tag == std::string_view::npos) return false;
    std::size_t end = end_tag;
    if (!sc.next(end, tag) || tag.begin != end_tag || tag.name != "peripheral" || tag.kind != Scanner::Kind::end) return false;
    e.begin = begin;
    e.end = end;
    const auto name = own_name(sc, t, body, end_tag);
    if (!name || !s.by_name.emplace(*name, s.peripherals.size()).second) return false;
    e.name = std::string(*name);
    s.peripherals.push_back(std::move(e));
    at = end;
  }
}

bool reach(Outline::Scan& s, const std::vector<std::size_t>& from, std::vector<std::size_t>& out) {
  std::vector<bool> in(s.peripherals.size());
  std::vector<std::size_t> todo = from;
  for (auto i : from) in[i] = true;
  while (!todo.empty()) {
    auto& e = s.peripherals[todo.back()];
    todo.pop_back();
    if (!e.derived_from.empty() && !s.by_name.count(e.derived_from)) return false;
    if (!e.paths) e.paths = derived_paths(s.text().substr(e.begin, e.end - e.begin));
    for (const auto& p : *e.paths)
      if (auto it = s.by_name.find(p); it != s.by_name.end() && !in[it->second]) {
        in[it->second] = true;
        todo.push_back(it->second);
      }
  }
  for (std::size_t i = 0; i < in.size(); ++i)
    if (in[i]) out.push_back(i);
  return true;
}

std::vector<std::pair<std::size_t, std::size_t>> piece_ranges(const Outline::Scan& s, const std::vector<std::size_t>& which) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges{{0, s.head_end}};
  for (auto i : which) ranges.emplace_back(s.peripherals[i].begin, s.peripherals[i].end);
  ranges.emplace_back(s.tail_begin, s.size);
  return ranges;
}

std::size_t pieces_size(const std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  std::size_t size = 0;
  for (const auto& [b, e] : ranges) size += e - b;
  return size;
}

void copy_pieces(const Outline::Scan& s, const std::vector<std::pair<std::size_t, std::size_t>>& ranges, char* doc, detail::Dom& dom) {
  const auto t = s.text();
  dom.unnoted = t;
  dom.pieces.clear();
  std::size_t at = 0;
  for (const auto& [b, e] : ranges) {
    std::memcpy(doc + at, t.data() + b, e - b);
    dom.pieces.emplace_back(at, b);
    at += e - b;
  }
}

}  // namespace uiokit::svd
