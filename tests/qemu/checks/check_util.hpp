// SPDX-License-Identifier: MIT
// Shared bits of the guest check programs: each program is one check, exits 0 on pass, and
// prints what it saw, since the rig shows a failing check's output in the ctest log.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <thread>

namespace check {

inline int fail(const std::string& why) {
  std::printf("FAIL: %s\n", why.c_str());
  return 1;
}

inline std::uint64_t parse_u64(const char* text) { return std::strtoull(text, nullptr, 0); }

// Any exception (uiokit::Error carries the path or address) is a failed check, not a crash.
template <class F>
int run(F&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}

inline void pause_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

}  // namespace check
