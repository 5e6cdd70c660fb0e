// SPDX-License-Identifier: MIT
// Identifiers and text for generated code: mangling (svd2cpp.hpp states the rule), uniqueness
// per C++ scope, string literals and one-line comments.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "uiokit/svd2cpp/svd2cpp.hpp"

namespace uiokit::svd2cpp {

std::string lower(std::string s);
std::string hexs(std::uint64_t v);                         // 0x1f
std::string literal(std::string_view s);                    // a C++ string literal
std::string comment(std::string_view text, std::size_t max);  // one line, safe after //

// The names given out in one C++ scope (a namespace, a peripheral, a cluster, a register).
class Scope {
 public:
  // `owner`: the enclosing struct's name, which C++ forbids a member to have (gets a '_').
  explicit Scope(std::string where, std::string owner = {}) : where_(std::move(where)), owner_(std::move(owner)) {}
  // The mangled name for an SVD element; throws Error(parse_error) if the scope has it already.
  // `what` names the SVD element in that message ("register CR1").
  std::string take(std::string_view svd_name, const std::string& what);
  void claim(const std::string& id, const std::string& what);

 private:
  std::string where_, owner_;
  std::map<std::string, std::string> used_;
};

}  // namespace uiokit::svd2cpp
