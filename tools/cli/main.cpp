// SPDX-License-Identifier: MIT
#include <cstdio>
#include <exception>

#include "cli/command.hpp"
#include "uiokit/error.hpp"

namespace uiokit::cli {
std::vector<CommandSetup>& commands() {
  static std::vector<CommandSetup> list;
  return list;
}
}  // namespace uiokit::cli

int main(int argc, char** argv) {
  CLI::App app{"uiokit: map device registers into a process, read and write them by name, list devices"};
  app.require_subcommand(1);
  for (auto& setup : uiokit::cli::commands()) setup(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const uiokit::Error& e) {
    std::fprintf(stderr, "uiokit: %s\n", e.what());
    return uiokit::exit_status(e.code());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "uiokit: %s\n", e.what());
    return 1;
  }
  return 0;
}
