// SPDX-License-Identifier: MIT
#include <cstring>

#include "cli/command.hpp"
#include "uiokit/cli/program.hpp"

namespace uiokit::cli {
std::vector<Command>& commands() {
  static std::vector<Command> list;
  return list;
}

namespace {
// The subcommand the command line names: its first word not starting with '-' (the top level
// has flags only, so no option value comes before it), when that is a registered name; `at`
// is where that word is.
const Command* named_command(int argc, char** argv, int& at) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-') continue;
    for (const auto& c : commands()) {
      if (std::strcmp(c.name, argv[i]) == 0) {
        at = i;
        return &c;
      }
    }
    return nullptr;
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
  if (const auto* named = uiokit::cli::named_command(argc, argv, at)) {
    named->setup(app, std::span<char* const>(argv + at + 1, static_cast<std::size_t>(argc - at - 1)));
  } else {
    for (auto& c : uiokit::cli::commands()) c.setup(app, {});
  }
  return uiokit::cli::run(app, argc, argv);
}
