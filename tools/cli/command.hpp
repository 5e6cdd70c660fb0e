// SPDX-License-Identifier: MIT
// The `uiokit` command line: one program, one subcommand per tool (reg, list, pci, ...).
//
// Each subcommand lives in its own file and registers itself at static-initialisation time with
// UIOKIT_COMMAND, so adding a tool means adding a file. A subcommand's callback throws
// uiokit::Error on failure; main() prints the message and exits with uiokit::exit_status(code).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

namespace uiokit::cli {

// Adds a subcommand (and its callback) to the top-level app.
using CommandSetup = std::function<void(CLI::App& app)>;

std::vector<CommandSetup>& commands();

struct Registration {
  explicit Registration(CommandSetup setup) { commands().push_back(std::move(setup)); }
};

}  // namespace uiokit::cli

#define UIOKIT_CLI_CONCAT2(a, b) a##b
#define UIOKIT_CLI_CONCAT(a, b) UIOKIT_CLI_CONCAT2(a, b)
#define UIOKIT_COMMAND(setup_fn) \
  static const ::uiokit::cli::Registration UIOKIT_CLI_CONCAT(uiokit_command_, __LINE__){setup_fn}
