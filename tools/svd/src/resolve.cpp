// SPDX-License-Identifier: MIT
// The model from the document: register properties inherited device -> peripheral -> cluster
// -> register, registers and fields expanded and flattened, enumerated values resolved.
//
// A peripheral that derives everything from one already resolved (or a dim copy) copies the
// resolved registers instead of resolving the same XML again.
#include <algorithm>
#include <cstring>

#include "reader.hpp"

namespace uiokit::svd::detail {

// Counts what the file expands to, so that dim arrays of dim arrays cannot make a small file
// allocate without bound.
void spend(Ctx& c, std::size_t n, const Where& where) {
  if (n > c.limits.max_elements || c.elements > c.limits.max_elements - n)
    fail(c, &where, "expands to more than " + std::to_string(c.limits.max_elements) + " registers, fields and enumerated values");
  c.elements += n;
}

std::size_t elements_in(const std::vector<Register>& regs) {
  std::size_t n = regs.size();
  for (const auto& r : regs) {
    n += r.fields.size();
    for (const auto& f : r.fields) n += f.enums.size();
  }
  return n;
}

void spend_registers(Ctx& c, std::size_t n, const Where& where) {
  if (n > c.limits.max_registers || c.registers > c.limits.max_registers - n)
    fail(c, &where, "more than " + std::to_string(c.limits.max_registers) + " registers");
  c.registers += n;
}

namespace {

Props inherit(Ctx& c, Props p, const Elem& e, const Where& where) {
  if (auto s = num_child(c, e, T::size, where)) {
    if (*s == 0 || *s > 64) fail(c, &where, "register size " + std::to_string(*s) + " (8, 16, 32 or 64 bits)");
    unsigned bits = 8;
    while (bits < *s) bits *= 2;
    if (bits != *s)
      warn(c, e.child(T::size), &where, "register size " + std::to_string(*s) + " bits is not 8, 16, 32 or 64",
           "read as " + std::to_string(bits) + " bits; its fields as given");
    p.size = bits;
  }
  if (auto a = e.text(T::access)) p.access = parse_access(c, e.child(T::access), *a, where);
  if (auto v = num_child(c, e, T::resetValue, where)) p.reset_value = *v;
  if (auto v = num_child(c, e, T::resetMask, where)) p.reset_mask = *v;
  return p;
}

// An element with its derivation chain, and where it is for messages: named by its own <name>,
// which the one pass over its children finds before the chain is followed.
struct Placed {
  Where where;
  Elem elem;
};
Placed placed(Ctx& c, pugi::xml_node n, const Where* parent) {
  const Kids own = gather(n);
  const Where where{parent, text_of(own[T::name]), n};
  return {where, with_bases(c, n, own, where)};
}

// One <enumeratedValue>.
EnumValue enum_value(Ctx& c, pugi::xml_node v, Usage usage, const Where& where) {
  EnumValue e;
  e.usage = usage;
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
  const Where at{&where, {}, val ? val : v};
  if (val) {
    const auto s = text_of(val);
    if (auto m = dont_care_binary(s)) {
      e.value = m->value, e.mask = m->mask;
    } else if (auto n = number(s)) {
      e.value = *n;
    } else {
      fail(c, &at, "enumerated value \"" + e.name + "\" is not a number: \"" + std::string(s) + "\"");
    }
  } else if (!e.is_default) {
    fail(c, &at, "enumerated value \"" + e.name + "\" has no <value>");
  }
  return e;
}

std::vector<EnumValue> parse_enums(Ctx& c, pugi::xml_node holder, const Where& where) {
  std::vector<EnumValue> out;
  if (!holder) return out;
  for (auto ev : holder.children("enumeratedValues")) {
    auto set = ev;
    auto usage_node = ev.child("usage");
    for (int depth = 0;; ++depth) {
      const auto ref = set.attribute("derivedFrom");
      if (!ref) break;
      if (depth >= max_derive_depth) fail(c, &where, "enumeratedValues derivedFrom chain longer than 16 (a loop?)");
      const auto r = trim(ref.value());
      auto found = find_enum_set(c, set, r);
      if (!found) fail(c, &where, "enumeratedValues derivedFrom=\"" + std::string(r) + "\" names nothing");
      set = found;
      if (!usage_node) usage_node = set.child("usage");
    }
    const Usage usage = usage_node ? parse_usage(c, usage_node, text_of(usage_node), where) : Usage::read_write;
    const std::size_t before = out.size();
    // Counted first: a field's values grown one at a time would cost a copy and a free per
    // doubling, for every field of the file.
    std::size_t values = 0;
    for (auto v = set.first_child(); v; v = v.next_sibling()) values += std::strcmp(v.name(), "enumeratedValue") == 0;
    out.reserve(before + values);
    for (auto v = set.first_child(); v; v = v.next_sibling())
      if (std::strcmp(v.name(), "enumeratedValue") == 0) out.push_back(enum_value(c, v, usage, where));
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

// The bit position of a field: bitOffset/bitWidth, lsb/msb or bitRange.
void bits_of(Ctx& c, const Elem& fe, const Where& fwhere, std::uint64_t& lsb, std::uint64_t& width) {
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
  if (width == 0) fail(c, &fwhere, "field of no bits");
}

// An element's <modifiedWriteValues> and <readAction>, where it has them, into its access.
void set_actions(Ctx& c, const Elem& e, Access& access, const Where& where) {
  if (auto m = e.text(T::modifiedWriteValues))
    access = reg::with(access, parse_mw(c, e.child(T::modifiedWriteValues), *m, where), reg::on_read(access));
  if (auto a = e.text(T::readAction))
    access = reg::with(access, reg::on_write(access), parse_ra(c, e.child(T::readAction), *a, where));
}

void parse_fields(Ctx& c, const Elem& reg, Register& r, const Where& rwhere) {
  const auto nodes = merged_children(reg, T::fields, {"field"});
  r.fields.reserve(nodes.size());
  Unique& names = c.field_names;
  names.clear();
  for (auto fnode : nodes) {
    const auto [fwhere, fe] = placed(c, fnode, &rwhere);
    auto dim = dim_of(c, fe, fwhere);
    const std::size_t copies = dim.index.empty() ? 1 : dim.index.size();
    const auto raw = fe.text(T::name).value_or("");
    std::uint64_t lsb = 0, width = 0;
    bits_of(c, fe, fwhere, lsb, width);
    if (copies > 1 && dim.increment > 64) fail(c, &fwhere, "field dimIncrement " + std::to_string(dim.increment) + " leaves the register");
    // What the field does not say, it has from its register.
    Access access = r.access;
    if (auto a = fe.text(T::access))
      access = reg::with(parse_access(c, fe.child(T::access), *a, fwhere), reg::on_write(access), reg::on_read(access));
    set_actions(c, fe, access, fwhere);
    // The enumerated values are those of the nearest element in the derivation chain that has
    // any; resolved once and shared by every dim copy.
    auto enums = parse_enums(c, fe.holder(T::enumeratedValues), fwhere);
    const auto kept = c.text->keep(fe.text(T::description).value_or(""));  // shared by every dim copy
    spend(c, copies * (1 + enums.size()) - enums.size(), fwhere);
    for (std::size_t i = 0; i < copies; ++i) {
      // Compared without overflow: a bitOffset near 2^64 must not wrap around into range.
      const std::uint64_t at = lsb + i * dim.increment;
      std::uint64_t bits = width;
      const auto range = [&] {
        return std::to_string(at) + ".." + (at > ~std::uint64_t{0} - width ? std::string("") : std::to_string(at + width - 1));
      };
      if (lsb >= r.size || at >= r.size) {
        warn(c, fnode, &fwhere, "bits " + range() + " outside the " + std::to_string(r.size) + "-bit register", "the field is left out");
        continue;
      }
      if (width > r.size - at) {
        bits = r.size - at;
        warn(c, fnode, &fwhere, "bits " + range() + " reach past the " + std::to_string(r.size) + "-bit register",
             "bits " + std::to_string(at) + ".." + std::to_string(r.size - 1));
      }
      Field f;
      f.name = dim.index.empty() ? std::string(raw) : expand(raw, dim.index[i]);
      if (!names.add(c, f.name, fnode, rwhere, "field")) continue;
      f.description = kept;
      f.lsb = static_cast<unsigned>(at);
      f.width = static_cast<unsigned>(bits);
      f.access = access;
      f.enums = enums;
      r.fields.push_back(std::move(f));
    }
  }
  // Vendors list a register's fields from bit 0 up or from the top bit down: either order costs
  // a pass, not a sort.
  const auto by_lsb = [](const Field& a, const Field& b) { return a.lsb < b.lsb; };
  if (std::is_sorted(r.fields.begin(), r.fields.end(), by_lsb)) return;
  if (std::adjacent_find(r.fields.begin(), r.fields.end(), [](const Field& a, const Field& b) { return a.lsb <= b.lsb; }) ==
      r.fields.end()) {
    std::reverse(r.fields.begin(), r.fields.end());
    return;
  }
  std::stable_sort(r.fields.begin(), r.fields.end(), by_lsb);
}

void parse_block(Ctx& c, const Elem& scope, std::optional<T> container, const std::string& prefix, std::uint64_t base_offset,
                 const Props& inherited, Peripheral& p, Unique& names, int depth, const Where& pwhere) {
  if (depth > max_cluster_depth) fail(c, &pwhere, "clusters nested deeper than 32");
  for (auto node : merged_children(scope, container, {"register", "cluster"})) {
    const bool is_cluster = std::string_view(node.name()) == "cluster";
    const auto [where, e] = placed(c, node, &pwhere);
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
        const Where cwhere{&pwhere, nm, node};
        parse_block(c, e, std::nullopt, prefix + nm + ".", at, props, p, names, depth + 1, cwhere);
        continue;
      }
      spend_registers(c, 1, where);
      spend(c, 1, where);
      Register r;
      r.name = prefix + nm;
      // Registers at one address under one name, told apart by their alternateGroup: named
      // NAME_GROUP, as SVDConv's headers name them.
      if (const auto group = text_of(node.child("alternateGroup")); !group.empty() && names.has(r.name))
        r.name += "_" + std::string(group);
      if (!names.add(c, r.name, node, pwhere, "register")) continue;
      r.description = c.text->keep(e.text(T::description).value_or(""));
      r.offset = at;
      r.size = props.size;
      r.access = props.access;
      r.reset_value = props.reset_value;
      r.reset_mask = props.reset_mask;
      set_actions(c, e, r.access, where);
      const Where rwhere{&pwhere, nm, node};
      parse_fields(c, e, r, rwhere);
      p.registers.push_back(std::move(r));
    }
  }
}

// Registers copied from a peripheral already resolved count against the limits like new ones.
void spend_copy(Ctx& c, const std::vector<Register>& regs, const Where& where) {
  spend_registers(c, regs.size(), where);
  spend(c, elements_in(regs), where);
}

}  // namespace

Device build(Ctx& c) {
  Device d;
  d.source = c.source;
  Elem dev{c.dom->device, gather(c.dom->device), {}};
  d.name = dev.text(T::name).value_or("");
  d.version = std::string(text_of(c.dom->device.child("version")));
  d.description = c.text->keep(dev.text(T::description).value_or(""));
  d.storage.push_back(c.text);
  const Where dwhere{nullptr, "device", c.dom->device};
  const Props dprops = inherit(c, Props{}, dev, dwhere);
  // Per peripheral element: where its first copy is in d, and its properties, so that one
  // deriving everything from it copies its registers.
  std::unordered_map<const void*, std::pair<std::size_t, Props>> done;
  Unique names;
  for (auto pnode : c.dom->peripheral_nodes) {
    const auto [where, e] = placed(c, pnode, nullptr);
    const Dim dim = dim_of(c, e, where);
    const Props props = inherit(c, dprops, e, where);
    auto base = num_child(c, e, T::baseAddress, where);
    if (!base) fail(c, &where, "peripheral without <baseAddress>");
    const auto name = e.text(T::name).value_or("");
    const auto description = c.text->keep(e.text(T::description).value_or(""));
    const auto group = c.text->keep(e.text(T::groupName).value_or(""));
    // addressBlock: the extent the peripheral decodes (the last block's end).
    std::uint64_t block_size = 0;
    for (auto b : e.holder(T::addressBlock).children("addressBlock")) {
      auto bo = number(text_of(b.child("offset"))), bs = number(text_of(b.child("size")));
      if (bo && bs && *bo + *bs >= *bo) block_size = std::max(block_size, *bo + *bs);
    }
    std::optional<std::size_t> same;  // a peripheral in d whose registers these are
    if (!e.bases.empty() && !e.own.has(T::registers))
      if (auto it = done.find(e.bases.front().first.internal_object()); it != done.end() && it->second.second == props)
        same = it->second.first;
    const std::size_t copies = dim.index.empty() ? 1 : dim.index.size();
    std::optional<std::size_t> first;
    for (std::size_t i = 0; i < copies; ++i) {
      Peripheral p;
      p.name = dim.index.empty() ? std::string(name) : expand(name, dim.index[i]);
      if (!names.add(c, p.name, pnode, Where{}, "peripheral")) continue;
      p.description = description;
      p.group = group;
      p.base = *base + i * dim.increment;
      p.block_size = block_size;
      const auto from = same ? same : first;
      if (from) {
        spend_copy(c, d.peripherals[*from].registers, where);
        p.registers = d.peripherals[*from].registers;
      } else {
        const Where pwhere{nullptr, p.name, pnode};
        Unique regs;
        parse_block(c, e, T::registers, "", 0, props, p, regs, 0, pwhere);
        std::stable_sort(p.registers.begin(), p.registers.end(), [](const Register& a, const Register& b) { return a.offset < b.offset; });
      }
      if (!first) first = d.peripherals.size();
      d.peripherals.push_back(std::move(p));
    }
    if (first) done.emplace(pnode.internal_object(), std::make_pair(*first, props));
  }
  return d;
}

}  // namespace uiokit::svd::detail
