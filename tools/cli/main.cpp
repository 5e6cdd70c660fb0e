// SPDX-License-Identifier: MIT
#include <cstring>

#include "cli/command.hpp"
#include "cli/named_subcommand.hpp"
#include "uiokit/cli/program.hpp"

namespace uiokit::cli {
std::vector<Command>& commands() {
  static std::vector<Command> list;
  return list;
}

namespace {
// The subcommand the command line names, found as `reg` finds its own (named_subcommand.hpp),
// when it is a registered one; `at` is where its name is in argv.
const Command* named_command(const CLI::App& app, int argc, char** argv, int& at) {
  const std::span<char* const> words(argv + 1, static_cast<std::size_t>(argc - 1));
  const auto i = named_subcommand(app, words);
  if (!i) return nullptr;
  for (const auto& c : commands())
    if (std::strcmp(c.name, words[*i]) == 0) {
      at = static_cast<int>(*i) + 1;
      return &c;
    }
  return nullptr;
}
}  // namespace
}  // namespace uiokit::cli

int main(int argc, char** argv) {
  CLI::App app{"uiokit: map device registers into a process, read and write them by name, list devices"};
  uiokit::cli::identify(app, "uiokit");
  app.require_subcommand(1);
  int at = 0;
  if (const auto* named = uiokit::cli::named_command(app, argc, argv, at)) {
    named->setup(app, std::span<char* const>(argv + at + 1, static_cast<std::size_t>(argc - at - 1)));
  } else {
    for (auto& c : uiokit::cli::commands()) c.setup(app, {});
  }
  return uiokit::cli::run(app, argc, argv);
}
