// SPDX-License-Identifier: MIT
// The `uiokit` program. It answers a one-shot register access itself (one_shot.hpp) and hands
// every other command line, unchanged, to `uiokit-tool`, the whole tool, by exec: a read or a
// write from a script then starts in little more time than the access takes, and a command
// that does more pays one exec more.
//
// uiokit-tool is looked for beside this program (a build tree), then where an install puts it:
// UIOKIT_CLI_FROM_BINDIR, relative to this program's folder (../libexec/uiokit).
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <span>
#include <string>

#include "one_shot.hpp"
#include "uiokit/cli/failure.hpp"

namespace {

// The folder this program was started from: /proc/self/exe, or the path it was started by.
std::string own_folder(const char* argv0) {
  char buf[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  std::string self = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string(argv0);
  const auto slash = self.rfind('/');
  return slash == std::string::npos ? std::string(".") : self.substr(0, slash);
}

// Returns only if uiokit-tool could not be started from either place.
[[noreturn]] void exec_cli(char** argv) {
  const std::string folder = own_folder(argv[0]);
  const std::string tried[] = {folder + "/uiokit-tool", folder + "/" UIOKIT_CLI_FROM_BINDIR "/uiokit-tool"};
  int err = ENOENT;
  for (const auto& path : tried) {
    execv(path.c_str(), argv);
    if (errno != ENOENT) {
      err = errno;
      uiokit::throw_sys(uiokit::Errc::open_failed, path, "starting uiokit-tool, which runs every command but a one-shot register access", err);
    }
  }
  uiokit::throw_sys(uiokit::Errc::not_found, tried[1], "starting uiokit-tool, which runs every command but a one-shot register access (also looked for " + tried[0] + ")", err,
                    {}, "install uiokit-tool where the package puts it, or run the build tree's uiokit");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 1) {  // started with no argv[0]: there is no command line to hand on
    std::fputs("uiokit: started with an empty argument list\n", stderr);
    return uiokit::cli::ex_usage;
  }
  const std::span<char* const> args(argv + 1, static_cast<std::size_t>(argc - 1));
  if (auto shot = uiokit::cli::one_shot(args)) return uiokit::cli::run_one_shot(*shot);
  try {
    exec_cli(argv);
  } catch (const std::exception& e) {
    return uiokit::cli::report_failure("uiokit", e);
  }
}
