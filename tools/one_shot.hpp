// SPDX-License-Identifier: MIT
// The command lines `uiokit` answers itself: one register access, the commonest use of the
// tool and the one a script repeats, so the one whose start-up matters.
//
//   uiokit reg [OPTION...] read TARGET...
//   uiokit reg [OPTION...] write TARGET VALUE
//   uiokit reg [OPTION...] modify TARGET [--set MASK] [--clear MASK] [FIELD=VALUE...]
//   uiokit reg [OPTION...] dump [TARGET] [-l|--length N]
//
// The program that answers them links no command-line library and so builds no iostreams or
// CLI11 objects at start; every other command line is handed to `uiokit-tool`, the whole tool,
// by exec (tools/launcher.cpp). The two read these command lines alike: one_shot() takes a
// command line only in a form whose meaning under `uiokit-tool`'s CLI11 parse is certain, and
// runs it through the same Session and reg_read/write/modify/dump (reg_access.hpp). Anything
// else gives nothing, and `uiokit-tool` parses it, errors and --help included:
//
//   - `reg`'s own options (reg_options.hpp, the table uiokit-tool declares them from), each at
//     most once, before the subcommand: a value as `--svd F`, `--svd=F`, `-d X` or `-dX`, a
//     flag alone;
//   - after the subcommand, its own options the same way, each at most once (--set, --clear;
//     -l/--length), modify's after its TARGET;
//   - values that do not start with '-', and numbers (--width, --timeout, --length) in plain
//     decimal;
//   - targets, values and FIELD=VALUE words that do not start with '-' and have a character
//     other than a lower-case letter or '-' (a subcommand's name could be taken for another
//     subcommand).
//   - a device that is not a gdb: address: this program opens devices with
//     open_local_transport and links no GDB client, name resolution or sockets, which lets it
//     be linked statically, C library included (tools/README.md, "Start-up").
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "reg_session.hpp"

namespace uiokit::cli {

struct OneShot {
  enum class Verb { read, write, modify, dump };
  RegOptions options;
  Verb verb = Verb::read;
  // read: the targets; write: target and value; modify: target and FIELD=VALUE words; dump:
  // nothing or the target.
  std::vector<std::string> words;
  std::string set, clear;    // modify's --set and --clear
  std::uint64_t length = 0;  // dump's --length
};

// `args`: the command line after the program's name.
std::optional<OneShot> one_shot(std::span<char* const> args);

// Runs it as `uiokit-tool` would: the exit status, a failure reported on stderr as "uiokit: ...".
int run_one_shot(const OneShot& shot);

}  // namespace uiokit::cli
