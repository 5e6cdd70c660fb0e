// SPDX-License-Identifier: MIT
// What every uiokit program does the same way: its name and --version, how a command line it
// cannot parse ends, and how a failure becomes an exit status.
//
//   --help, --version      print to stdout, exit 0
//   a usage error          CLI11's message and a pointer to --help on stderr, exit 64 (EX_USAGE)
//   uiokit::Error          "program: message" on stderr, exit uiokit::exit_status(code)
//   any other exception    "program: message" on stderr, exit 70 (EX_SOFTWARE)
//
// Programs whose failures have their own classes (s3c-rtc) pass their own handler to run().
#pragma once

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>

#include "uiokit/cli/failure.hpp"
#include "uiokit/error.hpp"

namespace uiokit::cli {

// Names the program (in usage lines and messages) and adds --version.
inline void identify(CLI::App& app, const std::string& name) {
  app.name(name);
  app.set_version_flag("--version", name + " " + UIOKIT_VERSION, "Print the version and exit");
}

// The exit status of a command line that ended in parsing: 0 for --help and --version (printed
// here), ex_usage for anything else (the message printed on stderr).
inline int parse_exit(CLI::App& app, const CLI::ParseError& e) {
  const int rc = app.exit(e);
  return rc == 0 ? 0 : ex_usage;
}

// Parses the command line alone; a value when the program must exit with it.
inline std::optional<int> parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return parse_exit(app, e);
  }
  return std::nullopt;
}

inline int report(const CLI::App& app, const std::exception& e) { return report_failure(app.get_name().c_str(), e); }

// Parses and runs the subcommands' callbacks; a failure is turned into an exit status by
// `on_error` (a function of const std::exception&), report() by default.
template <class OnError>
int run(CLI::App& app, int argc, char** argv, OnError on_error) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return parse_exit(app, e);
  } catch (const std::exception& e) {
    return on_error(e);
  }
  return 0;
}

inline int run(CLI::App& app, int argc, char** argv) {
  return run(app, argc, argv, [&app](const std::exception& e) { return report(app, e); });
}

}  // namespace uiokit::cli
