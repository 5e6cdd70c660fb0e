// SPDX-License-Identifier: MIT
// `uiokit reg read`, `write`, `modify` and `dump` over a Session (reg_session.hpp), printing to stdout
// with stdio alone: the `uiokit` program runs them for its one-shot command lines before any
// command-line library is loaded (one_shot.hpp), and `uiokit-tool` from its `reg` subcommands.
// Every check (name, access, value fit, window) runs before the first store, so a refused
// command writes nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reg_print.hpp"
#include "reg_session.hpp"

namespace uiokit::cli {

// Prints `j` when the options ask for JSON.
void emit(const RegOptions& o, const json& j);

void reg_read(Session& s, const std::vector<std::string>& targets);
void reg_write(Session& s, const std::string& target, const std::string& value_text);
void reg_modify(Session& s, const std::string& target, const std::string& set_text, const std::string& clear_text,
                const std::vector<std::string>& assignments);
// `target`: a peripheral or register by name (every peripheral when empty and there is an SVD
// description), or the offset a raw dump of `length` bytes starts at (reg_dump.cpp).
void reg_dump(Session& s, const std::string& target, std::uint64_t length);

}  // namespace uiokit::cli
