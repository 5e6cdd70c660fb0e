// SPDX-License-Identifier: MIT
// How a uiokit program's failure becomes a message and an exit status, without CLI11: the
// `uiokit` program answers its one-shot register accesses before any command-line library is
// loaded (tools/one_shot.hpp), and ends them as every other command ends (program.hpp).
//
//   uiokit::Error          "program: message" on stderr, exit uiokit::exit_status(code)
//   any other exception    "program: message" on stderr, exit 70 (EX_SOFTWARE)
#pragma once

#include <cstdio>
#include <exception>

#include "uiokit/error.hpp"

namespace uiokit::cli {

inline constexpr int ex_usage = 64;     // sysexits.h EX_USAGE
inline constexpr int ex_software = 70;  // sysexits.h EX_SOFTWARE

inline int report_failure(const char* program, const std::exception& e) {
  std::fprintf(stderr, "%s: %s\n", program, e.what());
  if (const auto* u = dynamic_cast<const Error*>(&e)) return exit_status(u->code());
  return ex_software;
}

}  // namespace uiokit::cli
