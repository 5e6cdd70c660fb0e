// SPDX-License-Identifier: MIT
// Which of a subcommand's options a command line can refer to, so that only those need be set
// up (each costs CLI11 about as much as the read `uiokit reg` is run for; command.hpp).
//
// A superset, never less than CLI11 would look up: a long option counts when a word is
// --name or --name=..., a short one when its letter is anywhere in a word starting with a
// single '-' (a cluster -nd, or a value that only looks like one). CLI11 finds options by exact
// name alone, so an option no word refers to can be missing without changing the parse. Every
// option counts when help is asked for (-h, --help: it lists them all) and when there are no
// words (every subcommand is being set up, or the command line stops at the subcommand's name).
// Positional arguments (names without '-') always count.
#pragma once

#include <CLI/CLI.hpp>
#include <span>
#include <string_view>

namespace uiokit::cli {

class Mentioned {
 public:
  explicit Mentioned(std::span<char* const> words) : words_(words), all_(words.empty()) {
    for (const std::string_view w : words)
      if (w == "--help" || (w.size() > 1 && w[0] == '-' && w[1] != '-' && w.find('h') != std::string_view::npos)) all_ = true;
  }

  // `names` as CLI11 takes them: "-d,--device", "--svd", "target".
  bool operator()(std::string_view names) const {
    if (all_) return true;
    while (!names.empty()) {
      const auto comma = names.find(',');
      if (refers_to(names.substr(0, comma))) return true;
      names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
    }
    return false;
  }

 private:
  bool refers_to(std::string_view name) const {
    if (name.empty() || name[0] != '-') return true;  // positional
    for (const std::string_view w : words_) {
      if (name.size() > 2 && name[1] == '-') {
        if (w.starts_with(name) && (w.size() == name.size() || w[name.size()] == '=')) return true;
      } else if (name.size() == 2 && w.size() > 1 && w[0] == '-' && w[1] != '-' && w.find(name[1], 1) != std::string_view::npos) {
        return true;
      }
    }
    return false;
  }

  std::span<char* const> words_;
  bool all_;
};

// Adds to `app` the options `mentioned` counts, as CLI::App::add_option and add_flag would.
class MentionedOptions {
 public:
  enum class Default { hidden, shown };  // shown: the value's default in --help

  MentionedOptions(CLI::App& app, const Mentioned& mentioned) : app_(app), mentioned_(mentioned) {}

  template <class T>
  void option(const char* names, T& value, const char* description, Default d = Default::hidden) {
    if (!mentioned_(names)) return;
    CLI::Option* opt = app_.add_option(names, value, description);
    if (d == Default::shown) opt->capture_default_str();
  }
  void flag(const char* names, bool& value, const char* description) {
    if (mentioned_(names)) app_.add_flag(names, value, description);
  }

 private:
  CLI::App& app_;
  const Mentioned& mentioned_;
};

}  // namespace uiokit::cli
