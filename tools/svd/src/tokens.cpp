// SPDX-License-Identifier: MIT
// Numbers and the enumerated tokens of the CMSIS-SVD schema.
//
// A token spelt exactly as the schema has it is taken silently. One that differs only in letter
// case or in separators ("read-writeonce", "Read/Write", "read_only"), or is one of the short
// forms vendors use ("RW", "RO", "WO", "read", "write"), is unambiguous: it is taken with a
// warning. Anything else is an error.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "reader.hpp"

namespace uiokit::svd::detail {

namespace {
// Lower case without separators: "Read-WriteOnce" -> "readwriteonce".
std::string folded(std::string_view s) {
  std::string out;
  for (char ch : s)
    if (ch != '-' && ch != '_' && ch != ' ' && ch != '/') out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

template <class E>
struct Token {
  std::string_view name;  // as the schema spells it
  E value;
  std::string_view alias = {};  // a folded vendor spelling
};

template <class E, std::size_t N>
E token(Ctx& c, pugi::xml_node at, std::string_view s, const Where& where, const char* what, const Token<E> (&table)[N]) {
  for (const auto& t : table)
    if (s == t.name) return t.value;
  const std::string f = folded(s);
  for (const auto& t : table)
    if (f == folded(t.name) || (!t.alias.empty() && f == t.alias)) {
      warn(c, at, &where, std::string(what) + " \"" + std::string(s) + "\" is not spelt as the schema has it", std::string(t.name));
      return t.value;
    }
  fail(c, &where, "unknown " + std::string(what) + " \"" + std::string(s) + "\"");
}
}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && xml_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && xml_space(s.back())) s.remove_suffix(1);
  return s;
}

// scaledNonNegativeInteger: 0x1F, 0X1F, #0101 or 0b0101 (binary), 31, with an optional
// k/M/G/T scale.
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
  if (v.empty()) return std::nullopt;
  // Digit by digit with the overflow flags: every register and field has a few numbers, and
  // this takes a third fewer instructions than std::from_chars's general loop.
  std::uint64_t out = 0;
  for (const char ch : v) {
    const unsigned lower = static_cast<unsigned char>(ch) | 0x20u;
    unsigned digit = 0;
    if (ch >= '0' && ch <= '9') digit = static_cast<unsigned>(ch - '0');
    else if (lower >= 'a' && lower <= 'f') digit = lower - 'a' + 10;
    else return std::nullopt;
    if (digit >= static_cast<unsigned>(base)) return std::nullopt;
    if (__builtin_mul_overflow(out, static_cast<std::uint64_t>(base), &out) || __builtin_add_overflow(out, digit, &out)) return std::nullopt;
  }
  if (shift && (out >> (64 - shift))) return std::nullopt;
  return out << shift;
}

std::optional<Masked> dont_care_binary(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s[0] == '#') s.remove_prefix(1);
  else if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) s.remove_prefix(2);
  else return std::nullopt;
  if (s.empty() || s.size() > 64 || s.find_first_of("xX") == std::string_view::npos) return std::nullopt;
  Masked m;
  for (char ch : s) {
    if (ch != '0' && ch != '1' && ch != 'x' && ch != 'X') return std::nullopt;
    m.value = (m.value << 1) | (ch == '1');
    m.mask = (m.mask << 1) | (ch == '0' || ch == '1');
  }
  return m;
}

Access parse_access(Ctx& c, pugi::xml_node at, std::string_view s, const Where& where) {
  static constexpr Token<Access> table[] = {
      {"read-only", Access::ro, "ro"},       {"write-only", Access::wo, "wo"},
      {"read-only", Access::ro, "read"},     {"write-only", Access::wo, "write"},
      {"read-write", Access::rw, "rw"},      {"writeOnce", Access::wo_once, "w1"},
      {"read-writeOnce", Access::rw_once, "rw1"}};
  return token(c, at, s, where, "access", table);
}

OnWrite parse_mw(Ctx& c, pugi::xml_node at, std::string_view s, const Where& where) {
  static constexpr Token<OnWrite> table[] = {
      {"oneToClear", OnWrite::one_clears},   {"oneToSet", OnWrite::one_sets},
      {"oneToToggle", OnWrite::one_toggles}, {"zeroToClear", OnWrite::zero_clears},
      {"zeroToSet", OnWrite::zero_sets},     {"zeroToToggle", OnWrite::zero_toggles},
      {"clear", OnWrite::clears},            {"set", OnWrite::sets},
      {"modify", OnWrite::modifies}};
  return token(c, at, s, where, "modifiedWriteValues", table);
}

OnRead parse_ra(Ctx& c, pugi::xml_node at, std::string_view s, const Where& where) {
  static constexpr Token<OnRead> table[] = {{"clear", OnRead::clears},
                                            {"set", OnRead::sets},
                                            {"modify", OnRead::modifies},
                                            {"modifyExternal", OnRead::modifies_external}};
  return token(c, at, s, where, "readAction", table);
}

Usage parse_usage(Ctx& c, pugi::xml_node at, std::string_view s, const Where& where) {
  static constexpr Token<Usage> table[] = {{"read", Usage::read}, {"write", Usage::write}, {"read-write", Usage::read_write}};
  return token(c, at, s, where, "usage", table);
}

namespace {

constexpr std::string_view tag_names[] = {"name", "description", "groupName", "baseAddress", "addressBlock", "registers", "dim", "dimIncrement", "dimIndex", "size", "access", "resetValue", "resetMask", "addressOffset", "modifiedWriteValues", "readAction", "fields", "bitOffset", "bitWidth", "lsb", "msb", "bitRange", "enumeratedValues"};
static_assert(std::size(tag_names) == static_cast<std::size_t>(T::count));

template <std::size_t N>
constexpr bool named(const char* tag, const char (&s)[N]) {
  return std::char_traits<char>::compare(tag, s, N - 1) == 0;
}

// The tag a child's name is, or T::count. By length first: a constant-length compare is a word
// compare or two, not a call.
constexpr T tag_of(const char* tag, std::size_t length) {
  switch (length) {
    case 3: return named(tag, "dim") ? T::dim : named(tag, "lsb") ? T::lsb : named(tag, "msb") ? T::msb : T::count;
    case 4: return named(tag, "name") ? T::name : named(tag, "size") ? T::size : T::count;
    case 6: return named(tag, "access") ? T::access : named(tag, "fields") ? T::fields : T::count;
    case 8: return named(tag, "bitWidth") ? T::bitWidth : named(tag, "dimIndex") ? T::dimIndex : named(tag, "bitRange") ? T::bitRange : T::count;
    case 9:
      return named(tag, "bitOffset") ? T::bitOffset : named(tag, "registers") ? T::registers : named(tag, "resetMask") ? T::resetMask
           : named(tag, "groupName") ? T::groupName : T::count;
    case 10: return named(tag, "resetValue") ? T::resetValue : named(tag, "readAction") ? T::readAction : T::count;
    case 11: return named(tag, "description") ? T::description : named(tag, "baseAddress") ? T::baseAddress : T::count;
    case 12: return named(tag, "addressBlock") ? T::addressBlock : named(tag, "dimIncrement") ? T::dimIncrement : T::count;
    case 13: return named(tag, "addressOffset") ? T::addressOffset : T::count;
    case 16: return named(tag, "enumeratedValues") ? T::enumeratedValues : T::count;
    case 19: return named(tag, "modifiedWriteValues") ? T::modifiedWriteValues : T::count;
    default: return T::count;
  }
}

// Every tag of T is found by tag_of, and as itself.
constexpr bool tag_of_knows_every_tag() {
  for (std::size_t i = 0; i < std::size(tag_names); ++i)
    if (tag_of(tag_names[i].data(), tag_names[i].size()) != static_cast<T>(i)) return false;
  return true;
}
static_assert(tag_of_knows_every_tag());

}  // namespace

Kids gather(pugi::xml_node n) {
  Kids k;
  // Only elements have names among the children the reader's parse keeps (text and CDATA; no
  // comments, processing instructions or declarations: read.cpp's parse flags), and an empty
  // name is no tag: no test of the node's type is needed.
  for (auto ch = n.first_child(); raw(ch); ch = ch.next_sibling()) {
    const char* tag = ch.name();
    const T t = tag_of(tag, std::strlen(tag));
    if (t != T::count && !k.has(t)) k.at[static_cast<std::size_t>(t)] = raw(ch);
  }
  return k;
}

pugi::xml_node Elem::holder(T t) const {
  if (own.has(t)) return node;
  for (const auto& [b, k] : bases)
    if (k.has(t)) return b;
  return {};
}

pugi::xml_node Elem::base_child(T t) const {
  for (const auto& [b, k] : bases)
    if (auto ch = k[t]) return ch;
  return {};
}

std::optional<std::uint64_t> num_child(const Ctx& c, const Elem& e, T tag, const Where& where) {
  auto t = e.text(tag);
  if (!t) return std::nullopt;
  auto v = number(*t);
  if (!v) {
    const Where at{&where, {}, e.child(tag)};
    fail(c, &at, "<" + std::string(e.child(tag).name()) + "> is not a number: \"" + std::string(*t) + "\"");
  }
  return v;
}

}  // namespace uiokit::svd::detail
