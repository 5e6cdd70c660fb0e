// SPDX-License-Identifier: MIT
// Reading a flattened device tree with libfdt; see uiokit/fdt/tree.hpp for the model.
#include "uiokit/fdt/tree.hpp"

#include <libfdt.h>

#include <algorithm>
#include <cerrno>
#include <iterator>
#include <limits>

#include "../text_file.hpp"

namespace uiokit::fdt {

namespace {

std::uint32_t be32(const std::uint8_t* p) noexcept {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

// Joins `count` cells into one number; more than two cells keep the low 64 bits, which is
// enough for every bus whose upper cells are flags or must match (PCI's phys.hi).
std::uint64_t join(const std::vector<std::uint32_t>& c, std::size_t at, std::size_t count) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < count; ++i) v = (v << 32) | c[at + i];
  return v;
}

// Device trees are small (hundreds of KiB); a larger file is not a tree.
constexpr std::size_t max_blob = 64u << 20;
// Bound on interrupt-map hops and ancestor walks, so a cyclic phandle cannot loop.
constexpr int max_hops = 64;

}  // namespace

std::string Interrupt::describe() const {
  std::string s = controller + ": <";
  for (std::size_t i = 0; i < specifier.size(); ++i) s += (i ? " " : "") + std::to_string(specifier[i]);
  return s + ">";
}

void Tree::fail(int err, std::string_view what) const {
  throw Error(Errc::fdt_error, source_, std::string(what) + ": " + fdt_strerror(err));
}

void Tree::check() {
  if (bytes_.size() < sizeof(fdt_header))
    throw Error(Errc::fdt_error, source_, "too short for a device tree header (" + std::to_string(bytes_.size()) + " bytes)");
  if (int err = fdt_check_header(blob()); err != 0) fail(err, "bad header");
  if (fdt_totalsize(blob()) > bytes_.size())
    throw Error(Errc::fdt_error, source_, "header says " + std::to_string(fdt_totalsize(blob())) +
                                              " bytes but the file has " + std::to_string(bytes_.size()));
  if (int err = fdt_check_full(blob(), bytes_.size()); err != 0) fail(err, "malformed tree");
  // fdt_check_full accepts a node name containing '/' and two siblings of one name; either
  // makes path() ambiguous: the path printed for a node (by `uiokit list`, in messages) would
  // lead nowhere or to another node. Both are refused as malformed: neither is a valid tree
  // (the spec's node-name characters exclude '/', and dtc merges same-named siblings).
  std::vector<std::pair<int, std::string_view>> named;  // (parent offset, name), sorted below
  std::vector<int> parents{-1};
  for (int off = 0, depth = 0; off >= 0 && depth >= 0;) {
    int len = 0;
    const char* name = fdt_get_name(blob(), off, &len);
    if (name == nullptr || len < 0) fail(len, "node name");
    const std::string_view nm(name, static_cast<std::size_t>(len));
    if (nm.find('/') != std::string_view::npos)
      throw Error(Errc::fdt_error, source_, "node name \"" + std::string(nm) + "\" contains '/'");
    parents.resize(static_cast<std::size_t>(depth) + 1);
    named.emplace_back(parents[static_cast<std::size_t>(depth)], nm);
    parents_.emplace_back(off, parents[static_cast<std::size_t>(depth)]);
    parents.push_back(off);
    // (fdt_next_node returns a positive offset past the root once depth drops below 0.)
    off = fdt_next_node(blob(), off, &depth);
  }
  std::sort(named.begin(), named.end());
  if (auto d = std::adjacent_find(named.begin(), named.end()); d != named.end())
    throw Error(Errc::fdt_error, source_, "two sibling nodes named \"" + std::string(d->second) + "\"");
}

Tree Tree::from_bytes(std::span<const std::uint8_t> bytes, std::string source) {
  Tree t;
  t.source_ = std::move(source);
  if (bytes.size() > max_blob) throw Error(Errc::fdt_error, t.source_, "larger than any device tree (over 64 MiB)");
  t.bytes_.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  t.check();
  return t;
}

Tree Tree::from_file(const std::filesystem::path& path) {
  auto bytes = detail::read_file(path, max_blob);
  const int err = errno;
  if (!bytes && err == EFBIG) throw Error(Errc::fdt_error, path.string(), "larger than any device tree (over 64 MiB)");
  if (!bytes) throw Error(Errc::not_found, path.string(), "read the device tree", {}, err);
  Tree t;
  t.source_ = path.string();
  t.bytes_ = std::move(*bytes);  // read_file kept it within max_blob
  t.check();
  return t;
}

Tree Tree::running_system() {
  const std::filesystem::path p = "/sys/firmware/fdt";
  if (!std::filesystem::exists(p))
    throw Error(Errc::not_found, p.string(), "read the running system's device tree", {}, 0,
                "this system did not boot with a device tree (x86); pass a .dtb file with --dtb");
  return from_file(p);
}

// libfdt's fdt_path_offset lets a component without a unit address match "name@addr" and
// takes the first such sibling in the blob, so "/bus/rtc" would go into "bus@40000000" when a
// sibling is named exactly "bus", and a path that path() printed would lead elsewhere. Here an
// exact name wins, and the shorthand is the fallback.
std::optional<Node> Tree::find_path(std::string_view path) const {
  if (path.empty() || path.front() != '/') {  // an alias: libfdt resolves those
    const int off = fdt_path_offset_namelen(blob(), path.data(), static_cast<int>(path.size()));
    if (off < 0) return std::nullopt;
    return Node{off};
  }
  int off = 0;
  for (std::size_t pos = 1; pos < path.size();) {
    const auto slash = path.find('/', pos);
    const auto comp = path.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
    pos = slash == std::string_view::npos ? path.size() : slash + 1;
    if (comp.empty()) continue;
    int exact = -1, shorthand = -1;
    for (int child = fdt_first_subnode(blob(), off); child >= 0 && exact < 0; child = fdt_next_subnode(blob(), child)) {
      int len = 0;
      const char* name = fdt_get_name(blob(), child, &len);
      if (name == nullptr || len < 0) continue;
      const std::string_view nm(name, static_cast<std::size_t>(len));
      if (nm == comp)
        exact = child;
      else if (shorthand < 0 && comp.find('@') == std::string_view::npos && nm.size() > comp.size() &&
               nm.starts_with(comp) && nm[comp.size()] == '@')
        shorthand = child;
    }
    off = exact >= 0 ? exact : shorthand;
    if (off < 0) return std::nullopt;
  }
  return Node{off};
}

std::vector<Node> Tree::find_compatible(std::string_view compatible) const {
  std::vector<Node> out;
  const std::string c(compatible);
  for (int off = fdt_node_offset_by_compatible(blob(), -1, c.c_str()); off >= 0;
       off = fdt_node_offset_by_compatible(blob(), off, c.c_str()))
    out.push_back(Node{off});
  return out;
}

std::optional<Node> Tree::find_phandle(std::uint32_t phandle) const {
  if (phandle == 0 || phandle == 0xffffffffu) return std::nullopt;
  int off = fdt_node_offset_by_phandle(blob(), phandle);
  if (off < 0) return std::nullopt;
  return Node{off};
}

// From the table check() built: libfdt's fdt_parent_offset walks the tree from the root every
// time, which made reg(), path() and interrupts() quadratic in the tree's size (a 40 KB fuzz
// input took seconds; a hostile large blob would take hours).
std::optional<Node> Tree::parent(Node n) const {
  if (n.offset <= 0) return std::nullopt;
  auto it = std::lower_bound(parents_.begin(), parents_.end(), std::pair<int, int>{n.offset, std::numeric_limits<int>::min()});
  if (it == parents_.end() || it->first != n.offset || it->second < 0) return std::nullopt;
  return Node{it->second};
}

std::vector<Node> Tree::children(Node n) const {
  std::vector<Node> out;
  int off;
  fdt_for_each_subnode(off, blob(), n.offset) out.push_back(Node{off});
  return out;
}

std::vector<Node> Tree::all_nodes() const {
  std::vector<Node> out;
  int depth = 0;
  for (int off = 0; off >= 0 && depth >= 0; off = fdt_next_node(blob(), off, &depth)) out.push_back(Node{off});
  return out;
}

std::string Tree::name(Node n) const {
  int len = 0;
  const char* s = fdt_get_name(blob(), n.offset, &len);
  if (!s) fail(len, "node name");
  return std::string(s, static_cast<std::size_t>(len));
}

std::string Tree::path(Node n) const {
  std::string buf(256, '\0');
  for (;;) {
    int err = fdt_get_path(blob(), n.offset, buf.data(), static_cast<int>(buf.size()));
    if (err == 0) {
      buf.resize(buf.find('\0'));
      return buf;
    }
    if (err != -FDT_ERR_NOSPACE || buf.size() > (1u << 16)) fail(err, "node path");
    buf.resize(buf.size() * 4);
  }
}

std::optional<std::span<const std::uint8_t>> Tree::property(Node n, std::string_view prop) const {
  int len = 0;
  const void* p = fdt_getprop_namelen(blob(), n.offset, prop.data(), static_cast<int>(prop.size()), &len);
  if (!p || len < 0) return std::nullopt;
  return std::span<const std::uint8_t>(static_cast<const std::uint8_t*>(p), static_cast<std::size_t>(len));
}

std::optional<std::string> Tree::string_property(Node n, std::string_view prop) const {
  auto list = string_list(n, prop);
  if (list.empty()) return std::nullopt;
  return list.front();
}

std::vector<std::string> Tree::string_list(Node n, std::string_view prop) const {
  std::vector<std::string> out;
  auto p = property(n, prop);
  if (!p) return out;
  // A string list is NUL-terminated strings back to back; a missing final NUL ends it anyway.
  auto it = p->begin();
  while (it != p->end()) {
    auto end = std::find(it, p->end(), std::uint8_t{0});
    out.emplace_back(it, end);
    it = end == p->end() ? end : end + 1;
  }
  return out;
}

std::optional<std::uint32_t> Tree::u32_property(Node n, std::string_view prop) const {
  auto p = property(n, prop);
  if (!p || p->size() != 4) return std::nullopt;
  return be32(p->data());
}

std::vector<std::uint32_t> Tree::cells(Node n, std::string_view prop) const {
  std::vector<std::uint32_t> out;
  auto p = property(n, prop);
  if (!p) return out;
  out.reserve(p->size() / 4);
  for (std::size_t i = 0; i + 4 <= p->size(); i += 4) out.push_back(be32(p->data() + i));
  return out;
}

bool Tree::enabled(Node n) const {
  auto s = string_property(n, "status");
  return !s || *s == "okay" || *s == "ok";
}

namespace {
// #address-cells / #size-cells of a bus node, with the specification's defaults (2 and 1).
std::uint32_t address_cells(const Tree& t, Node bus) { return t.u32_property(bus, "#address-cells").value_or(2); }
std::uint32_t size_cells(const Tree& t, Node bus) { return t.u32_property(bus, "#size-cells").value_or(1); }
bool sane_cells(std::uint32_t c) { return c <= 4; }
}  // namespace

std::optional<std::uint64_t> Tree::translate(Node bus, std::uint64_t address) const {
  // Walk up: at each step `bus` is the node whose children's space `address` is in.
  for (int hop = 0; hop < max_hops; ++hop) {
    auto up = parent(bus);
    if (!up) return address;  // bus is the root: its children's space is the CPU's
    auto ranges = property(bus, "ranges");
    if (!ranges) return std::nullopt;  // no ranges: the children are not memory-mapped
    if (ranges->empty()) {              // ranges; : identity
      bus = *up;
      continue;
    }
    const std::uint32_t ca = address_cells(*this, bus), pa = address_cells(*this, *up), cs = size_cells(*this, bus);
    if (!sane_cells(ca) || !sane_cells(pa) || !sane_cells(cs) || ca == 0)
      throw Error(Errc::fdt_error, source_, path(bus) + ": unusable #address-cells/#size-cells for ranges");
    const auto c = cells(bus, "ranges");
    const std::size_t entry = ca + pa + cs;
    bool found = false;
    for (std::size_t i = 0; i + entry <= c.size(); i += entry) {
      const std::uint64_t child = join(c, i, ca), par = join(c, i + ca, pa), size = join(c, i + ca + pa, cs);
      if (address >= child && address - child < size) {
        address = par + (address - child);
        found = true;
        break;
      }
    }
    if (!found) return std::nullopt;
    bus = *up;
  }
  throw Error(Errc::fdt_error, source_, "tree deeper than " + std::to_string(max_hops) + " levels");
}

std::vector<RegEntry> Tree::reg(Node n) const {
  std::vector<RegEntry> out;
  auto bus = parent(n);
  if (!bus) return out;
  const std::uint32_t ca = address_cells(*this, *bus), cs = size_cells(*this, *bus);
  if (!sane_cells(ca) || !sane_cells(cs) || ca == 0)
    throw Error(Errc::fdt_error, source_, path(*bus) + ": unusable #address-cells/#size-cells");
  const auto c = cells(n, "reg");
  const auto names = string_list(n, "reg-names");
  for (std::size_t i = 0; i + ca + cs <= c.size(); i += ca + cs) {
    RegEntry e;
    e.bus = join(c, i, ca);
    e.size = join(c, i + ca, cs);
    e.cpu = translate(*bus, e.bus);
    if (out.size() < names.size()) e.name = names[out.size()];
    out.push_back(std::move(e));
  }
  return out;
}

namespace {

// Follows interrupt-map nexuses from `parent` until an interrupt-controller.
// `unit` is the child's unit address (its first reg cells), used to match map entries.
Interrupt resolve(const Tree& t, Node child, Node parent, std::vector<std::uint32_t> spec) {
  std::vector<std::uint32_t> unit;
  {
    auto bus = t.parent(child);
    const std::uint32_t ca = bus ? t.u32_property(*bus, "#address-cells").value_or(2) : 0;
    // A hostile #address-cells (any 32-bit value) must not size the unit address below.
    if (!sane_cells(ca)) throw Error(Errc::fdt_error, t.source(), t.path(*bus) + ": unusable #address-cells");
    auto reg = t.cells(child, "reg");
    for (std::uint32_t i = 0; i < ca && i < reg.size(); ++i) unit.push_back(reg[i]);
    unit.resize(ca, 0);
  }
  for (int hop = 0; hop < max_hops; ++hop) {
    if (t.property(parent, "interrupt-controller") || !t.property(parent, "interrupt-map")) {
      Interrupt irq;
      irq.controller = t.path(parent);
      irq.controller_compatible = t.string_property(parent, "compatible").value_or("");
      irq.specifier = std::move(spec);
      return irq;
    }
    // interrupt-map: <child unit (nexus #address-cells), child spec (nexus #interrupt-cells),
    //                 parent phandle, parent unit (parent's #address-cells), parent spec>
    const std::uint32_t na = t.u32_property(parent, "#address-cells").value_or(0);
    const std::uint32_t ni = t.u32_property(parent, "#interrupt-cells").value_or(1);
    if (na > 4 || ni > 8) throw Error(Errc::fdt_error, t.source(), t.path(parent) + ": unusable cell counts in interrupt-map");
    std::vector<std::uint32_t> key = unit;
    key.resize(na, 0);
    key.insert(key.end(), spec.begin(), spec.end());
    key.resize(na + ni, 0);
    auto mask = t.cells(parent, "interrupt-map-mask");
    mask.resize(na + ni, 0xffffffffu);
    for (std::size_t i = 0; i < key.size(); ++i) key[i] &= mask[i];
    const auto map = t.cells(parent, "interrupt-map");
    bool matched = false;
    for (std::size_t i = 0; i + na + ni + 1 <= map.size();) {
      bool eq = true;
      for (std::size_t k = 0; k < na + ni; ++k) eq = eq && (map[i + k] & mask[k]) == key[k];
      auto next = t.find_phandle(map[i + na + ni]);
      if (!next) throw Error(Errc::fdt_error, t.source(), t.path(parent) + ": interrupt-map names a missing phandle");
      const std::uint32_t pa = t.u32_property(*next, "#address-cells").value_or(0);
      const std::uint32_t pi = t.u32_property(*next, "#interrupt-cells").value_or(1);
      if (pa > 4 || pi > 8) throw Error(Errc::fdt_error, t.source(), t.path(*next) + ": unusable cell counts");
      const std::size_t start = i + na + ni + 1, end = start + pa + pi;
      if (end > map.size()) break;
      if (eq) {
        unit.assign(map.begin() + static_cast<std::ptrdiff_t>(start), map.begin() + static_cast<std::ptrdiff_t>(start + pa));
        spec.assign(map.begin() + static_cast<std::ptrdiff_t>(start + pa), map.begin() + static_cast<std::ptrdiff_t>(end));
        parent = *next;
        matched = true;
        break;
      }
      i = end;
    }
    if (!matched) throw Error(Errc::fdt_error, t.source(), t.path(parent) + ": no interrupt-map entry for " + t.path(child));
  }
  throw Error(Errc::fdt_error, t.source(), "interrupt routing of " + t.path(child) + " does not end");
}

}  // namespace

std::vector<Interrupt> Tree::interrupts(Node n) const {
  std::vector<Interrupt> out;
  if (auto ext = property(n, "interrupts-extended")) {
    const auto c = cells(n, "interrupts-extended");
    for (std::size_t i = 0; i < c.size();) {
      auto ctl = find_phandle(c[i]);
      if (!ctl) throw Error(Errc::fdt_error, source_, path(n) + ": interrupts-extended names a missing phandle");
      const std::uint32_t ni = u32_property(*ctl, "#interrupt-cells").value_or(1);
      if (ni > 8 || i + 1 + ni > c.size()) throw Error(Errc::fdt_error, source_, path(n) + ": truncated interrupts-extended");
      std::vector<std::uint32_t> spec(c.begin() + static_cast<std::ptrdiff_t>(i + 1), c.begin() + static_cast<std::ptrdiff_t>(i + 1 + ni));
      out.push_back(resolve(*this, n, *ctl, std::move(spec)));
      i += 1 + ni;
    }
    return out;
  }
  const auto c = cells(n, "interrupts");
  if (c.empty()) return out;
  // As Linux's of_irq_find_parent: follow interrupt-parent if the node has one, else go to the
  // parent node, until a node with #interrupt-cells (a controller or a nexus).
  std::optional<Node> ip = n;
  for (int hop = 0;; ++hop) {
    if (hop >= max_hops) throw Error(Errc::fdt_error, source_, path(n) + ": interrupt parent chain does not end");
    auto ph = u32_property(*ip, "interrupt-parent");
    ip = ph ? find_phandle(*ph) : parent(*ip);
    if (!ip || property(*ip, "#interrupt-cells")) break;
  }
  if (!ip) throw Error(Errc::fdt_error, source_, path(n) + ": has interrupts but no interrupt parent");
  const std::uint32_t ni = u32_property(*ip, "#interrupt-cells").value_or(1);
  if (ni == 0 || ni > 8) throw Error(Errc::fdt_error, source_, path(*ip) + ": unusable #interrupt-cells");
  for (std::size_t i = 0; i + ni <= c.size(); i += ni) {
    std::vector<std::uint32_t> spec(c.begin() + static_cast<std::ptrdiff_t>(i), c.begin() + static_cast<std::ptrdiff_t>(i + ni));
    out.push_back(resolve(*this, n, *ip, std::move(spec)));
  }
  return out;
}

Node select(const Tree& tree, std::string_view selector, std::optional<unsigned> index) {
  auto starts = [&](std::string_view p) { return selector.substr(0, p.size()) == p; };
  if (starts("compatible=")) {
    auto c = selector.substr(11);
    auto nodes = tree.find_compatible(c);
    if (nodes.empty())
      throw Error(Errc::not_found, tree.source(), "no node is compatible with \"" + std::string(c) + "\"");
    auto listing = [&] {
      std::string s;
      for (std::size_t i = 0; i < nodes.size(); ++i) s += (i ? ", " : "") + tree.path(nodes[i]) + " #" + std::to_string(i);
      return std::to_string(nodes.size()) + " nodes are compatible with \"" + std::string(c) + "\" (" + s + ")";
    };
    if (!index && nodes.size() > 1)
      throw Error(Errc::invalid_argument, tree.source(), listing() + ": add #N to say which");
    if (index && *index >= nodes.size())
      throw Error(Errc::not_found, tree.source(), listing() + ", no #" + std::to_string(*index));
    return nodes[index.value_or(0)];
  }
  if (starts("phandle=")) {
    const std::string v(selector.substr(8));
    std::size_t used = 0;
    unsigned long ph = 0;
    try { ph = std::stoul(v, &used, 0); } catch (const std::exception&) { used = 0; }
    if (used != v.size() || ph > 0xffffffffu) throw Error(Errc::parse_error, std::string(selector), "phandle is not a number");
    auto n = tree.find_phandle(static_cast<std::uint32_t>(ph));
    if (!n) throw Error(Errc::not_found, tree.source(), "no node has phandle " + v);
    return *n;
  }
  auto n = tree.find_path(selector);
  if (!n) throw Error(Errc::not_found, tree.source(), "no node at path " + std::string(selector));
  return *n;
}

}  // namespace uiokit::fdt
