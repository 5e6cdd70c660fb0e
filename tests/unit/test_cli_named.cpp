// SPDX-License-Identifier: MIT
// What `uiokit` reads of its command line before CLI11 parses it, to set up only the subcommand
// and options it names (tools/cli/named_subcommand.hpp, tools/cli/mentioned.hpp): the reading
// must never set up less than CLI11 then looks up.
#if __has_include(<CLI/CLI.hpp>) && __has_include("cli/named_subcommand.hpp")
#include <doctest/doctest.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cli/mentioned.hpp"
#include "cli/named_subcommand.hpp"

namespace {

struct Words {
  explicit Words(std::vector<std::string> w) : text(std::move(w)) {
    for (auto& t : text) ptrs.push_back(t.data());
  }
  std::span<char* const> span() const { return {ptrs.data(), ptrs.size()}; }
  std::vector<std::string> text;
  std::vector<char*> ptrs;
};

std::optional<std::string> named(const CLI::App& app, std::vector<std::string> w) {
  Words words(std::move(w));
  auto n = uiokit::cli::named_subcommand(app, words.span());
  return n ? std::optional<std::string>(words.text[*n]) : std::nullopt;
}

}  // namespace

TEST_CASE("cli: the named subcommand is found past option values, as CLI11 takes them") {
  CLI::App app;
  std::string device;
  bool dry = false;
  std::vector<std::string> many;
  app.add_option("-d,--device", device);
  app.add_flag("-n,--dry-run", dry);
  app.add_option("--many", many);
  CHECK(named(app, {"-d", "read", "write", "0x20"}) == "write");  // -d takes "read"
  CHECK(named(app, {"--device", "dump", "read"}) == "read");
  CHECK(named(app, {"--device=dump", "read"}) == "read");
  CHECK(named(app, {"-ddump", "read"}) == "read");
  CHECK(named(app, {"-n", "read"}) == "read");  // a flag takes nothing
  CHECK(named(app, {"--dry-run=true", "read"}) == "read");
  CHECK(named(app, {"read", "-d", "x"}) == "read");
  // Anything not read exactly as CLI11 reads it: no answer, every subcommand is set up.
  CHECK_FALSE(named(app, {"-nd", "x", "read"}));  // clustered flags
  CHECK_FALSE(named(app, {"--", "read"}));
  CHECK_FALSE(named(app, {"--version", "read"}));  // not this app's option
  CHECK_FALSE(named(app, {"--many", "a", "read"}));  // takes more than one value
  CHECK_FALSE(named(app, {"-d"}));
  CHECK_FALSE(named(app, {}));
}

TEST_CASE("cli: an option counts as mentioned whenever a word can refer to it") {
  Words words({"-nd", "file:x", "read", "--json=true", "--svd"});
  const uiokit::cli::Mentioned m(words.span());
  CHECK(m("-d,--device"));
  CHECK(m("-n,--dry-run"));
  CHECK(m("--json"));
  CHECK(m("--svd"));
  CHECK(m("target"));  // positionals always
  CHECK_FALSE(m("--dtb"));
  CHECK_FALSE(m("-w,--width"));
  CHECK_FALSE(m("--js"));  // long names are whole

  // Help lists every option; no words means every subcommand is being set up.
  for (const auto& w : std::vector<std::vector<std::string>>{{"read", "--help"}, {"-h"}, {"-nh"}, {}}) {
    Words all(w);
    CHECK(uiokit::cli::Mentioned(all.span())("--dtb"));
  }
}
#endif
