// SPDX-License-Identifier: MIT
// Subcommands of `uiokit reg` kept in files of their own (watch, snapshot, ...). Each registers
// its name and a setup function with UIOKIT_REG_COMMAND; `reg`'s own setup calls them, or only
// the one the command line names, with the `reg` app and the options given to `reg` (-d, --svd,
// --json, --force, --dry-run), filled in by the time a subcommand's callback runs.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <vector>

#include "cli/command.hpp"
#include "reg_session.hpp"

namespace uiokit::cli {

// Adds one subcommand, named `name`, to `reg`.
using RegCommandSetup = std::function<void(CLI::App& reg, std::shared_ptr<const RegOptions> options)>;

struct RegCommand {
  const char* name;
  RegCommandSetup setup;
};

inline std::vector<RegCommand>& reg_commands() {
  static std::vector<RegCommand> list;
  return list;
}

struct RegRegistration {
  RegRegistration(const char* name, RegCommandSetup setup) { reg_commands().push_back({name, std::move(setup)}); }
};

}  // namespace uiokit::cli

#define UIOKIT_REG_COMMAND(name, setup_fn) \
  static const ::uiokit::cli::RegRegistration UIOKIT_CLI_CONCAT(uiokit_reg_command_, __COUNTER__){name, setup_fn}
