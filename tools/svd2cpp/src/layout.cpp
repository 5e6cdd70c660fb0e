// SPDX-License-Identifier: MIT
// Arrays and clusters recovered from the flat names the SVD reader gives them: "CH[2].DATA[3]"
// is element [2][3] of register DATA in cluster array CH. Registers sharing a name shape become
// one Array when their indices are a full grid from 0, their offsets follow one stride per level
// and their layouts are the same; otherwise each stays a register of its own.
#include "layout.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_map>

#include "uiokit/error.hpp"

namespace uiokit::svd2cpp {

Cluster* Cluster::child(const std::string& name) {
  for (auto& c : clusters)
    if (c->svd_name == name) return c.get();
  clusters.push_back(std::make_unique<Cluster>());
  clusters.back()->svd_name = name;
  return clusters.back().get();
}

namespace {

struct Segment {
  std::string base, index;  // index empty: no brackets
};
std::vector<Segment> split(std::string_view name) {
  std::vector<Segment> out;
  std::size_t at = 0;
  while (at <= name.size()) {
    auto dot = name.find('.', at);
    if (dot == std::string_view::npos) dot = name.size();
    std::string_view seg = name.substr(at, dot - at);
    Segment s;
    const auto open = seg.find('[');
    if (!seg.empty() && seg.back() == ']' && open != std::string_view::npos && open > 0) {
      s.base = seg.substr(0, open);
      s.index = seg.substr(open + 1, seg.size() - open - 2);
    } else {
      s.base = seg;
    }
    out.push_back(std::move(s));
    at = dot + 1;
  }
  return out;
}

bool same_fields(const svd::Field& a, const svd::Field& b) {
  if (a.name != b.name || a.lsb != b.lsb || a.width != b.width || a.access != b.access || a.encoding != b.encoding ||
      a.enums.size() != b.enums.size())
    return false;
  for (std::size_t i = 0; i < a.enums.size(); ++i)
    if (a.enums[i].name != b.enums[i].name || a.enums[i].value != b.enums[i].value) return false;
  return true;
}
bool same_layout(const svd::Register& a, const svd::Register& b) {
  if (a.size != b.size || a.access != b.access || a.endian != b.endian || a.reset_value != b.reset_value ||
      a.reset_mask != b.reset_mask || a.fields.size() != b.fields.size())
    return false;
  for (std::size_t i = 0; i < a.fields.size(); ++i)
    if (!same_fields(a.fields[i], b.fields[i])) return false;
  return true;
}

void check_register(const svd::Register& r, const std::string& where) {
  const std::string subject = where + " register " + r.name;
  if (r.size > 64) throw Error(Errc::parse_error, subject, std::to_string(r.size) + " bits wide: at most 64 are supported");
  if (r.size != 8 && r.size != 16 && r.size != 32 && r.size != 64)
    throw Error(Errc::parse_error, subject, std::to_string(r.size) + " bits wide: 8, 16, 32 or 64 are supported");
  if (r.offset % r.bytes() != 0)
    throw Error(Errc::parse_error, subject, "offset " + hex(r.offset) + " is not aligned to its width");
  std::uint64_t seen = 0;
  for (const auto& f : r.fields) {
    if (f.width == 0 || f.lsb + f.width > r.size)
      throw Error(Errc::parse_error, subject + " field " + f.name, "outside the " + std::to_string(r.size) + "-bit register");
    if ((seen & f.mask()) != 0) throw Error(Errc::parse_error, subject + " field " + f.name, "overlaps another field");
    seen |= f.mask();
  }
}

struct Group {
  std::vector<Segment> shape;  // of the first element
  std::vector<std::pair<std::vector<std::size_t>, const svd::Register*>> elements;
  bool numeric = true;
};

// The dims of a group whose elements form an array, or nothing.
using Alternates = std::unordered_map<const svd::Register*, bool>;
std::optional<std::vector<Dim>> as_array(const Group& g, const Alternates& alt) {
  const svd::Register* first_reg = g.elements.front().second;
  if (!g.numeric) return std::nullopt;
  const std::size_t levels = g.elements.front().first.size();
  std::vector<Dim> dims(levels);
  for (const auto& [idx, r] : g.elements)
    for (std::size_t k = 0; k < levels; ++k) dims[k].count = std::max(dims[k].count, idx[k] + 1);
  std::size_t total = 1;
  for (const auto& d : dims) total *= d.count;
  if (total != g.elements.size()) return std::nullopt;
  const svd::Register* origin = nullptr;
  for (const auto& [idx, r] : g.elements)
    if (std::all_of(idx.begin(), idx.end(), [](std::size_t i) { return i == 0; })) origin = r;
  if (origin == nullptr || origin != first_reg) return std::nullopt;
  for (std::size_t k = 0; k < levels; ++k) {
    if (dims[k].count < 2) continue;
    for (const auto& [idx, r] : g.elements) {
      bool unit = idx[k] == 1;
      for (std::size_t j = 0; j < levels; ++j) unit = unit && (j == k || idx[j] == 0);
      if (unit && r->offset > origin->offset) dims[k].stride = r->offset - origin->offset;
    }
    if (dims[k].stride == 0 || dims[k].stride % origin->bytes() != 0) return std::nullopt;
  }
  std::vector<bool> taken(total, false);
  for (const auto& [idx, r] : g.elements) {
    std::uint64_t off = origin->offset;
    std::size_t flat = 0;
    for (std::size_t k = 0; k < levels; ++k) off += idx[k] * dims[k].stride, flat = flat * dims[k].count + idx[k];
    if (off != r->offset || taken[flat] || !same_layout(*r, *origin) || alt.at(r) != alt.at(origin))
      return std::nullopt;
    taken[flat] = true;
  }
  // Elements of one level must not overlap (the DSL checks stride >= the element's extent).
  std::uint64_t extent = origin->bytes();
  for (std::size_t k = levels; k-- > 0;) {
    if (dims[k].count > 1 && dims[k].stride < extent) return std::nullopt;
    extent += (dims[k].count - 1) * dims[k].stride;
  }
  return dims;
}

}  // namespace

Cluster layout(const svd::Peripheral& p, const std::string& where) {
  // Registers overlapping an earlier one (by offset) are alternates.
  std::vector<const svd::Register*> regs;
  for (const auto& r : p.registers) {
    check_register(r, where);
    regs.push_back(&r);
  }
  Alternates alt;
  {
    auto sorted = regs;
    std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->offset < b->offset; });
    std::uint64_t end = 0;
    for (auto* r : sorted) {
      alt[r] = r->offset < end;
      end = std::max(end, r->offset + r->bytes());
    }
  }
  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t> by_key;
  for (auto* r : regs) {
    auto segs = split(r->name);
    std::string key;
    std::vector<std::size_t> idx;
    bool numeric = true;
    for (const auto& s : segs) {
      key += s.base + (s.index.empty() ? "." : "[].");
      if (s.index.empty()) continue;
      std::size_t v = 0;
      auto [ptr, ec] = std::from_chars(s.index.data(), s.index.data() + s.index.size(), v);
      numeric = numeric && ec == std::errc() && ptr == s.index.data() + s.index.size();
      idx.push_back(v);
    }
    auto [it, fresh] = by_key.emplace(key, groups.size());
    if (fresh) groups.push_back(Group{segs, {}, true});
    groups[it->second].elements.emplace_back(std::move(idx), r);
    groups[it->second].numeric = groups[it->second].numeric && numeric;
  }
  Cluster top;
  top.svd_name = p.name;
  for (const auto& g : groups) {
    const svd::Register* first = g.elements.front().second;
    const bool indexed = !g.elements.front().first.empty();
    std::optional<std::vector<Dim>> dims;
    if (indexed) dims = as_array(g, alt);
    if (indexed && !dims) {  // each element on its own, under its full name
      for (const auto& e : g.elements) top.members.push_back(Member{e.second->name, e.second->name, e.second, {}, alt[e.second]});
      continue;
    }
    Cluster* scope = &top;
    std::string pattern;
    for (std::size_t i = 0; i < g.shape.size(); ++i) {
      const auto& s = g.shape[i];
      if (i + 1 < g.shape.size()) scope = scope->child(s.base);
      pattern += (i ? "." : "") + s.base + (s.index.empty() ? "" : "[%s]");
    }
    scope->members.push_back(Member{g.shape.back().base, indexed ? pattern : first->name, first,
                                    dims.value_or(std::vector<Dim>{}), alt[first]});
  }
  return top;
}

}  // namespace uiokit::svd2cpp
