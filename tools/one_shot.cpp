// SPDX-License-Identifier: MIT
#include "one_shot.hpp"

#include <charconv>
#include <cstdio>
#include <exception>
#include <string_view>

#include "reg_access.hpp"
#include "uiokit/cli/failure.hpp"

namespace uiokit::cli {
namespace {

// A number as CLI11 would read it whatever its rules for others: plain decimal that fits.
template <class T>
bool decimal(std::string_view text, T& out) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string_view::npos) return false;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return true;
}

bool plain(std::string_view word) { return !word.empty() && word[0] != '-'; }

// A word after the subcommand that CLI11 could take for a subcommand's name (all of ours are
// lower-case words: list, dump, svd-model) is left to it; register names, numbers and paths
// have some other character.
bool target_like(std::string_view word) {
  return plain(word) && word.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") != std::string_view::npos;
}

enum class Kind { text, number, flag };

struct Known {
  std::string_view short_name, long_name;  // "-d", "--device"; either may be empty
  Kind kind;
};

constexpr Known reg_options[] = {
    {"-d", "--device", Kind::text},   {"", "--svd", Kind::text},  {"", "--dtb", Kind::text},
    {"-w", "--width", Kind::number},  {"", "--timeout", Kind::number},
    {"", "--be", Kind::flag},         {"", "--json", Kind::flag}, {"", "--reset", Kind::flag},
    {"", "--force", Kind::flag},      {"-n", "--dry-run", Kind::flag},
    {"", "--keep-duplicates", Kind::flag},
};
constexpr Known modify_options[] = {{"", "--set", Kind::text}, {"", "--clear", Kind::text}};
constexpr Known dump_options[] = {{"-l", "--length", Kind::number}};

// Stores an option's value (or sets the flag); false when the value is not one one_shot takes.
bool store(OneShot& shot, std::string_view name, std::string_view value) {
  RegOptions& o = shot.options;
  if (name == "--device") o.device = value;
  else if (name == "--svd") o.svd = value;
  else if (name == "--dtb") o.dtb = value;
  else if (name == "--width") return decimal(value, o.width);
  else if (name == "--timeout") return decimal(value, o.timeout_ms);
  else if (name == "--be") o.big_endian = true;
  else if (name == "--json") o.json = true;
  else if (name == "--reset") o.reset = true;
  else if (name == "--force") o.force = true;
  else if (name == "--dry-run") o.dry_run = true;
  else if (name == "--keep-duplicates") o.keep_duplicates = true;
  else if (name == "--set") shot.set = value;
  else if (name == "--clear") shot.clear = value;
  else if (name == "--length") return decimal(value, shot.length);
  return true;
}

// Reads the option at args[i] (and its value, advancing i) if it is one of `options` in a form
// one_shot takes: true when taken, false when the command line is to be left to uiokit-tool.
template <std::size_t N>
bool option(OneShot& shot, std::span<char* const> args, std::size_t& i, const Known (&options)[N],
            std::vector<std::string_view>& given) {
  const std::string_view w = args[i];
  if (w.size() < 2 || w[0] != '-') return false;
  const Known* opt = nullptr;
  std::optional<std::string_view> value;
  for (const auto& k : options) {
    if (w[1] == '-') {
      const auto eq = w.find('=');
      if (w.substr(0, eq) != k.long_name) continue;
      if (eq != std::string_view::npos) value = w.substr(eq + 1);
    } else {
      if (k.short_name.empty() || w.substr(0, 2) != k.short_name) continue;
      if (w.size() > 2) value = w.substr(2);
    }
    opt = &k;
    break;
  }
  if (!opt) return false;
  for (const auto g : given)
    if (g == opt->long_name) return false;  // given twice
  given.push_back(opt->long_name);
  if (opt->kind == Kind::flag) return !value && store(shot, opt->long_name, {});  // not --json=..., nor -n clustered
  if (!value) {
    if (++i == args.size()) return false;
    value = args[i];
  }
  return plain(*value) && store(shot, opt->long_name, *value);
}

}  // namespace

std::optional<OneShot> one_shot(std::span<char* const> args) {
  using Verb = OneShot::Verb;
  if (args.empty() || std::string_view(args[0]) != "reg") return std::nullopt;
  OneShot shot;
  std::vector<std::string_view> given;  // long names, each option at most once
  std::size_t i = 1;
  for (; i < args.size(); ++i) {
    const std::string_view w = args[i];
    if (w == "read" || w == "write" || w == "modify" || w == "dump") break;
    if (!option(shot, args, i, reg_options, given)) return std::nullopt;  // another subcommand too
  }
  if (i == args.size()) return std::nullopt;
  const std::string_view verb = args[i];
  shot.verb = verb == "read" ? Verb::read : verb == "write" ? Verb::write : verb == "modify" ? Verb::modify : Verb::dump;
  for (++i; i < args.size(); ++i) {
    if (target_like(args[i])) {
      shot.words.emplace_back(args[i]);
      continue;
    }
    const bool taken = (shot.verb == Verb::modify && !shot.words.empty() && option(shot, args, i, modify_options, given)) ||
                       (shot.verb == Verb::dump && option(shot, args, i, dump_options, given));
    if (!taken) return std::nullopt;
  }
  const std::size_t n = shot.words.size();
  switch (shot.verb) {
    case Verb::read: return n >= 1 ? std::optional(shot) : std::nullopt;
    case Verb::write: return n == 2 ? std::optional(shot) : std::nullopt;
    case Verb::modify: return n >= 1 ? std::optional(shot) : std::nullopt;
    case Verb::dump: return n <= 1 ? std::optional(shot) : std::nullopt;
  }
  return std::nullopt;
}

int run_one_shot(const OneShot& shot) {
  try {
    Session s(shot.options);
    const auto& w = shot.words;
    switch (shot.verb) {
      case OneShot::Verb::read: reg_read(s, w); break;
      case OneShot::Verb::write: reg_write(s, w[0], w[1]); break;
      case OneShot::Verb::modify: reg_modify(s, w[0], shot.set, shot.clear, {w.begin() + 1, w.end()}); break;
      case OneShot::Verb::dump: reg_dump(s, w.empty() ? std::string() : w[0], shot.length); break;
    }
  } catch (const std::exception& e) {
    return report_failure("uiokit", e);
  }
  return 0;
}

}  // namespace uiokit::cli
