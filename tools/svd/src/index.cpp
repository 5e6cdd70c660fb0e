// SPDX-License-Identifier: MIT
// derivedFrom: what a reference names, and the chain of bases of an element.
//
// A reference is a sibling of the same tag first, then a dotted path from the device's
// peripherals ("PERIPH", "PERIPH.REG", "PERIPH.CLUSTER.REG", "PERIPH.REG.FIELD"); within a
// scope the last element of a name wins, as SVDConv does. Targets are found through indexes
// built on first use (siblings by name per parent, peripherals by name, enumeratedValues sets by
// name per enclosing scope), not by a scan per reference.
#include <algorithm>
#include <array>
#include <iterator>

#include "reader.hpp"

namespace uiokit::svd::detail {

namespace {

pugi::xml_node find_sibling(Ctx& c, pugi::xml_node from, std::string_view ref) {
  const auto parent = from.parent();
  const void* pk = parent.internal_object();
  if (c.sibling_parents.insert(pk).second)
    for (auto s = parent.first_child(); s; s = s.next_sibling())
      if (s.type() == pugi::node_element) c.siblings[{pk, name_of(s)}].push_back(s);
  auto it = c.siblings.find({pk, ref});
  if (it == c.siblings.end()) return {};
  for (auto s : it->second)
    if (s != from && std::string_view(s.name()) == from.name()) return s;
  return {};
}

pugi::xml_node find_path(Ctx& c, std::string_view ref) {
  if (ref.empty()) return {};
  if (!c.peripherals_built) {
    for (auto p : c.dom->peripheral_nodes) c.peripherals[name_of(p)] = p;
    c.peripherals_built = true;
  }
  auto dot = ref.find('.');
  auto it = c.peripherals.find(ref.substr(0, dot));
  if (it == c.peripherals.end()) {
    if (c.partial) throw Partial{};  // perhaps one of the peripherals left out
    return {};
  }
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

// `name` as a dim pattern ("PMUX%s", "CH[%s]") that `ref` is one expansion of, or `ref` with a
// "%s" of its own that `name` fits.
bool pattern_fits(std::string_view pattern, std::string_view text) {
  const auto at = pattern.find("%s");
  if (at == std::string_view::npos) return false;
  const auto head = pattern.substr(0, at), tail = pattern.substr(at + 2);
  return text.size() > head.size() + tail.size() && text.starts_with(head) && text.ends_with(tail);
}

// A sibling of the same tag whose dim pattern the reference fits (or the other way round).
pugi::xml_node find_dim_sibling(pugi::xml_node from, std::string_view ref) {
  for (auto s = from.parent().first_child(); s; s = s.next_sibling()) {
    if (s == from || std::string_view(s.name()) != from.name()) continue;
    const auto nm = name_of(s);
    if (pattern_fits(nm, ref) || pattern_fits(ref, nm)) return s;
  }
  return {};
}

pugi::xml_node find_ref(Ctx& c, pugi::xml_node from, std::string_view ref, const Where& where) {
  if (auto s = find_sibling(c, from, ref)) return s;
  if (auto p = find_path(c, ref)) return p;
  if (c.partial && std::string_view(from.name()) == "peripheral") throw Partial{};  // its siblings are not all here
  if (auto s = find_dim_sibling(from, ref)) {
    warn(c, from, &where, "derivedFrom=\"" + std::string(ref) + "\" names no element as written",
         "the dim element \"" + std::string(name_of(s)) + "\"");
    return s;
  }
  return {};
}

}  // namespace

Elem with_bases(Ctx& c, pugi::xml_node n, const Kids& own, const Where& where) {
  Elem e{n, own, {}};
  // The chain so far, to find a loop: on the stack, as it is asked for every register and field
  // and no chain is longer than max_derive_depth.
  std::array<pugi::xml_node, max_derive_depth + 2> chain{n};
  std::size_t length = 1;
  for (auto cur = n;;) {
    const auto attr = cur.attribute("derivedFrom");
    if (!attr) break;
    const auto ref = trim(attr.value());
    auto base = find_ref(c, cur, ref, where);
    if (base == cur || (!base && ref == name_of(cur)))
      fail(c, &where, "derivedFrom=\"" + std::string(ref) + "\": the element derives from itself");
    if (!base) fail(c, &where, "derivedFrom=\"" + std::string(ref) + "\" names no element");
    const auto end = chain.begin() + static_cast<std::ptrdiff_t>(length);
    if (std::find(chain.begin(), end, base) != end) {
      std::string loop;
      for (auto m = chain.begin(); m != end; ++m) loop += std::string(name_of(*m)) + " -> ";
      fail(c, &where, "derivedFrom loop: " + loop + std::string(name_of(base)));
    }
    if (length > static_cast<std::size_t>(max_derive_depth)) fail(c, &where, "derivedFrom chain longer than 16");
    e.bases.emplace_back(base, gather(base));
    chain[length++] = base;
    cur = base;
  }
  return e;
}

// enumeratedValues derivedFrom: the named set in the nearest enclosing scope (the same field,
// register, cluster, peripheral, then the whole device), as vendor files reuse short names
// like "MODE" in every peripheral. A dotted name ("PERIPH.REG.FIELD.SET") is looked up under
// the element its path names first. Each scope's sets are indexed the first time one is asked.
namespace {

void index_enum_sets(Ctx& c, pugi::xml_node scope) {
  const void* key = scope.internal_object();
  if (!c.enum_sets.emplace(Key{key, std::string_view{}}, FirstTwo{}).second) return;  // the empty name marks "indexed"
  static constexpr std::string_view containers[] = {"peripherals", "peripheral", "registers", "register", "cluster", "fields", "field"};
  std::vector<pugi::xml_node> stack{scope};
  while (!stack.empty()) {
    const auto n = stack.back();
    stack.pop_back();
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

}  // namespace

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
    scope = scope.parent().parent();  // past the register
  }
  for (; scope; scope = scope.parent()) {
    if (c.partial && (scope == c.dom->peripherals || scope == c.dom->device)) throw Partial{};  // device-wide
    if (auto s = lookup_enum_set(c, scope, last, ev)) return s;
    if (scope == c.dom->device) break;
  }
  return {};
}

}  // namespace uiokit::svd::detail
