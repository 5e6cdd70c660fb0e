// SPDX-License-Identifier: MIT
#include "uiokit/svd/lookup.hpp"

#include <algorithm>
#include <cctype>

#include "uiokit/error.hpp"

namespace uiokit::svd {

std::string Target::name() const {
  std::string s = peripheral ? peripheral->name : "";
  if (reg) s += "." + reg->name;
  if (field) s += "." + field->name;
  return s;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::vector<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates, std::size_t count) {
  std::vector<std::pair<std::size_t, const std::string*>> scored;
  scored.reserve(candidates.size());
  for (const auto& c : candidates) scored.emplace_back(edit_distance(word, c), &c);
  std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && out.size() < count; ++i) out.push_back(*scored[i].second);
  return out;
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

namespace {

template <class T, class NameOf>
const T* pick(const std::vector<T>& items, std::string_view want, NameOf name_of) {
  for (const auto& i : items)
    if (name_of(i) == want) return &i;
  for (const auto& i : items)
    if (iequal(name_of(i), want)) return &i;
  return nullptr;
}

// rest: "REG", "REG.FIELD", "CL[0].REG.FIELD"
bool resolve_in(const Peripheral& p, std::string_view rest, Target& t) {
  t.peripheral = &p;
  if (rest.empty()) return true;
  auto rname = [](const Register& r) -> std::string_view { return r.name; };
  if (const auto* r = pick(p.registers, rest, rname)) {
    t.reg = r;
    return true;
  }
  auto dot = rest.rfind('.');
  if (dot == std::string_view::npos) return false;
  const auto* r = pick(p.registers, rest.substr(0, dot), rname);
  if (!r) return false;
  const auto* f = pick(r->fields, rest.substr(dot + 1), [](const Field& x) -> std::string_view { return x.name; });
  if (!f) return false;
  t.reg = r;
  t.field = f;
  return true;
}

std::vector<std::string> all_names(const Device& d) {
  std::vector<std::string> out;
  for (const auto& p : d.peripherals) {
    out.push_back(p.name);
    for (const auto& r : p.registers) {
      out.push_back(p.name + "." + r.name);
      for (const auto& f : r.fields) out.push_back(p.name + "." + r.name + "." + f.name);
      if (d.peripherals.size() == 1) {
        out.push_back(r.name);
        for (const auto& f : r.fields) out.push_back(r.name + "." + f.name);
      }
    }
  }
  return out;
}

}  // namespace

std::optional<Target> find_in(const Peripheral& p, std::string_view rest) {
  Target t;
  if (resolve_in(p, rest, t)) return t;
  return std::nullopt;
}

Target find(const Device& d, std::string_view name) {
  Target t;
  auto dot = name.find('.');
  const auto head = name.substr(0, dot);
  const auto rest = dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
  if (const auto* p = pick(d.peripherals, head, [](const Peripheral& x) -> std::string_view { return x.name; }))
    if (resolve_in(*p, rest, t)) return t;
  // One peripheral: its name may be left out.
  if (d.peripherals.size() == 1 && resolve_in(d.peripherals[0], name, t)) return t;
  std::string hint;
  for (const auto& n : nearest(name, all_names(d))) hint += (hint.empty() ? "did you mean " : ", ") + n;
  throw Error(Errc::not_found, std::string(name), "no such register or field in " + (d.name.empty() ? d.source : d.name),
              {}, 0, hint.empty() ? "" : hint + "?");
}

}  // namespace uiokit::svd
