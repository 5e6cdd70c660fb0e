// SPDX-License-Identifier: MIT
#include "one_shot.hpp"

#include <charconv>
#include <cstdio>
#include <exception>
#include <string_view>
#include <type_traits>
#include <variant>

#include "reg_access.hpp"
#include "reg_options.hpp"
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

// An option of a subcommand, each of which takes a value: its names as CLI11 takes them, and
// where the value goes.
struct SubOption {
  const char* names;
  std::string OneShot::*text;      // a text value
  std::uint64_t OneShot::*number;  // or a number (plain decimal)
};
constexpr SubOption modify_options[] = {{modify_set_names, &OneShot::set, nullptr}, {modify_clear_names, &OneShot::clear, nullptr}};
constexpr SubOption dump_options[] = {{dump_length_names, nullptr, &OneShot::length}};

// Whether `w` names the option of `names` ("-d,--device"); `value` gets what follows the name
// in the same word (--device=X, -dX).
bool names_option(std::string_view names, std::string_view w, std::optional<std::string_view>& value) {
  while (!names.empty()) {
    const auto comma = names.find(',');
    const auto name = names.substr(0, comma);
    names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
    if (name.starts_with("--")) {
      const auto eq = w.find('=');
      if (w.substr(0, eq) != name) continue;
      if (eq != std::string_view::npos) value = w.substr(eq + 1);
      return true;
    }
    if (w.size() >= 2 && w[1] != '-' && w.substr(0, 2) == name) {
      if (w.size() > 2) value = w.substr(2);
      return true;
    }
  }
  return false;
}

// Finds the option at args[i] among `specs` in a form one_shot takes, each at most once (`given`),
// with its value (advancing i past a value in the next word): nullptr when it is not one.
template <class Spec, std::size_t N, class IsFlag>
const Spec* take(std::span<char* const> args, std::size_t& i, const Spec (&specs)[N], IsFlag is_flag,
                 std::vector<std::string_view>& given, std::string_view& value) {
  const std::string_view w = args[i];
  if (w.size() < 2 || w[0] != '-') return nullptr;
  for (const auto& spec : specs) {
    std::optional<std::string_view> attached;
    if (!names_option(spec.names, w, attached)) continue;
    for (const auto g : given)
      if (g == spec.names) return nullptr;  // given twice
    given.emplace_back(spec.names);
    if (is_flag(spec)) return attached ? nullptr : &spec;  // not --json=..., nor -n clustered
    if (!attached) {
      if (++i == args.size()) return nullptr;
      attached = args[i];
    }
    value = *attached;
    return plain(value) ? &spec : nullptr;
  }
  return nullptr;
}

bool take_reg_option(OneShot& shot, std::span<char* const> args, std::size_t& i, std::vector<std::string_view>& given) {
  const auto is_flag = [](const RegOptionSpec& s) { return std::holds_alternative<bool RegOptions::*>(s.field); };
  std::string_view value;
  const RegOptionSpec* spec = take(args, i, reg_option_specs, is_flag, given, value);
  if (!spec) return false;
  return std::visit(
      [&](auto field) {
        auto& target = shot.options.*field;
        if constexpr (std::is_same_v<std::remove_reference_t<decltype(target)>, bool>) return target = true;
        else if constexpr (std::is_same_v<std::remove_reference_t<decltype(target)>, unsigned>) return decimal(value, target);
        else return target = value, true;
      },
      spec->field);
}

template <std::size_t N>
bool take_sub_option(OneShot& shot, std::span<char* const> args, std::size_t& i, const SubOption (&options)[N],
                     std::vector<std::string_view>& given) {
  std::string_view value;
  const SubOption* opt = take(args, i, options, [](const SubOption&) { return false; }, given, value);
  if (!opt) return false;
  if (opt->number) return decimal(value, shot.*(opt->number));
  shot.*(opt->text) = value;
  return true;
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
    if (!take_reg_option(shot, args, i, given)) return std::nullopt;  // another subcommand too
  }
  if (i == args.size()) return std::nullopt;
  // A GDB stub is reached through name resolution and a socket, which this program does not
  // link (open_local_transport); uiokit-tool opens it.
  if (shot.options.device.starts_with("gdb:")) return std::nullopt;
  const std::string_view verb = args[i];
  shot.verb = verb == "read" ? Verb::read : verb == "write" ? Verb::write : verb == "modify" ? Verb::modify : Verb::dump;
  for (++i; i < args.size(); ++i) {
    if (target_like(args[i])) {
      shot.words.emplace_back(args[i]);
      continue;
    }
    const bool taken = (shot.verb == Verb::modify && !shot.words.empty() && take_sub_option(shot, args, i, modify_options, given)) ||
                       (shot.verb == Verb::dump && take_sub_option(shot, args, i, dump_options, given));
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
    const auto& w = shot.words;
    // the names looked up: read's targets, the target of write and modify, dump's if any
    Session s(shot.options, shot.verb == OneShot::Verb::read || w.empty() ? w : std::vector<std::string>{w[0]}, open_local_transport);
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
