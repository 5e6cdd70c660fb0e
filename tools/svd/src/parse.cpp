// CMSIS-SVD reader (uiokit/svd/parse.hpp). pugixml parses the XML; this file resolves what SVD
// leaves implicit (inheritance, derivedFrom, dim, clusters) into the flat model.
#include "uiokit/svd/parse.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "uiokit/error.hpp"

namespace uiokit::svd {

namespace {

constexpr std::uint64_t max_dim = 65536;
constexpr int max_derive_depth = 16;
constexpr int max_cluster_depth = 32;
constexpr std::size_t max_registers = 1u << 20;

struct Ctx {
  std::string source;
  pugi::xml_node device;
  std::size_t registers = 0;
};

[[noreturn]] void fail(const Ctx& c, const std::string& where, const std::string& what) {
  throw Error(Errc::parse_error, c.source, where.empty() ? what : where + ": " + what);
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// scaledNonNegativeInteger: 0x1F, 0X1F, #0101 (binary), 31, with an optional k/M/G/T scale.
std::optional<std::uint64_t> number(std::string_view s) {
  std::string t = trim(s);
  std::string_view v = t;
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

// An element and the chain of elements it derives from: a child not given here comes from
// the nearest base that has it.
struct Elem {
  pugi::xml_node node;
  std::vector<pugi::xml_node> bases;

  pugi::xml_node child(const char* name) const {
    if (auto c = node.child(name)) return c;
    for (const auto& b : bases)
      if (auto c = b.child(name)) return c;
    return {};
  }
  std::optional<std::string> text(const char* name) const {
    auto c = child(name);
    if (!c) return std::nullopt;
    return trim(c.text().as_string());
  }
};

std::string name_of(pugi::xml_node n) { return trim(n.child("name").text().as_string()); }

std::optional<std::uint64_t> num_child(const Ctx& c, const Elem& e, const char* name, const std::string& where) {
  auto t = e.text(name);
  if (!t) return std::nullopt;
  auto v = number(*t);
  if (!v) fail(c, where, std::string("<") + name + "> is not a number: \"" + *t + "\"");
  return v;
}

Access parse_access(const Ctx& c, const std::string& s, const std::string& where) {
  if (s == "read-only") return Access::read_only;
  if (s == "write-only") return Access::write_only;
  if (s == "read-write") return Access::read_write;
  if (s == "writeOnce") return Access::write_once;
  if (s == "read-writeOnce") return Access::read_write_once;
  fail(c, where, "unknown access \"" + s + "\"");
}

ModifiedWrite parse_mw(const Ctx& c, const std::string& s, const std::string& where) {
  static const std::pair<const char*, ModifiedWrite> table[] = {
      {"oneToClear", ModifiedWrite::one_to_clear},   {"oneToSet", ModifiedWrite::one_to_set},
      {"oneToToggle", ModifiedWrite::one_to_toggle}, {"zeroToClear", ModifiedWrite::zero_to_clear},
      {"zeroToSet", ModifiedWrite::zero_to_set},     {"zeroToToggle", ModifiedWrite::zero_to_toggle},
      {"clear", ModifiedWrite::clear},               {"set", ModifiedWrite::set},
      {"modify", ModifiedWrite::modify}};
  for (const auto& [n, v] : table)
    if (s == n) return v;
  fail(c, where, "unknown modifiedWriteValues \"" + s + "\"");
}

ReadAction parse_ra(const Ctx& c, const std::string& s, const std::string& where) {
  if (s == "clear") return ReadAction::clear;
  if (s == "set") return ReadAction::set;
  if (s == "modify") return ReadAction::modify;
  if (s == "modifyExternal") return ReadAction::modify_external;
  fail(c, where, "unknown readAction \"" + s + "\"");
}

// Register properties, inherited down the tree.
struct Props {
  unsigned size = 32;
  Access access = Access::read_write;
  std::uint64_t reset_value = 0;
  std::uint64_t reset_mask = ~std::uint64_t{0};
};

Props inherit(const Ctx& c, Props p, const Elem& e, const std::string& where) {
  if (auto s = num_child(c, e, "size", where)) {
    if (*s != 8 && *s != 16 && *s != 32 && *s != 64) fail(c, where, "register size " + std::to_string(*s) + " (8, 16, 32 or 64 bits)");
    p.size = static_cast<unsigned>(*s);
  }
  if (auto a = e.text("access")) p.access = parse_access(c, *a, where);
  if (auto v = num_child(c, e, "resetValue", where)) p.reset_value = *v;
  if (auto v = num_child(c, e, "resetMask", where)) p.reset_mask = *v;
  return p;
}

// Finds the element `ref` names, for derivedFrom: a sibling of the same tag first, then a
// dotted path from the device's peripherals ("PERIPH.CLUSTER.REG").
pugi::xml_node find_ref(const Ctx& c, pugi::xml_node from, const std::string& ref) {
  const char* tag = from.name();
  for (auto s = from.parent().first_child(); s; s = s.next_sibling())
    if (s != from && std::string_view(s.name()) == tag && name_of(s) == ref) return s;
  std::vector<std::string> parts;
  std::stringstream ss(ref);
  for (std::string part; std::getline(ss, part, '.');) parts.push_back(part);
  pugi::xml_node cur;
  for (auto p : c.device.child("peripherals").children("peripheral"))
    if (name_of(p) == parts[0]) cur = p;
  for (std::size_t i = 1; cur && i < parts.size(); ++i) {
    pugi::xml_node scope = std::string_view(cur.name()) == "peripheral" ? cur.child("registers") : cur;
    if (std::string_view(cur.name()) == "register") scope = cur.child("fields");
    pugi::xml_node next;
    for (auto s : scope.children())
      if (name_of(s) == parts[i]) next = s;
    cur = next;
  }
  return cur;
}

Elem with_bases(const Ctx& c, pugi::xml_node n, const std::string& where) {
  Elem e{n, {}};
  auto cur = n;
  for (int depth = 0; cur.attribute("derivedFrom"); ++depth) {
    if (depth >= max_derive_depth) fail(c, where, "derivedFrom chain longer than 16 (a cycle?)");
    const std::string ref = trim(cur.attribute("derivedFrom").as_string());
    auto base = find_ref(c, cur, ref);
    if (!base) fail(c, where, "derivedFrom=\"" + ref + "\" names no element");
    e.bases.push_back(base);
    cur = base;
  }
  return e;
}

// Children of one tag across an element and its bases; the derived element's own children
// replace a base's of the same name.
std::vector<pugi::xml_node> merged_children(const Elem& e, const char* container, std::initializer_list<const char*> tags) {
  std::vector<pugi::xml_node> out;
  std::vector<std::string> seen;
  auto take = [&](pugi::xml_node parent) {
    if (!parent) return;
    for (auto ch : parent.children()) {
      bool wanted = false;
      for (auto t : tags) wanted = wanted || std::string_view(ch.name()) == t;
      if (!wanted) continue;
      auto nm = name_of(ch);
      if (std::find(seen.begin(), seen.end(), nm) != seen.end()) continue;
      seen.push_back(nm);
      out.push_back(ch);
    }
  };
  take(container ? e.node.child(container) : e.node);
  for (const auto& b : e.bases) take(container ? b.child(container) : b);
  return out;
}

// dim expansion: the index strings and the step between elements.
struct Dim {
  std::vector<std::string> index;  // empty: no dim
  std::uint64_t increment = 0;
};

Dim dim_of(const Ctx& c, const Elem& e, const std::string& where) {
  Dim d;
  auto n = num_child(c, e, "dim", where);
  if (!n) return d;
  if (*n == 0 || *n > max_dim) fail(c, where, "dim " + std::to_string(*n) + " out of range (1..65536)");
  auto inc = num_child(c, e, "dimIncrement", where);
  if (!inc) fail(c, where, "dim without dimIncrement");
  d.increment = *inc;
  if (auto idx = e.text("dimIndex")) {
    // "0-3", "A-D" or "a,b,c"
    auto dash = idx->find('-');
    if (idx->find(',') == std::string::npos && dash != std::string::npos && dash > 0) {
      auto a = idx->substr(0, dash), b = idx->substr(dash + 1);
      auto na = number(a), nb = number(b);
      if (na && nb && *nb >= *na && *nb - *na + 1 == *n) {
        for (auto i = *na; i <= *nb; ++i) d.index.push_back(std::to_string(i));
      } else if (a.size() == 1 && b.size() == 1 && b[0] >= a[0] && static_cast<std::uint64_t>(b[0] - a[0] + 1) == *n) {
        for (char ch = a[0]; ch <= b[0]; ++ch) d.index.emplace_back(1, ch);
      } else {
        fail(c, where, "dimIndex \"" + *idx + "\" does not give " + std::to_string(*n) + " indices");
      }
    } else {
      std::stringstream ss(*idx);
      for (std::string part; std::getline(ss, part, ',');) d.index.push_back(trim(part));
      if (d.index.size() != *n) fail(c, where, "dimIndex has " + std::to_string(d.index.size()) + " entries for dim " + std::to_string(*n));
    }
  } else {
    for (std::uint64_t i = 0; i < *n; ++i) d.index.push_back(std::to_string(i));
  }
  return d;
}

std::string expand(const std::string& name, const std::string& index) {
  std::string out = name;
  auto p = out.find("%s");
  if (p != std::string::npos) out.replace(p, 2, index);
  return out;
}

std::vector<EnumValue> parse_enums(const Ctx& c, const Elem& field, const std::string& where) {
  std::vector<EnumValue> out;
  if (!field.node) return out;
  for (auto ev : field.node.children("enumeratedValues")) {
    auto set = ev;
    if (auto ref = ev.attribute("derivedFrom")) {
      // enumeratedValues are referred to by name (possibly dotted); look for the last part.
      std::string r = trim(ref.as_string());
      auto last = r.substr(r.rfind('.') == std::string::npos ? 0 : r.rfind('.') + 1);
      auto found = c.device.find_node([&](pugi::xml_node n) {
        return std::string_view(n.name()) == "enumeratedValues" && n != ev && name_of(n) == last;
      });
      if (!found) fail(c, where, "enumeratedValues derivedFrom=\"" + r + "\" names nothing");
      set = found;
    }
    for (auto v : set.children("enumeratedValue")) {
      EnumValue e;
      e.name = name_of(v);
      e.description = trim(v.child("description").text().as_string());
      if (v.child("isDefault")) {
        e.is_default = std::string_view(v.child("isDefault").text().as_string()) == "true";
      }
      if (auto val = v.child("value")) {
        std::string s = trim(val.text().as_string());
        if (!s.empty() && s[0] == '#' && s.find_first_of("xX") != std::string::npos) {
          // binary with don't-care bits: "#1x0"
          std::uint64_t value = 0, mask = 0;
          for (char ch : s.substr(1)) {
            if (ch != '0' && ch != '1' && ch != 'x' && ch != 'X') fail(c, where, "bad enumerated value \"" + s + "\"");
            value = (value << 1) | (ch == '1');
            mask = (mask << 1) | (ch == '0' || ch == '1');
          }
          e.value = value, e.mask = mask;
        } else {
          auto n = number(s);
          if (!n) fail(c, where, "enumerated value \"" + e.name + "\" is not a number: \"" + s + "\"");
          e.value = *n;
        }
      } else if (!e.is_default) {
        fail(c, where, "enumerated value \"" + e.name + "\" has no <value>");
      }
      out.push_back(std::move(e));
    }
  }
  return out;
}

void parse_fields(const Ctx& c, const Elem& reg, Register& r, const std::string& where) {
  for (auto fnode : merged_children(reg, "fields", {"field"})) {
    const std::string fwhere = where + "." + name_of(fnode);
    Elem fe = with_bases(c, fnode, fwhere);
    auto dim = dim_of(c, fe, fwhere);
    const std::size_t copies = dim.index.empty() ? 1 : dim.index.size();
    for (std::size_t i = 0; i < copies; ++i) {
      Field f;
      f.name = dim.index.empty() ? fe.text("name").value_or("") : expand(fe.text("name").value_or(""), dim.index[i]);
      f.description = fe.text("description").value_or("");
      std::uint64_t lsb = 0, width = 0;
      if (auto off = num_child(c, fe, "bitOffset", fwhere)) {
        lsb = *off;
        width = num_child(c, fe, "bitWidth", fwhere).value_or(1);
      } else if (auto l = num_child(c, fe, "lsb", fwhere)) {
        auto m = num_child(c, fe, "msb", fwhere);
        if (!m || *m < *l) fail(c, fwhere, "<lsb> without a <msb> at or above it");
        lsb = *l, width = *m - *l + 1;
      } else if (auto br = fe.text("bitRange")) {
        unsigned hi = 0, lo = 0;
        if (std::sscanf(br->c_str(), "[%u:%u]", &hi, &lo) != 2 || hi < lo) fail(c, fwhere, "bad bitRange \"" + *br + "\"");
        lsb = lo, width = hi - lo + 1;
      } else {
        fail(c, fwhere, "field has no bit position (bitOffset, lsb/msb or bitRange)");
      }
      lsb += i * dim.increment;
      if (width == 0 || lsb + width > r.size) fail(c, fwhere, "bits " + std::to_string(lsb) + ".." + std::to_string(lsb + width - 1) + " outside the " + std::to_string(r.size) + "-bit register");
      f.lsb = static_cast<unsigned>(lsb);
      f.width = static_cast<unsigned>(width);
      f.access = r.access;
      if (auto a = fe.text("access")) f.access = parse_access(c, *a, fwhere);
      f.modified_write = r.modified_write;
      if (auto m = fe.text("modifiedWriteValues")) f.modified_write = parse_mw(c, *m, fwhere);
      f.read_action = r.read_action;
      if (auto a = fe.text("readAction")) f.read_action = parse_ra(c, *a, fwhere);
      // The enumerated values are those of the nearest element in the derivation chain that has any.
      f.enums = parse_enums(c, Elem{fe.child("enumeratedValues").parent(), {}}, fwhere);
      r.fields.push_back(std::move(f));
    }
  }
  std::sort(r.fields.begin(), r.fields.end(), [](const Field& a, const Field& b) { return a.lsb < b.lsb; });
}

void parse_block(Ctx& c, const Elem& scope, const char* container, const std::string& prefix, std::uint64_t base_offset,
                 const Props& inherited, Peripheral& p, int depth) {
  if (depth > max_cluster_depth) fail(c, p.name, "clusters nested deeper than 32");
  for (auto node : merged_children(scope, container, {"register", "cluster"})) {
    const bool is_cluster = std::string_view(node.name()) == "cluster";
    const std::string where = p.name + "." + prefix + name_of(node);
    Elem e = with_bases(c, node, where);
    const Props props = inherit(c, inherited, e, where);
    auto off = num_child(c, e, "addressOffset", where);
    if (!off) fail(c, where, "no <addressOffset>");
    auto dim = dim_of(c, e, where);
    const std::size_t copies = dim.index.empty() ? 1 : dim.index.size();
    const std::string raw = e.text("name").value_or("");
    if (raw.empty()) fail(c, where, "element without a <name>");
    for (std::size_t i = 0; i < copies; ++i) {
      const std::string nm = dim.index.empty() ? raw : expand(raw, dim.index[i]);
      const std::uint64_t at = base_offset + *off + i * dim.increment;
      if (is_cluster) {
        parse_block(c, e, nullptr, prefix + nm + ".", at, props, p, depth + 1);
        continue;
      }
      if (++c.registers > max_registers) fail(c, where, "more than 1M registers");
      Register r;
      r.name = prefix + nm;
      r.description = e.text("description").value_or("");
      r.offset = at;
      r.size = props.size;
      r.access = props.access;
      r.reset_value = props.reset_value;
      r.reset_mask = props.reset_mask;
      if (auto m = e.text("modifiedWriteValues")) r.modified_write = parse_mw(c, *m, where);
      if (auto a = e.text("readAction")) r.read_action = parse_ra(c, *a, where);
      parse_fields(c, e, r, p.name + "." + r.name);
      p.registers.push_back(std::move(r));
    }
  }
}

Device build(Ctx& c) {
  Device d;
  d.source = c.source;
  Elem dev{c.device, {}};
  d.name = dev.text("name").value_or("");
  d.description = dev.text("description").value_or("");
  const Props dprops = inherit(c, Props{}, dev, "device");
  for (auto pnode : c.device.child("peripherals").children("peripheral")) {
    const std::string where = name_of(pnode);
    Elem e = with_bases(c, pnode, where);
    auto dim = dim_of(c, e, where);
    const std::size_t copies = dim.index.empty() ? 1 : dim.index.size();
    const Props props = inherit(c, dprops, e, where);
    auto base = num_child(c, e, "baseAddress", where);
    if (!base) fail(c, where, "peripheral without <baseAddress>");
    for (std::size_t i = 0; i < copies; ++i) {
      Peripheral p;
      p.name = dim.index.empty() ? e.text("name").value_or("") : expand(e.text("name").value_or(""), dim.index[i]);
      p.description = e.text("description").value_or("");
      p.group = e.text("groupName").value_or("");
      p.base = *base + i * dim.increment;
      // addressBlock: the extent the peripheral decodes (the last block's end).
      auto holder = e.child("addressBlock").parent();
      for (auto b : holder.children("addressBlock")) {
        auto bo = number(b.child("offset").text().as_string()), bs = number(b.child("size").text().as_string());
        if (bo && bs && *bo + *bs >= *bo) p.block_size = std::max(p.block_size, *bo + *bs);
      }
      parse_block(c, e, "registers", "", 0, props, p, 0);
      std::stable_sort(p.registers.begin(), p.registers.end(), [](const Register& a, const Register& b) { return a.offset < b.offset; });
      d.peripherals.push_back(std::move(p));
    }
  }
  return d;
}

}  // namespace

Device parse(std::string_view xml, std::string source) {
  pugi::xml_document doc;
  auto res = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!res)
    throw Error(Errc::parse_error, source, std::string("XML: ") + res.description(), static_cast<std::uint64_t>(res.offset));
  Ctx c{std::move(source), doc.child("device"), 0};
  if (!c.device) fail(c, "", "no <device> element: not a CMSIS-SVD file");
  return build(c);
}

Device load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::not_found, path.string(), "open the SVD file", {}, errno);
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path.string());
}

}  // namespace uiokit::svd
