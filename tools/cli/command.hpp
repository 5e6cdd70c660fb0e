// SPDX-License-Identifier: MIT
// The command line of `uiokit-tool`, the whole tool (`uiokit` answers one-shot register
// accesses itself and hands it the rest; tools/launcher.cpp): one subcommand per tool (reg,
// list, pci, ...).
//
// Each subcommand lives in its own file and registers itself at static-initialisation time with
// UIOKIT_COMMAND("name", setup), so adding a tool means adding a file. A subcommand's callback
// throws uiokit::Error on failure; main() prints the message and exits with
// uiokit::exit_status(code).
//
// Setting up a subcommand builds all of its options, which costs more than the register access
// the program exists for; main() sets up only the subcommand the command line names (all of
// them when it names none it knows: top-level help and usage errors list every one). A
// subcommand with subcommands of its own (reg) does the same one level down, from the words
// that follow its name (named_subcommand.hpp).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <span>
#include <vector>

namespace uiokit::cli {

// Adds a subcommand (and its callback) to the top-level app. `rest`: the command line's words
// after the subcommand's name when the command line names it; empty when every subcommand is
// set up.
using CommandSetup = std::function<void(CLI::App& app, std::span<char* const> rest)>;

struct Command {
  const char* name;  // as typed on the command line
  CommandSetup setup;
};

std::vector<Command>& commands();

struct Registration {
  Registration(const char* name, CommandSetup setup) { commands().push_back({name, std::move(setup)}); }
};

}  // namespace uiokit::cli

#define UIOKIT_CLI_CONCAT2(a, b) a##b
#define UIOKIT_CLI_CONCAT(a, b) UIOKIT_CLI_CONCAT2(a, b)
#define UIOKIT_COMMAND(name, setup_fn) \
  static const ::uiokit::cli::Registration UIOKIT_CLI_CONCAT(uiokit_command_, __COUNTER__){name, setup_fn}
