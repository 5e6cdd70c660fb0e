// SPDX-License-Identifier: MIT
// The loop of `uiokit irq wait`: unmask the interrupt, wait for events, print each with its
// count and missed count, unmask again; stop after `count` events (0: never) or fail with
// Errc::timeout when `timeout` passes first.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>

#include "uiokit/irq/interrupt.hpp"

namespace uiokit::cli {

struct IrqWaitOptions {
  std::uint64_t count = 0;
  std::optional<std::chrono::milliseconds> timeout;
  bool json = false;  // one JSON object per line
};

// Returns the number of events seen (== count).
std::uint64_t irq_wait(Interrupt& irq, const IrqWaitOptions& options, std::FILE* out);

}  // namespace uiokit::cli
