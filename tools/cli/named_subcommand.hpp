// SPDX-License-Identifier: MIT
// Which subcommand of an app a command line names, read before CLI11 parses it, so that only
// that subcommand need be set up (setting one up costs more than the register access the
// program exists for; command.hpp).
//
// The app's own options are set up already; the words are those after the app's name. A word
// that is an option's value is skipped as CLI11 takes it (--device X, --device=X, -dX), and
// the first other word is the answer. Whatever this does not read exactly as CLI11 does gives
// no answer, and the caller sets up every subcommand: "--", an option unknown to the app
// (one of a parent's, a typo), a cluster of short flags (-nv), an option taking other than one
// value, or no word at all.
//
// The rules are CLI11's (App::_recognize, App::_parse_arg): an option whose value count is
// exactly one takes the next word whatever it looks like, a flag takes none. Inline: a file of
// its own would construct CLI11's validators once more at start-up (one set per file).
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace uiokit::cli {

namespace named_detail {
enum class Takes { nothing, one_word, unsure };

inline Takes what_follows(const CLI::App& app, const std::string& name) {
  const CLI::Option* opt = app.get_option_no_throw(name);
  if (opt == nullptr) return Takes::unsure;
  const int min = std::min(opt->get_type_size_min(), opt->get_items_expected_min());
  const int max = opt->get_items_expected_max();
  if (max == 0) return Takes::nothing;
  if (min == 1 && max == 1) return Takes::one_word;
  return Takes::unsure;
}
}  // namespace named_detail

// The index in `words` of the word naming the subcommand, or nothing.
inline std::optional<std::size_t> named_subcommand(const CLI::App& app, std::span<char* const> words) {
  using named_detail::Takes;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    if (w == "--") return std::nullopt;
    if (w.size() < 2 || w[0] != '-') return i;
    Takes takes;
    bool attached;  // the value is in the same word: --name=value, -dvalue
    if (w[1] == '-') {
      const auto eq = w.find('=');
      attached = eq != std::string_view::npos;
      takes = named_detail::what_follows(app, std::string(w.substr(0, eq)));
    } else {
      attached = w.size() > 2;
      takes = named_detail::what_follows(app, std::string(w.substr(0, 2)));
      if (attached && takes == Takes::nothing) return std::nullopt;  // -nv: flags clustered
    }
    if (takes == Takes::unsure) return std::nullopt;
    if (takes == Takes::one_word && !attached) ++i;
  }
  return std::nullopt;
}

}  // namespace uiokit::cli
