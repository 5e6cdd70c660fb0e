// SPDX-License-Identifier: MIT
// Registers, fields and enumerations written out as uiokit/reg declarations. The namespace
// alias uiokit_reg (declared by each header) keeps the lines short.
#include "emit.hpp"

#include <algorithm>
#include <cstdio>

#include "names.hpp"
#include "uiokit/reg/access.hpp"

namespace uiokit::svd2cpp {

namespace {

using reg::Access;
using reg::OnRead;
using reg::OnWrite;

// The declared Access for a model element, its permission limited to `limit` (the register's).
// Write-once and a read with an effect outside the register are kept, so that a generated
// block describes (and dumps) its registers as the SVD file does.
Access access_of(Access a, Access limit = Access::rw) {
  bool rd = reg::can_read(a) && reg::can_read(limit);
  bool wr = reg::can_write(a) && reg::can_write(limit);
  if (!rd && !wr) rd = reg::can_read(limit);  // nothing left: keep what the register allows
  const bool once = wr && reg::write_once(a);
  const Access base = once ? (rd ? Access::rw_once : Access::wo_once)
                      : rd && wr ? Access::rw : rd ? Access::ro : Access::wo;
  return reg::with(base, wr ? reg::on_write(a) : OnWrite::plain, rd ? reg::on_read(a) : OnRead::plain);
}

std::string access_expr(Access a) {
  for (auto named : {Access::ro, Access::wo, Access::rw, Access::w1c, Access::w1s, Access::w1t, Access::rc})
    if (a == named) return "uiokit_reg::Access::" + reg::to_string(a);
  static constexpr const char* writes[] = {"plain",       "one_clears", "one_sets", "one_toggles", "zero_clears",
                                           "zero_sets",   "zero_toggles", "clears",  "sets",        "modifies"};
  static constexpr const char* reads[] = {"plain", "clears", "sets", "modifies", "modifies_external"};
  const bool rd = reg::can_read(a), wr = reg::can_write(a);
  const char* base = reg::write_once(a) ? (rd ? "rw_once" : "wo_once") : rd && wr ? "rw" : rd ? "ro" : "wo";
  return std::string("uiokit_reg::with(uiokit_reg::Access::") + base + ", uiokit_reg::OnWrite::" +
         writes[unsigned(reg::on_write(a))] + ", uiokit_reg::OnRead::" + reads[unsigned(reg::on_read(a))] + ")";
}

const char* word_type(unsigned bits) {
  return bits <= 8 ? "std::uint8_t" : bits <= 16 ? "std::uint16_t" : bits <= 32 ? "std::uint32_t" : "std::uint64_t";
}

class Writer {
 public:
  explicit Writer(std::string where) : where_(std::move(where)) {}
  Emitted out;

  void cluster(const Cluster& c, const std::string& indent, const std::string& prefix, Scope& scope,
               const std::string& svd_path) {
    for (const auto& sub : c.clusters) {
      const std::string id = scope.take(sub->svd_name, "cluster " + svd_path + sub->svd_name);
      out.members += indent + "struct " + id + " {  // cluster\n";
      Scope inner(where_ + " cluster " + sub->svd_name, id);
      cluster(*sub, indent + "  ", prefix + id + "::", inner, svd_path + sub->svd_name + ".");
      out.members += indent + "};\n";
    }
    for (const auto& m : c.members) member(m, indent, prefix, scope);
  }

 private:
  void member(const Member& m, const std::string& indent, const std::string& prefix, Scope& scope) {
    const svd::Register& r = *m.reg;
    const std::string id = scope.take(m.svd_name, "register " + m.pattern);
    std::string type = id;
    if (!m.dims.empty()) {
      type = id + "_element";
      scope.claim(type, "the element type of " + m.pattern);
    }
    const std::string desc = comment(r.description, 100);
    if (!desc.empty()) out.members += indent + "// " + desc + "\n";
    std::string name = m.pattern;
    name.erase(std::remove(name.begin(), name.end(), '%'), name.end());
    for (std::size_t p; (p = name.find("[s]")) != std::string::npos;) name.replace(p, 3, "[]");
    const Access ra = access_of(r.access);
    const std::uint64_t mask = r.reset_mask & r.value_mask();
    out.members += indent + "struct " + type + " : uiokit_reg::Reg<" + literal(name) + ", " + hexs(r.offset) + ", " +
                   word_type(r.size) + ", " + access_expr(ra);
    if (mask != 0 || m.alternate) {
      out.members += ", uiokit_reg::RegOptions{.reset = " + hexs(r.reset_value & mask) + ", .reset_mask = " + hexs(mask);
      if (m.alternate) out.members += ", .alternate = true";
      out.members += "}";
    }
    out.members += "> {\n";
    fields(r, ra, mask, indent + "  ", "register " + m.pattern, type);
    out.members += indent + "};\n";
    if (!m.dims.empty()) {
      std::string arr = type;
      for (std::size_t k = m.dims.size(); k-- > 0;) {
        arr = "uiokit_reg::Array<" + arr + ", " + std::to_string(m.dims[k].count) + ", " + hexs(m.dims[k].stride);
        arr += k == 0 ? ", " + literal(m.pattern) + ">" : ">";
      }
      out.members += indent + "using " + id + " = " + arr + ";\n";
    }
    if (!out.list.empty()) out.list += ", ";
    out.list += prefix + id;
    std::uint64_t extent = r.bytes();
    for (std::size_t k = m.dims.size(); k-- > 0;) extent += (m.dims[k].count - 1) * m.dims[k].stride;
    out.size = std::max(out.size, static_cast<std::size_t>(r.offset + extent));
  }

  void fields(const svd::Register& r, Access ra, std::uint64_t reset_mask, const std::string& indent,
              const std::string& what, const std::string& owner) {
    if (r.fields.empty()) return;
    Scope scope(where_ + " " + what, owner);
    std::string list;
    for (const auto& f : r.fields) {
      const std::string id = scope.take(f.name, "field " + f.name);
      const Access fa = access_of(f.access, ra);
      const std::string acc = fa == ra ? "uiokit_reg::Access::inherit" : access_expr(fa);
      const std::uint64_t reset = (reset_mask & f.mask()) == f.mask() ? f.extract(r.reset_value) : 0;
      const std::string desc = comment(f.description, 100);
      const std::string tail = desc.empty() ? "\n" : "  // " + desc + "\n";
      const std::string en = enums(f, id, indent, scope);
      if (!en.empty()) {
        out.members += indent + "using " + id + " = uiokit_reg::EnumField<" + literal(f.name) + ", " +
                       std::to_string(f.lsb) + ", " + std::to_string(f.width) + ", " + en + ", " + acc + ", " +
                       hexs(reset) + ">;" + tail;
      } else if (fa == ra && reset == 0) {
        out.members += indent + "using " + id + " = uiokit_reg::Field<" + literal(f.name) + ", " + std::to_string(f.lsb) +
                       ", " + std::to_string(f.width) + ">;" + tail;
      } else {
        out.members += indent + "using " + id + " = uiokit_reg::Field<" + literal(f.name) + ", " + std::to_string(f.lsb) +
                       ", " + std::to_string(f.width) + ", " + acc + ", uiokit_reg::Encoding::plain, void, " +
                       hexs(reset) + ">;" + tail;
      }
      list += (list.empty() ? "" : ", ") + id;
    }
    out.members += indent + "using fields = uiokit_reg::Fields<" + list + ">;\n";
  }

  // Declares `enum class ID_values` and its enumerators() for dumps; returns the enum's name, or
  // "" when the field has no value that can be one enumerator.
  std::string enums(const svd::Field& f, const std::string& id, const std::string& indent, Scope& scope) {
    const std::uint64_t bits = reg::ones(f.width);
    std::vector<std::pair<std::string, const svd::EnumValue*>> values;
    Scope names(where_ + " field " + f.name);
    std::map<std::string, std::uint64_t> seen;
    for (const auto& e : f.enums) {
      if (e.is_default || (e.mask & bits) != bits || e.value > bits) continue;
      const std::string n = mangle(e.name);
      if (auto it = seen.find(n); it != seen.end()) {
        if (it->second == e.value) continue;  // the same value listed for reading and for writing
      }
      names.claim(n, "enumerated value " + e.name);
      seen.emplace(n, e.value);
      values.emplace_back(n, &e);
    }
    if (values.empty()) return "";
    const std::string type = id + "_values";
    scope.claim(type, "the enumeration of field " + f.name);
    const char* under = f.width <= 8 ? "std::uint8_t" : f.width <= 16 ? "std::uint16_t" : f.width <= 32 ? "std::uint32_t" : "std::uint64_t";
    out.members += indent + "enum class " + type + " : " + under + " {";
    std::string table;
    for (std::size_t i = 0; i < values.size(); ++i) {
      out.members += (i ? ", " : " ") + values[i].first + " = " + hexs(values[i].second->value);
      table += std::string(i ? ", " : "") + "E{T::" + values[i].first + ", " + literal(values[i].second->name) + "}";
    }
    out.members += " };\n" + indent + "friend constexpr auto enumerators(" + type + ") {\n" + indent + "  using T = " +
                   type + ";\n" + indent + "  using E = uiokit_reg::Enumerator<T>;\n" + indent +
                   "  return std::array{" + table + "};\n" + indent + "}\n";
    return type;
  }

  std::string where_;
};

}  // namespace

Emitted emit_peripheral(const svd::Peripheral& p, const Cluster& tree, const std::string& where,
                        const std::string& id) {
  Writer w(where);
  Scope scope(where, id);
  scope.claim("base_address", "the base address");
  scope.claim("block", "the register block");
  w.cluster(tree, "  ", "", scope, "");
  w.out.size = std::max(w.out.size, static_cast<std::size_t>(p.block_size));
  return std::move(w.out);
}

}  // namespace uiokit::svd2cpp
