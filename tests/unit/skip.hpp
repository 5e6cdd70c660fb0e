// SPDX-License-Identifier: MIT
// Skipping a test case whose prerequisite is absent, visibly.
// ctest runs each test case as its own process with UIOKIT_TEST_SKIP_CODE set (see
// CMakeLists.txt, where the same code is the tests' SKIP_RETURN_CODE): the process ends with
// that code and ctest reports the case as skipped, not passed. A direct run of the binary has no
// such variable; there the case ends early with a warning, since exiting would end every other
// case with it.
#pragma once
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace uiokit_test {
inline bool skip(const std::string& why) {
  if (const char* code = std::getenv("UIOKIT_TEST_SKIP_CODE")) {
    std::printf("SKIPPED: %s\n", why.c_str());
    std::fflush(stdout);
    std::_Exit(std::atoi(code));
  }
  WARN_MESSAGE(false, "skipped: " << why);
  return true;
}
}  // namespace uiokit_test
