// SPDX-License-Identifier: MIT
// Children merged across a derivation chain, names given twice, and dim arrays.
#include <algorithm>
#include <cctype>
#include <utility>

#include "reader.hpp"
#include "uiokit/error.hpp"

namespace uiokit::svd::detail {

// An element's own children of the given tags, then its bases' children of a name the derived
// element does not give (the derived element's own children replace a base's). Names repeated
// among the element's own children are kept here and diagnosed by Unique once expanded.
// container: the tag holding them (registers, fields), or none for a cluster's own children.
std::vector<pugi::xml_node> merged_children(const Elem& e, std::optional<T> container, std::initializer_list<std::string_view> tags) {
  std::vector<pugi::xml_node> out;
  auto wanted = [&](pugi::xml_node ch) {
    const char* name = ch.name();
    return std::any_of(tags.begin(), tags.end(), [&](std::string_view t) { return is_tag(name, t); });
  };
  const auto own = container ? e.own[*container] : e.node;
  for (auto ch = own.first_child(); ch; ch = ch.next_sibling())
    if (wanted(ch)) out.push_back(ch);
  if (e.bases.empty()) return out;
  std::unordered_set<std::string_view> taken;
  for (auto n : out) taken.insert(name_of(n));
  for (const auto& [b, k] : e.bases) {
    const auto parent = container ? k[*container] : b;
    std::vector<std::string_view> here;
    for (auto ch = parent.first_child(); ch; ch = ch.next_sibling()) {
      if (!wanted(ch)) continue;
      const auto nm = name_of(ch);
      if (taken.count(nm)) continue;
      out.push_back(ch);
      here.push_back(nm);
    }
    taken.insert(here.begin(), here.end());
  }
  return out;
}

std::uint64_t Unique::hash(std::string_view s) noexcept {
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a: names are short
  for (const char ch : s) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ULL;
  return h;
}

std::size_t Unique::find(std::string_view name, std::uint64_t h) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (!taken(s) || (s.hash == h && s.name == name)) return i;
  }
}

std::string_view Unique::keep(std::string_view name) {
  if (name.size() > block_size) {
    large_.emplace_back(new char[name.size()]);
    std::copy(name.begin(), name.end(), large_.back().get());
    return {large_.back().get(), name.size()};
  }
  if (blocks_.empty() || used_ + name.size() > block_size) {
    if (!blocks_.empty()) ++block_;
    if (block_ == blocks_.size()) blocks_.emplace_back(new char[block_size]);  // not zero-filled: names are copied over
    used_ = 0;
  }
  char* at = blocks_[block_].get() + used_;
  std::copy(name.begin(), name.end(), at);
  used_ += name.size();
  return {at, name.size()};
}

void Unique::grow() {
  std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(std::max<std::size_t>(slots_.size() * 2, 32)));
  for (const Slot& s : old)
    if (taken(s)) slots_[find(s.name, s.hash)] = s;
}

void Unique::clear() {
  if (count_ == 0) return;
  if (++round_ == 0) {  // every 2^32 rounds: no slot may look taken by an old round
    for (Slot& s : slots_) s.round = 0;
    round_ = 1;
  }
  count_ = 0;
  block_ = 0;
  used_ = 0;
  large_.clear();
}

bool Unique::add(Ctx& c, std::string_view name, pugi::xml_node at, const Where& where, const char* what) {
  if (2 * (count_ + 1) > slots_.size()) grow();
  const std::uint64_t h = hash(name);
  Slot& s = slots_[find(name, h)];
  if (!taken(s)) {
    s = Slot{h, keep(name), at, round_};
    ++count_;
    return true;
  }
  const std::string msg = std::string(what) + " \"" + std::string(name) + "\" is given twice (also at " + c.place(s.at) + ")";
  // Reserved bits mean nothing: vendors name many fields "RESERVED" in one register.
  std::string lower;
  for (char ch : name.substr(0, 8)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (!c.limits.keep_duplicates && lower != "reserved") {
    const Where here{&where, {}, at};
    fail(c, &here, msg);
  }
  warn(c, at, &where, msg, "the first one is kept, this one is left out");
  return false;
}

Dim dim_of(const Ctx& c, const Elem& e, const Where& where) {
  Dim d;
  // A dim comes with a base only to an element whose name has a place for the index: a
  // register "Q" derived from the array "PMUX%s" is one register.
  if (!e.own.has(T::dim) && e.text(T::name).value_or("").find("%s") == std::string_view::npos) return d;
  auto n = num_child(c, e, T::dim, where);
  if (!n) return d;
  if (*n == 0 || *n > max_dim) fail(c, &where, "dim " + std::to_string(*n) + " out of range (1..65536)");
  auto inc = num_child(c, e, T::dimIncrement, where);
  if (!inc) fail(c, &where, "dim without dimIncrement");
  d.increment = *inc;
  d.index.reserve(static_cast<std::size_t>(*n));
  if (auto idx = e.text(T::dimIndex)) {
    // "0-3", "A-D" or "a,b,c"
    const auto dash = idx->find('-');
    if (idx->find(',') == std::string_view::npos && dash != std::string_view::npos && dash > 0) {
      const auto a = idx->substr(0, dash), b = idx->substr(dash + 1);
      const auto na = number(a), nb = number(b);
      // Counted loops: a range ending at the type's maximum must not wrap around forever.
      if (na && nb && *nb >= *na && *nb - *na + 1 == *n) {
        for (std::uint64_t i = 0; i < *n; ++i) d.index.push_back(std::to_string(*na + i));
      } else if (a.size() == 1 && b.size() == 1 && static_cast<unsigned char>(b[0]) >= static_cast<unsigned char>(a[0]) &&
                 static_cast<std::uint64_t>(static_cast<unsigned char>(b[0]) - static_cast<unsigned char>(a[0]) + 1) == *n) {
        for (std::uint64_t i = 0; i < *n; ++i) d.index.emplace_back(1, static_cast<char>(static_cast<unsigned char>(a[0]) + i));
      } else {
        fail(c, &where, "dimIndex \"" + std::string(*idx) + "\" does not give " + std::to_string(*n) + " indices");
      }
    } else {
      for (std::string_view rest = *idx;;) {
        const auto comma = rest.find(',');
        d.index.emplace_back(trim(rest.substr(0, comma)));
        if (d.index.size() > *n) break;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      if (d.index.size() != *n) fail(c, &where, "dimIndex has " + std::to_string(d.index.size()) + (d.index.size() > *n ? "+" : "") + " entries for dim " + std::to_string(*n));
    }
  } else {
    for (std::uint64_t i = 0; i < *n; ++i) d.index.push_back(std::to_string(i));
  }
  return d;
}

std::string expand(std::string_view name, const std::string& index) {
  std::string out(name);
  auto p = out.find("%s");
  if (p != std::string::npos) out.replace(p, 2, index);
  return out;
}

}  // namespace uiokit::svd::detail
