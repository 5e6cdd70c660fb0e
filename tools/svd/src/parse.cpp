// SPDX-License-Identifier: MIT
// CMSIS-SVD reader (uiokit/svd/parse.hpp). pugixml parses the XML; this file resolves what SVD
// leaves implicit (inheritance, derivedFrom, dim, clusters) into the flat model.
//
// Speed (a vendor file has thousands of registers; bench/bench_svd.cpp measures one with 6,000
// registers and 48,000 fields against a 100 ms goal):
//   - text is looked at through string_views into the document (trimmed in place), so only
//     what ends up in the model is copied;
//   - the "where" of an error message is a chain of views, formatted only when something fails;
//   - derivedFrom targets are found through indexes built on first use (siblings by name per
//     parent, peripherals by name, enumeratedValues by name per enclosing scope) instead of a
//     scan of the siblings or of the whole document per reference;
//   - a peripheral that derives everything from one already read (or a dim copy) copies the
//     resolved registers instead of resolving the same XML again;
//   - a file is read once into a buffer that pugixml parses in place;
//   - a large file is parsed into trees in two parts on two threads (dom.hpp), and its
//     peripherals are resolved on two threads (resolve_all).
#include "uiokit/svd/parse.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <exception>
#include <thread>
#include <iterator>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <charconv>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "dom.hpp"
#include "uiokit/error.hpp"

namespace uiokit::svd {

namespace {

constexpr std::uint64_t max_dim = 65536;
constexpr int max_derive_depth = 16;
constexpr int max_cluster_depth = 32;

// Where an element is, for messages: "UART0.CH[1].CTRL.EN". A chain of views built on the
// stack as the reader descends, turned into a string only when an error is thrown.
struct Where {
  const Where* parent = nullptr;
  std::string_view name;
  std::string str() const {
    std::string s = parent ? parent->str() : std::string();
    if (!s.empty() && !name.empty()) s += '.';
    s.append(name);
    return s;
  }
};

struct PairHash {
  std::size_t operator()(const std::pair<const void*, std::string_view>& k) const noexcept {
    return std::hash<const void*>{}(k.first) * 31u ^ std::hash<std::string_view>{}(k.second);
  }
};

// The first two nodes with one name: enough to skip the element asking (a self-reference).
struct FirstTwo {
  pugi::xml_node first, second;
  void add(pugi::xml_node n) {
    if (!first) first = n;
    else if (!second) second = n;
  }
  pugi::xml_node other_than(pugi::xml_node n) const { return first != n ? first : second; }
};

// Register properties, inherited down the tree.
struct Props {
  unsigned size = 32;
  Access access = Access::read_write;
  std::uint64_t reset_value = 0;
  std::uint64_t reset_mask = ~std::uint64_t{0};
  friend bool operator==(const Props&, const Props&) = default;
};

using Key = std::pair<const void*, std::string_view>;  // (element, name); views into the document

// The characters of the model's descriptions, copied out of the document (which is freed
// after parsing) into large blocks: a description costs a bump of a pointer, not an
// allocation of its own. Blocks never move, so the views into them stay valid.
class TextStore {
 public:
  std::string_view keep(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > left_) {
      const std::size_t n = std::max(s.size(), block_size);
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(n));
      next_ = blocks_.back().get();
      left_ = n;
    }
    char* at = next_;
    std::memcpy(at, s.data(), s.size());
    next_ += s.size();
    left_ -= s.size();
    return {at, s.size()};
  }

 private:
  static constexpr std::size_t block_size = std::size_t{1} << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

// What the file has expanded to so far, shared by the threads resolving it: the limits bound
// the whole model, not each thread's part.
struct Count {
  std::atomic<std::size_t> registers{0}, elements{0};
};

struct Ctx {
  std::string source;
  const detail::Dom* dom = nullptr;  // the trees: the device's peripherals may be in parts
  Limits limits;
  Count* count = nullptr;
  std::size_t budget = 0;  // elements taken from count->elements and not spent yet
  std::shared_ptr<TextStore> text = std::make_shared<TextStore>();  // the descriptions' characters
  // Indexes for derivedFrom, built on first use (most files never need them).
  std::unordered_set<const void*> sibling_parents;  // parents whose children are in `siblings`
  std::unordered_map<Key, std::vector<pugi::xml_node>, PairHash> siblings;
  std::unordered_map<std::string_view, pugi::xml_node> peripherals;  // by name; the last one wins
  bool peripherals_built = false;
  std::unordered_map<Key, FirstTwo, PairHash> enum_sets;  // (enclosing element, name) -> enumeratedValues
  bool enum_sets_built = false;
};

// The parent of n, where a peripheral parsed in a part of its own has the device's
// <peripherals> element as its parent, as in the whole document.
pugi::xml_node up(const Ctx& c, pugi::xml_node n) {
  const auto p = n.parent();
  return c.dom->split() && p.type() == pugi::node_document && p != c.dom->outer ? c.dom->peripherals : p;
}

[[noreturn]] void fail(const Ctx& c, const Where* where, const std::string& what) {
  const std::string w = where ? where->str() : std::string();
  throw Error(Errc::parse_error, c.source, w.empty() ? what : w + ": " + what);
}

// XML whitespace (the four characters XML defines), tested inline: trim runs on every text.
constexpr bool xml_space(char ch) { return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && xml_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && xml_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view text_of(pugi::xml_node n) { return trim(n.text().get()); }
std::string_view name_of(pugi::xml_node n) { return text_of(n.child("name")); }

// scaledNonNegativeInteger: 0x1F, 0X1F, #0101 (binary), 31, with an optional k/M/G/T scale.
std::optional<std::uint64_t> number(std::string_view v) {
  v = trim(v);
  if (v.empty()) return std::nullopt;
  int base = 10;
  if (v.size() > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) base = 16, v.remove_prefix(2);
  else if (v.size() > 2 && v[0] == '0' && (v[1] == 'b' || v[1] == 'B')) base = 2, v.remove_prefix(2);
  else if (v[0] == '#') base = 2, v.remove_prefix(1);
  unsigned shift = 0;
  if (base == 10 && !v.empty()) {
    switch (v.back()) {
      case 'k': case 'K': shift = 10; break;
      case 'm': case 'M': shift = 20; break;
      case 'g': case 'G': shift = 30; break;
      case 't': case 'T': shift = 40; break;
      default: break;
    }
    if (shift) v.remove_suffix(1);
  }
  std::uint64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out, base);
  if (v.empty() || ec != std::errc{} || p != v.data() + v.size()) return std::nullopt;
  if (shift && (out >> (64 - shift))) return std::nullopt;
  return out << shift;
}

// The child elements the reader asks for, gathered in one pass over an element's children
// (first of each tag), instead of a strcmp walk over the children for every question.
enum class T : unsigned { name, description, groupName, baseAddress, addressBlock, registers, dim, dimIncrement, dimIndex, size, access, resetValue, resetMask, addressOffset, modifiedWriteValues, readAction, fields, bitOffset, bitWidth, lsb, msb, bitRange, enumeratedValues, count };

struct Kids {
  std::array<pugi::xml_node, static_cast<std::size_t>(T::count)> at{};
  pugi::xml_node operator[](T t) const { return at[static_cast<std::size_t>(t)]; }
};

Kids gather(pugi::xml_node n) {
  static constexpr std::string_view names[] = {"name", "description", "groupName", "baseAddress", "addressBlock", "registers", "dim", "dimIncrement", "dimIndex", "size", "access", "resetValue", "resetMask", "addressOffset", "modifiedWriteValues", "readAction", "fields", "bitOffset", "bitWidth", "lsb", "msb", "bitRange", "enumeratedValues"};
  static_assert(std::size(names) == static_cast<std::size_t>(T::count));
  // Candidates by tag length (at most 5 share one), so a child costs a length switch and a
  // compare or two.
  static const auto by_length = [] {
    std::array<std::array<unsigned char, 6>, 24> t{};
    for (auto& row : t) row.fill(0xff);
    for (std::size_t i = 0; i < std::size(names); ++i) {
      auto& row = t[names[i].size()];
      for (auto& slot : row)
        if (slot == 0xff) {
          slot = static_cast<unsigned char>(i);
          break;
        }
    }
    return t;
  }();
  Kids k;
  for (auto ch = n.first_child(); ch; ch = ch.next_sibling()) {
    if (ch.type() != pugi::node_element) continue;
    const std::string_view tag = ch.name();
    if (tag.size() >= by_length.size()) continue;
    for (const unsigned char i : by_length[tag.size()]) {
      if (i == 0xff) break;
      if (tag == names[i]) {
        if (!k.at[i]) k.at[i] = ch;
        break;
      }
    }
  }
  return k;
}

// An element and the chain of elements it derives from: a child not given here comes from
// the nearest base that has it.
struct Elem {
  pugi::xml_node node;
  Kids own;
  std::vector<std::pair<pugi::xml_node, Kids>> bases;

  // The element (itself or a base) whose child of tag t counts, or null.
  pugi::xml_node holder(T t) const {
    if (own[t]) return node;
    for (const auto& [b, k] : bases)
      if (k[t]) return b;
    return {};
  }
  pugi::xml_node child(T t) const {
    if (auto c = own[t]) return c;
    for (const auto& [b, k] : bases)
      if (auto c = k[t]) return c;
    return {};
  }
  std::optional<std::string_view> text(T t) const {
    auto c = child(t);
    if (!c) return std::nullopt;
    return text_of(c);
  }
};

std::optional<std::uint64_t> num_child(const Ctx& c, const Elem& e, T tag, const Where& where) {
  auto t = e.text(tag);
  if (!t) return std::nullopt;
  auto v = number(*t);
  if (!v) fail(c, &where, "<" + std::string(e.child(tag).name()) + "> is not a number: \"" + std::string(*t) + "\"");
  return v;
}

Access parse_access(const Ctx& c, std::string_view s, const Where& where) {
  if (s == "read-only") return Access::read_only;
  if (s == "write-only") return Access::write_only;
  if (s == "read-write") return Access::read_write;
  if (s == "writeOnce") return Access::write_once;
  if (s == "read-writeOnce") return Access::read_write_once;
  fail(c, &where, "unknown access \"" + std::string(s) + "\"");
}

ModifiedWrite parse_mw(const Ctx& c, std::string_view s, const Where& where) {
  static const std::pair<std::string_view, ModifiedWrite> table[] = {
      {"oneToClear", ModifiedWrite::one_to_clear},   {"oneToSet", ModifiedWrite::one_to_set},
      {"oneToToggle", ModifiedWrite::one_to_toggle}, {"zeroToClear", ModifiedWrite::zero_to_clear},
      {"zeroToSet", ModifiedWrite::zero_to_set},     {"zeroToToggle", ModifiedWrite::zero_to_toggle},
      {"clear", ModifiedWrite::clear},               {"set", ModifiedWrite::set},
      {"modify", ModifiedWrite::modify}};
  for (const auto& [n, v] : table)
    if (s == n) return v;
  fail(c, &where, "unknown modifiedWriteValues \"" + std::string(s) + "\"");
}

ReadAction parse_ra(const Ctx& c, std::string_view s, const Where& where) {
  if (s == "clear") return ReadAction::clear;
  if (s == "set") return ReadAction::set;
  if (s == "modify") return ReadAction::modify;
  if (s == "modifyExternal") return ReadAction::modify_external;
  fail(c, &where, "unknown readAction \"" + std::string(s) + "\"");
}

// Counts what the file expands to, so that dim arrays of dim arrays cannot make a small file
// allocate without bound.
// Elements are taken from the shared count in chunks, so that two threads do not contend for
// it on every field. Near the limit each takes exactly what it needs; a file within two chunks
// of the limit can then be refused for what the other thread holds unspent (at most one chunk).
void spend(Ctx& c, std::size_t n, const Where& where) {
  if (n <= c.budget) {
    c.budget -= n;
    return;
  }
  constexpr std::size_t chunk = 4096;
  const std::size_t max = c.limits.max_elements;
  const std::size_t need = n - c.budget;
  std::size_t have = c.count->elements.load(std::memory_order_relaxed);
  for (;;) {
    if (need > max || have > max - need)
      fail(c, &where, "expands to more than " + std::to_string(max) + " registers, fields and enumerated values");
    const std::size_t take = max - have - need >= 2 * chunk ? std::max(need, chunk) : need;
    if (c.count->elements.compare_exchange_weak(have, have + take, std::memory_order_relaxed)) {
      c.budget += take - n;
      return;
    }
  }
}

void spend_registers(Ctx& c, std::size_t n, const Where& where) {
  if (c.count->registers.fetch_add(n, std::memory_order_relaxed) + n > c.limits.max_registers)
    fail(c, &where, "more than " + std::to_string(c.limits.max_registers) + " registers");
}

Props inherit(const Ctx& c, Props p, const Elem& e, const Where& where) {
  if (auto s = num_child(c, e, T::size, where)) {
    if (*s != 8 && *s != 16 && *s != 32 && *s != 64) fail(c, &where, "register size " + std::to_string(*s) + " (8, 16, 32 or 64 bits)");
    p.size = static_cast<unsigned>(*s);
  }
  if (auto a = e.text(T::access)) p.access = parse_access(c, *a, where);
  if (auto v = num_child(c, e, T::resetValue, where)) p.reset_value = *v;
  if (auto v = num_child(c, e, T::resetMask, where)) p.reset_mask = *v;
  return p;
}

// The sibling of `from` with the same tag and name `ref` (not `from` itself), through an index
// of the parent's children built the first time one of them derives from a sibling.
pugi::xml_node find_sibling(Ctx& c, pugi::xml_node from, std::string_view ref) {
  const auto parent = up(c, from);
  const void* pk = parent.internal_object();
  if (c.sibling_parents.insert(pk).second) {
    if (parent == c.dom->peripherals) {
      for (auto s : c.dom->peripheral_nodes) c.siblings[{pk, name_of(s)}].push_back(s);
    } else {
      for (auto s = parent.first_child(); s; s = s.next_sibling())
        if (s.type() == pugi::node_element) c.siblings[{pk, name_of(s)}].push_back(s);
    }
  }
  auto it = c.siblings.find({pk, ref});
  if (it == c.siblings.end()) return {};
  for (auto s : it->second)
    if (s != from && std::string_view(s.name()) == from.name()) return s;
  return {};
}

// A dotted path from the device's peripherals: "PERIPH", "PERIPH.REG", "PERIPH.CLUSTER.REG",
// "PERIPH.REG.FIELD". Within a scope the last element of a name wins, as SVDConv does.
pugi::xml_node find_path(Ctx& c, std::string_view ref) {
  if (ref.empty()) return {};
  if (!c.peripherals_built) {
    for (auto p : c.dom->peripheral_nodes) c.peripherals[name_of(p)] = p;
    c.peripherals_built = true;
  }
  auto dot = ref.find('.');
  auto it = c.peripherals.find(ref.substr(0, dot));
  if (it == c.peripherals.end()) return {};
  pugi::xml_node cur = it->second;
  while (cur && dot != std::string_view::npos) {
    ref.remove_prefix(dot + 1);
    dot = ref.find('.');
    const auto part = ref.substr(0, dot);
    if (part.empty()) return {};
    const std::string_view tag = cur.name();
    const pugi::xml_node scope = tag == "peripheral" ? cur.child("registers") : tag == "register" ? cur.child("fields") : cur;
    pugi::xml_node next;
    for (auto s : scope.children())
      if (s.type() == pugi::node_element && name_of(s) == part) next = s;
    cur = next;
  }
  return cur;
}

// What derivedFrom="ref" names: a sibling of the same tag first, then a dotted path.
pugi::xml_node find_ref(Ctx& c, pugi::xml_node from, std::string_view ref) {
  if (auto s = find_sibling(c, from, ref)) return s;
  return find_path(c, ref);
}

Elem with_bases(Ctx& c, pugi::xml_node n, const Where& where) {
  Elem e{n, gather(n), {}};
  auto cur = n;
  for (int depth = 0;; ++depth) {
    const auto attr = cur.attribute("derivedFrom");
    if (!attr) break;
    if (depth >= max_derive_depth) fail(c, &where, "derivedFrom chain longer than 16 (a cycle?)");
    const auto ref = trim(attr.value());
    auto base = find_ref(c, cur, ref);
    if (!base) fail(c, &where, "derivedFrom=\"" + std::string(ref) + "\" names no element");
    e.bases.emplace_back(base, gather(base));
    cur = base;
  }
  return e;
}

// Children of the given tags across an element and its bases; the derived element's own
// children replace a base's of the same name (and, within one element, the first of a name wins).
// container: the tag holding them (registers, fields), or none for a cluster's own children.
std::vector<pugi::xml_node> merged_children(const Elem& e, std::optional<T> container, std::initializer_list<std::string_view> tags) {
  std::vector<pugi::xml_node> out;
  std::vector<std::string_view> seen;          // names taken, while few: a linear scan is cheapest
  std::unordered_set<std::string_view> many;   // and once there are many
  auto take = [&](pugi::xml_node parent) {
    if (!parent) return;
    for (auto ch = parent.first_child(); ch; ch = ch.next_sibling()) {
      const std::string_view tag = ch.name();
      if (std::find(tags.begin(), tags.end(), tag) == tags.end()) continue;
      const auto nm = name_of(ch);
      if (many.empty() && seen.size() < 32) {
        if (std::find(seen.begin(), seen.end(), nm) != seen.end()) continue;
        seen.push_back(nm);
      } else {
        if (many.empty()) many.insert(seen.begin(), seen.end());
        if (!many.insert(nm).second) continue;
      }
      out.push_back(ch);
    }
  };
  take(container ? e.own[*container] : e.node);
  for (const auto& [b, k] : e.bases) take(container ? k[*container] : b);
  return out;
}

// dim expansion: the index strings and the step between elements.
struct Dim {
  std::vector<std::string> index;  // empty: no dim
  std::uint64_t increment = 0;
};

Dim dim_of(const Ctx& c, const Elem& e, const Where& where) {
  Dim d;
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

// enumeratedValues derivedFrom: the named set in the nearest enclosing scope (the same field,
// register, cluster, peripheral, then the whole device), as vendor files reuse short names
// like "MODE" in every peripheral. A dotted name ("PERIPH.REG.FIELD.SET") is looked up under
// the element its path names first. Each scope's sets are indexed the first time one is asked.
void index_enum_sets(Ctx& c, pugi::xml_node scope) {
  const void* key = scope.internal_object();
  if (!c.enum_sets.emplace(Key{key, std::string_view{}}, FirstTwo{}).second) return;  // the empty name marks "indexed"
  // Enumerated values live under fields; walk only the elements that can contain fields.
  static constexpr std::string_view containers[] = {"peripherals", "peripheral", "registers", "register", "cluster", "fields", "field"};
  std::vector<pugi::xml_node> stack{scope};
  while (!stack.empty()) {
    const auto n = stack.back();
    stack.pop_back();
    if (n == c.dom->peripherals && c.dom->split()) {  // its peripherals are in the parts
      stack.insert(stack.end(), c.dom->peripheral_nodes.begin(), c.dom->peripheral_nodes.end());
      continue;
    }
    for (auto ch = n.first_child(); ch; ch = ch.next_sibling()) {
      const std::string_view tag = ch.name();
      if (tag == "enumeratedValues") {
        if (const auto nm = name_of(ch); !nm.empty()) c.enum_sets[{key, nm}].add(ch);
      } else if (std::find(std::begin(containers), std::end(containers), tag) != std::end(containers)) {
        stack.push_back(ch);
      }
    }
  }
}

pugi::xml_node lookup_enum_set(Ctx& c, pugi::xml_node scope, std::string_view name, pugi::xml_node self) {
  if (!scope || name.empty()) return {};
  index_enum_sets(c, scope);
  auto it = c.enum_sets.find({scope.internal_object(), name});
  return it == c.enum_sets.end() ? pugi::xml_node() : it->second.other_than(self);
}

pugi::xml_node set_in_field(pugi::xml_node field, std::string_view name, pugi::xml_node self) {
  for (auto ev : field.children("enumeratedValues"))
    if (ev != self && name_of(ev) == name) return ev;
  return {};
}

pugi::xml_node find_enum_set(Ctx& c, pugi::xml_node ev, std::string_view ref) {
  const auto dot = ref.rfind('.');
  const auto last = dot == std::string_view::npos ? ref : ref.substr(dot + 1);
  if (last.empty()) return {};
  if (dot != std::string_view::npos)
    if (auto s = lookup_enum_set(c, find_path(c, ref.substr(0, dot)), last, ev)) return s;
  // The field and its register are scanned directly: most references are to a neighbour, and
  // indexing every register would cost more than the few fields it has.
  const auto field = ev.parent();
  if (auto s = set_in_field(field, last, ev)) return s;
  auto scope = field.parent();
  if (std::string_view(scope.name()) == "fields") {
    for (auto f : scope.children("field"))
      if (auto s = set_in_field(f, last, ev)) return s;
    scope = up(c, scope.parent());  // past the register
  }
  for (; scope; scope = up(c, scope)) {
    if (auto s = lookup_enum_set(c, scope, last, ev)) return s;
    if (scope == c.dom->device) break;
  }
  return {};
}

std::vector<EnumValue> parse_enums(Ctx& c, pugi::xml_node holder, const Where& where) {
  std::vector<EnumValue> out;
  if (!holder) return out;
  for (auto ev : holder.children("enumeratedValues")) {
    auto set = ev;
    for (int depth = 0;; ++depth) {
      const auto ref = set.attribute("derivedFrom");
      if (!ref) break;
      if (depth >= max_derive_depth) fail(c, &where, "enumeratedValues derivedFrom chain longer than 16 (a cycle?)");
      const auto r = trim(ref.value());
      auto found = find_enum_set(c, set, r);
      if (!found) fail(c, &where, "enumeratedValues derivedFrom=\"" + std::string(r) + "\" names nothing");
      set = found;
    }
    const std::size_t before = out.size();
    std::size_t children = 0;  // a bound on the values (a set also holds its name, usage...)
    for (auto v = set.first_child(); v; v = v.next_sibling()) ++children;
    out.reserve(before + children);
    for (auto v = set.first_child(); v; v = v.next_sibling()) {
      if (std::strcmp(v.name(), "enumeratedValue") != 0) continue;
      EnumValue e;
      pugi::xml_node val;
      for (auto ch = v.first_child(); ch; ch = ch.next_sibling()) {  // one pass: four children asked for
        const std::string_view tag = ch.name();
        if (tag == "name") {
          if (e.name.empty()) e.name = text_of(ch);
        } else if (tag == "description") {
          if (e.description.empty()) e.description = c.text->keep(text_of(ch));
        } else if (tag == "value") {
          if (!val) val = ch;
        } else if (tag == "isDefault") {
          e.is_default = text_of(ch) == "true";
        }
      }
      if (val) {
        const auto s = text_of(val);
        if (!s.empty() && s[0] == '#' && s.find_first_of("xX") != std::string_view::npos) {
          // binary with don't-care bits: "#1x0"
          if (s.size() > 65) fail(c, &where, "enumerated value \"" + std::string(s) + "\" is wider than 64 bits");
          std::uint64_t value = 0, mask = 0;
          for (char ch : s.substr(1)) {
            if (ch != '0' && ch != '1' && ch != 'x' && ch != 'X') fail(c, &where, "bad enumerated value \"" + std::string(s) + "\"");
            value = (value << 1) | (ch == '1');
            mask = (mask << 1) | (ch == '0' || ch == '1');
          }
          e.value = value, e.mask = mask;
        } else {
          auto n = number(s);
          if (!n) fail(c, &where, "enumerated value \"" + e.name + "\" is not a number: \"" + std::string(s) + "\"");
          e.value = *n;
        }
      } else if (!e.is_default) {
        fail(c, &where, "enumerated value \"" + e.name + "\" has no <value>");
      }
      out.push_back(std::move(e));
    }
    spend(c, out.size() - before, where);
  }
  return out;
}

// "[7:0]": msb and lsb.
bool bit_range(std::string_view s, std::uint64_t& hi, std::uint64_t& lo) {
  s = trim(s);
  if (s.size() < 5 || s.front() != '[' || s.back() != ']') return false;
  s = s.substr(1, s.size() - 2);
  const auto colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  auto h = number(s.substr(0, colon)), l = number(s.substr(colon + 1));
  if (!h || !l || *h < *l) return false;
  hi = *h, lo = *l;
  return true;
}

void parse_fields(Ctx& c, const Elem& reg, Register& r, const Where& rwhere) {
  const auto nodes = merged_children(reg, T::fields, {"field"});
  r.fields.reserve(nodes.size());
  for (auto fnode : nodes) {
    const Where fwhere{&rwhere, name_of(fnode)};
    Elem fe = with_bases(c, fnode, fwhere);
    auto dim = dim_of(c, fe, fwhere);
    const std::size_t copies = dim.index.empty() ? 1 : dim.index.size();
    const auto raw = fe.text(T::name).value_or("");
    const auto description = fe.text(T::description).value_or("");
    std::uint64_t lsb = 0, width = 0;
    if (auto off = num_child(c, fe, T::bitOffset, fwhere)) {
      lsb = *off;
      width = num_child(c, fe, T::bitWidth, fwhere).value_or(1);
    } else if (auto l = num_child(c, fe, T::lsb, fwhere)) {
      auto m = num_child(c, fe, T::msb, fwhere);
      if (!m || *m < *l) fail(c, &fwhere, "<lsb> without a <msb> at or above it");
      lsb = *l, width = *m - *l + 1;
    } else if (auto br = fe.text(T::bitRange)) {
      std::uint64_t hi = 0, lo = 0;
      if (!bit_range(*br, hi, lo)) fail(c, &fwhere, "bad bitRange \"" + std::string(*br) + "\"");
      lsb = lo, width = hi - lo + 1;
    } else {
      fail(c, &fwhere, "field has no bit position (bitOffset, lsb/msb or bitRange)");
    }
    if (copies > 1 && dim.increment > 64) fail(c, &fwhere, "field dimIncrement " + std::to_string(dim.increment) + " leaves the register");
    Access access = r.access;
    if (auto a = fe.text(T::access)) access = parse_access(c, *a, fwhere);
    ModifiedWrite mw = r.modified_write;
    if (auto m = fe.text(T::modifiedWriteValues)) mw = parse_mw(c, *m, fwhere);
    ReadAction ra = r.read_action;
    if (auto a = fe.text(T::readAction)) ra = parse_ra(c, *a, fwhere);
    // The enumerated values are those of the nearest element in the derivation chain that has
    // any; resolved once and shared by every dim copy.
    auto enums = parse_enums(c, fe.holder(T::enumeratedValues), fwhere);
    const auto kept = c.text->keep(description);  // shared by every dim copy
    spend(c, copies * (1 + enums.size()) - enums.size(), fwhere);
    for (std::size_t i = 0; i < copies; ++i) {
      // width and lsb are checked against the register size without overflow: a bitOffset
      // near 2^64 must not wrap around into range (and then into an oversized shift).
      const std::uint64_t at = lsb + i * dim.increment;
      if (width == 0 || width > r.size || lsb >= r.size || at >= r.size || width > r.size - at)
        fail(c, &fwhere, "bits " + std::to_string(at) + ".." + std::to_string(at + width - 1) + " outside the " + std::to_string(r.size) + "-bit register");
      Field f;
      f.name = dim.index.empty() ? std::string(raw) : expand(raw, dim.index[i]);
      f.description = kept;
      f.lsb = static_cast<unsigned>(at);
      f.width = static_cast<unsigned>(width);
      f.access = access;
      f.modified_write = mw;
      f.read_action = ra;
      if (i + 1 == copies) f.enums = std::move(enums);  // the last copy takes them
      else f.enums = enums;
      r.fields.push_back(std::move(f));
    }
  }
  std::stable_sort(r.fields.begin(), r.fields.end(), [](const Field& a, const Field& b) { return a.lsb < b.lsb; });
}

void parse_block(Ctx& c, const Elem& scope, std::optional<T> container, const std::string& prefix, std::uint64_t base_offset,
                 const Props& inherited, Peripheral& p, int depth, const Where& pwhere) {
  if (depth > max_cluster_depth) fail(c, &pwhere, "clusters nested deeper than 32");
  for (auto node : merged_children(scope, container, {"register", "cluster"})) {
    const bool is_cluster = std::string_view(node.name()) == "cluster";
    const Where where{&pwhere, name_of(node)};
    Elem e = with_bases(c, node, where);
    const Props props = inherit(c, inherited, e, where);
    auto off = num_child(c, e, T::addressOffset, where);
    if (!off) fail(c, &where, "no <addressOffset>");
    auto dim = dim_of(c, e, where);
    const std::size_t copies = dim.index.empty() ? 1 : dim.index.size();
    const auto raw = e.text(T::name).value_or("");
    if (raw.empty()) fail(c, &where, "element without a <name>");
    for (std::size_t i = 0; i < copies; ++i) {
      std::string nm = dim.index.empty() ? std::string(raw) : expand(raw, dim.index[i]);
      const std::uint64_t at = base_offset + *off + i * dim.increment;
      if (is_cluster) {
        const Where cwhere{&pwhere, nm};
        parse_block(c, e, std::nullopt, prefix + nm + ".", at, props, p, depth + 1, cwhere);
        continue;
      }
      spend_registers(c, 1, where);
      spend(c, 1, where);
      Register r;
      r.name = prefix + nm;
      r.description = c.text->keep(e.text(T::description).value_or(""));
      r.offset = at;
      r.size = props.size;
      r.access = props.access;
      r.reset_value = props.reset_value;
      r.reset_mask = props.reset_mask;
      if (auto m = e.text(T::modifiedWriteValues)) r.modified_write = parse_mw(c, *m, where);
      if (auto a = e.text(T::readAction)) r.read_action = parse_ra(c, *a, where);
      const Where rwhere{&pwhere, nm};
      parse_fields(c, e, r, rwhere);
      p.registers.push_back(std::move(r));
    }
  }
}

// Registers copied from a peripheral already resolved count against the limits like new ones.
void spend_copy(Ctx& c, const std::vector<Register>& regs, const Where& where) {
  std::size_t n = regs.size();
  for (const auto& r : regs) {
    n += r.fields.size();
    for (const auto& f : r.fields) n += f.enums.size();
  }
  spend_registers(c, regs.size(), where);
  spend(c, n, where);
}

// One peripheral element as read in the first pass, before its registers are resolved.
struct PeriphPlan {
  pugi::xml_node node;
  Elem elem;
  Props props;
  Dim dim;
  std::uint64_t base = 0, block_size = 0;
  std::string_view name, description, group;
  std::optional<std::size_t> same;  // the plan whose registers these are (derivedFrom, nothing added)
  std::size_t job = 0;              // otherwise: its entry in the resolved register lists
};

// The first pass, in document order: everything but the registers. Stops at the first bad
// peripheral, leaving the error in `error`, so that the registers of the ones before it are
// still resolved and a broken register earlier in the file is the error reported.
std::vector<PeriphPlan> plan_peripherals(Ctx& c, const Props& dprops, std::size_t& jobs, std::exception_ptr& error) {
  std::vector<PeriphPlan> plans;
  std::unordered_map<const void*, std::size_t> by_node;  // peripheral element -> its plan
  try {
    for (auto pnode : c.dom->peripheral_nodes) {
      const Where where{nullptr, name_of(pnode)};
      PeriphPlan pl{pnode, with_bases(c, pnode, where), {}, {}, 0, 0, {}, {}, {}, {}, 0};
      const Elem& e = pl.elem;
      pl.dim = dim_of(c, e, where);
      pl.props = inherit(c, dprops, e, where);
      auto base = num_child(c, e, T::baseAddress, where);
      if (!base) fail(c, &where, "peripheral without <baseAddress>");
      pl.base = *base;
      pl.name = e.text(T::name).value_or("");
      pl.description = c.text->keep(e.text(T::description).value_or(""));
      pl.group = c.text->keep(e.text(T::groupName).value_or(""));
      // addressBlock: the extent the peripheral decodes (the last block's end).
      for (auto b : e.holder(T::addressBlock).children("addressBlock")) {
        auto bo = number(text_of(b.child("offset"))), bs = number(text_of(b.child("size")));
        if (bo && bs && *bo + *bs >= *bo) pl.block_size = std::max(pl.block_size, *bo + *bs);
      }
      // A peripheral that adds no registers to the one it derives from, with the same register
      // properties, has that peripheral's registers: copy them rather than resolve them again.
      if (!e.bases.empty() && !e.own[T::registers])
        if (auto it = by_node.find(e.bases.front().first.internal_object());
            it != by_node.end() && plans[it->second].props == pl.props)
          pl.same = plans[it->second].same.value_or(it->second);
      if (!pl.same) pl.job = jobs++;
      by_node.emplace(pnode.internal_object(), plans.size());
      plans.push_back(std::move(pl));
    }
  } catch (...) {
    error = std::current_exception();
  }
  return plans;
}

std::vector<Register> resolve_registers(Ctx& c, const PeriphPlan& pl) {
  Peripheral p;
  const std::string first = pl.dim.index.empty() ? std::string(pl.name) : expand(pl.name, pl.dim.index[0]);
  const Where pwhere{nullptr, first};
  parse_block(c, pl.elem, T::registers, "", 0, pl.props, p, 0, pwhere);
  std::stable_sort(p.registers.begin(), p.registers.end(), [](const Register& a, const Register& b) { return a.offset < b.offset; });
  return std::move(p.registers);
}

// Large files resolve their peripherals' registers on two threads: the plans that need it are
// split where the bytes of XML behind them are even. Each thread keeps its own lookup caches;
// the DOM is only read. Of two failures the earlier in the file is reported, as a single
// thread would have; the first half's failure stops the second half early.
std::vector<std::vector<Register>> resolve_all(Ctx& c, const std::vector<PeriphPlan>& plans, std::size_t jobs,
                                               std::size_t document_bytes, std::vector<std::shared_ptr<const void>>& texts) {
  std::vector<std::vector<Register>> regs(jobs);
  std::vector<const PeriphPlan*> todo;
  for (const auto& pl : plans)
    if (!pl.same) todo.push_back(&pl);
  std::size_t split = todo.size();
  if (document_bytes >= c.limits.parallel_from_bytes && todo.size() >= 2) {
    std::vector<std::uint64_t> weight(todo.size());  // bytes up to the next peripheral
    const auto& pos = c.dom->positions;
    for (std::size_t i = 0; i < todo.size(); ++i) {
      const auto k = static_cast<std::size_t>(todo[i] - plans.data());  // plans follow peripheral_nodes
      const std::uint64_t next = k + 1 < pos.size() ? pos[k + 1] : document_bytes;
      weight[i] = next > pos[k] ? next - pos[k] : 1;
    }
    std::uint64_t total = 0, acc = 0;
    for (auto w : weight) total += w;
    for (split = 0; split < todo.size() && acc < total / 2; ++split) acc += weight[split];
    split = std::clamp<std::size_t>(split, 1, todo.size() - 1);
  }
  std::atomic<bool> stop{false};
  std::exception_ptr head_error, tail_error;
  auto run = [&](Ctx& ctx, std::size_t from, std::size_t to, std::exception_ptr& error, bool head) {
    try {
      for (std::size_t i = from; i < to && (head || !stop.load(std::memory_order_relaxed)); ++i)
        regs[todo[i]->job] = resolve_registers(ctx, *todo[i]);
    } catch (...) {
      error = std::current_exception();
      if (head) stop.store(true, std::memory_order_relaxed);
    }
  };
  if (split < todo.size()) {
    Ctx tail_ctx;
    tail_ctx.source = c.source;
    tail_ctx.dom = c.dom;
    tail_ctx.limits = c.limits;
    tail_ctx.count = c.count;
    std::thread tail([&] { run(tail_ctx, split, todo.size(), tail_error, false); });
    run(c, 0, split, head_error, true);
    tail.join();
    texts.push_back(tail_ctx.text);
  } else {
    run(c, 0, split, head_error, true);
  }
  if (head_error) std::rethrow_exception(head_error);
  if (tail_error) std::rethrow_exception(tail_error);
  return regs;
}

Device build(Ctx& c, std::size_t document_bytes) {
  Device d;
  d.source = c.source;
  Elem dev{c.dom->device, gather(c.dom->device), {}};
  d.name = dev.text(T::name).value_or("");
  d.version = std::string(text_of(c.dom->device.child("version")));
  d.description = c.text->keep(dev.text(T::description).value_or(""));
  const Where dwhere{nullptr, "device"};
  const Props dprops = inherit(c, Props{}, dev, dwhere);
  std::size_t jobs = 0;
  std::exception_ptr plan_error;
  const auto plans = plan_peripherals(c, dprops, jobs, plan_error);
  d.storage.push_back(c.text);
  auto regs = resolve_all(c, plans, jobs, document_bytes, d.storage);
  if (plan_error) std::rethrow_exception(plan_error);
  // In document order: each peripheral (and dim copy) takes its registers, copying those that
  // another one already holds.
  std::vector<std::size_t> first_of(plans.size());  // plan -> index of its first copy in d
  for (std::size_t k = 0; k < plans.size(); ++k) {
    const auto& pl = plans[k];
    const std::size_t copies = pl.dim.index.empty() ? 1 : pl.dim.index.size();
    first_of[k] = d.peripherals.size();
    for (std::size_t i = 0; i < copies; ++i) {
      Peripheral p;
      p.name = pl.dim.index.empty() ? std::string(pl.name) : expand(pl.name, pl.dim.index[i]);
      p.description = pl.description;
      p.group = pl.group;
      p.base = pl.base + i * pl.dim.increment;
      p.block_size = pl.block_size;
      if (pl.same || i > 0) {
        const Where where{nullptr, name_of(pl.node)};
        const auto& from = d.peripherals[pl.same ? first_of[*pl.same] : first_of[k]].registers;
        spend_copy(c, from, where);
        p.registers = from;
      } else {
        p.registers = std::move(regs[pl.job]);
      }
      d.peripherals.push_back(std::move(p));
    }
  }
  return d;
}

Device parse_document(const detail::Dom& dom, std::string source, const Limits& limits, std::size_t document_bytes) {
  if (!dom.result)
    throw Error(Errc::parse_error, source, std::string("XML: ") + dom.result.description(),
                static_cast<std::uint64_t>(dom.result.offset));
  Ctx c;
  c.source = std::move(source);
  c.dom = &dom;
  c.limits = limits;
  Count count;
  c.count = &count;
  if (!dom.device) fail(c, nullptr, "no <device> element: not a CMSIS-SVD file");
  return build(c, document_bytes);
}

}  // namespace

Device parse(std::string_view xml, std::string source, const Limits& limits) {
  detail::Dom dom;
  if (xml.size() < limits.parallel_from_bytes || !detail::parse_split(dom, xml, nullptr))
    detail::parse_whole(dom, xml, nullptr);
  return parse_document(dom, std::move(source), limits, xml.size());
}

namespace {

struct FileBytes {
  std::unique_ptr<char[]> buf;
  std::size_t size = 0;
};

// Reads [at, at + n) of a regular file with pread; false when it ends sooner.
bool read_range(int fd, char* to, std::size_t n, std::size_t at, int& err) {
  while (n > 0) {
    const auto got = ::pread(fd, to, n, static_cast<off_t>(at));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      err = errno;
      return false;
    }
    if (got == 0) return false;
    to += got;
    at += static_cast<std::size_t>(got);
    n -= static_cast<std::size_t>(got);
  }
  return true;
}

// The whole file, in a buffer one byte larger than fstat's size, so that a regular file ends
// in a short read rather than in a grown buffer and a copy of everything read so far. A large
// regular file is read in two halves on two threads (copying 27 MB out of the page cache is
// 10 ms on one); anything else, or a file that changes size meanwhile, is read to its end.
FileBytes read_file(const std::filesystem::path& path, std::size_t halves_from) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(Errc::not_found, path.string(), "open the SVD file", {}, errno);
  struct stat st {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
  FileBytes f;
  std::size_t size = regular ? static_cast<std::size_t>(st.st_size) + 1 : 0;
  f.buf = std::make_unique_for_overwrite<char[]>(size);  // not zero-filled: it is read over
  int err = 0;
  if (regular && size - 1 >= halves_from) {
    const std::size_t half = (size - 1) / 2;
    bool second_ok = false;
    int second_err = 0;
    std::thread second([&] { second_ok = read_range(fd, f.buf.get() + half, size - 1 - half, half, second_err); });
    const bool first_ok = read_range(fd, f.buf.get(), half, 0, err);
    second.join();
    if (first_ok && second_ok) f.size = size - 1;
    if (!err) err = second_err;
    if (!err && ::lseek(fd, static_cast<off_t>(f.size), SEEK_SET) < 0) err = errno;
  }
  for (; !err;) {
    if (f.size == size) {  // larger than fstat said, or not a regular file
      const std::size_t bigger = std::max<std::size_t>(size * 2, 65536);
      auto b = std::make_unique_for_overwrite<char[]>(bigger);
      std::copy_n(f.buf.get(), f.size, b.get());
      f.buf = std::move(b);
      size = bigger;
    }
    const auto n = ::read(fd, f.buf.get() + f.size, size - f.size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) err = errno;
    if (n <= 0) break;
    f.size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (err) throw Error(Errc::io_failed, path.string(), "read the SVD file", {}, err);
  return f;
}

}  // namespace

Device load(const std::filesystem::path& path, const Limits& limits) {
  // Read once into a buffer that pugixml parses in place: no stream copies of a large file.
  auto f = read_file(path, limits.parallel_from_bytes);
  detail::Dom dom;
  const std::string_view text(f.buf.get(), f.size);
  if (f.size < limits.parallel_from_bytes) {
    detail::parse_whole(dom, text, f.buf.get());
  } else if (!detail::parse_split(dom, text, f.buf.get())) {
    f = read_file(path, limits.parallel_from_bytes);  // the rejected parts changed the bytes
    detail::parse_whole(dom, {f.buf.get(), f.size}, f.buf.get());
  }
  return parse_document(dom, path.string(), limits, f.size);
}

}  // namespace uiokit::svd
