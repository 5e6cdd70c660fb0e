// SPDX-License-Identifier: MIT
#include "cli/command.hpp"
#include "uiokit/cli/program.hpp"

namespace uiokit::cli {
std::vector<CommandSetup>& commands() {
  static std::vector<CommandSetup> list;
  return list;
}
}  // namespace uiokit::cli

int main(int argc, char** argv) {
  CLI::App app{"uiokit: map device registers into a process, read and write them by name, list devices"};
  uiokit::cli::identify(app, "uiokit");
  app.require_subcommand(1);
  for (auto& setup : uiokit::cli::commands()) setup(app);
  return uiokit::cli::run(app, argc, argv);
}
