// SPDX-License-Identifier: MIT
// Subcommands of `uiokit reg` kept in files of their own (watch, snapshot, ...). Each registers
// a setup function with UIOKIT_REG_COMMAND; `reg`'s own setup calls them with the `reg` app and
// the options given to `reg` (-d, --svd, --json, --force, --dry-run), filled in by the time a
// subcommand's callback runs.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <vector>

#include "cli/command.hpp"
#include "reg_session.hpp"

namespace uiokit::cli {

using RegCommandSetup = std::function<void(CLI::App& reg, std::shared_ptr<const RegOptions> options)>;

inline std::vector<RegCommandSetup>& reg_commands() {
  static std::vector<RegCommandSetup> list;
  return list;
}

struct RegRegistration {
  explicit RegRegistration(RegCommandSetup setup) { reg_commands().push_back(std::move(setup)); }
};

}  // namespace uiokit::cli

#define UIOKIT_REG_COMMAND(setup_fn) \
  static const ::uiokit::cli::RegRegistration UIOKIT_CLI_CONCAT(uiokit_reg_command_, __LINE__){setup_fn}
