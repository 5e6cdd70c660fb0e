// SPDX-License-Identifier: MIT
// CLOCK_MONOTONIC in nanoseconds: the clock the kernel stamps events with (ktime_get), read
// through the vDSO, so taking it costs no system call of its own.
#pragma once

#include <cstdint>
#include <ctime>

namespace bench {

inline std::int64_t mono_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

}  // namespace bench
