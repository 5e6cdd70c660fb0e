// SPDX-License-Identifier: MIT
// The naming rule of svd2cpp.hpp, and the per-scope uniqueness check.
#include "names.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "uiokit/error.hpp"

namespace uiokit::svd2cpp {

namespace {
// C++20 keywords and alternative tokens, then the members of the DSL's types that a nested
// register, field or enum type of the same name would hide.
constexpr std::array<std::string_view, 121> reserved{
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
    "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
    "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
    "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
    "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
    "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
    "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
    "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
    "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
    "std", "uiokit", "uiokit_reg", "NULL",
    // uiokit::reg members: Reg, Array, At, Field, and the generated peripheral struct
    "word", "fields", "name", "offset", "access", "endian", "bits", "reset", "reset_mask", "alternate",
    "element", "count", "stride", "name_pattern", "at", "array_root", "block", "base_address", "value_type",
    "enum_type", "lsb", "width", "encoding", "mask", "enumerators"};
}  // namespace

std::string mangle(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 1);
  for (char c : name) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
    const char m = ok ? c : '_';
    if (m == '_' && !out.empty() && out.back() == '_') continue;
    out += m;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0])) != 0) out.insert(out.begin(), '_');
  if (std::find(reserved.begin(), reserved.end(), out) != reserved.end()) out += '_';
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Scope::take(std::string_view svd_name, const std::string& what) {
  std::string id = mangle(svd_name);
  if (id == owner_) id += '_';
  claim(id, what);
  return id;
}

void Scope::claim(const std::string& id, const std::string& what) {
  auto [it, fresh] = used_.emplace(id, what);
  if (!fresh)
    throw Error(Errc::parse_error, where_,
                what + " and " + it->second + " are both named " + id + " in C++ (names are mangled: see svd2cpp.hpp)");
}

std::string hexs(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string literal(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    out += c;
  }
  return out + '"';
}

std::string comment(std::string_view text, std::size_t max) {
  std::string out;
  for (char c : text) {
    if (out.size() >= max) break;
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\\')) out.pop_back();
  return out;
}

}  // namespace uiokit::svd2cpp
