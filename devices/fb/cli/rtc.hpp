// SPDX-License-Identifier: MIT
// The vexpress PL031 real-time clock, read for the test card's clock: its data register (DR,
// offset 0) counts seconds since the epoch (QEMU starts it at the host's time). Reached through
// the UIO stub's "pl031" device when it is there, else /dev/mem (iomem=relaxed).
#pragma once

#include <cstdint>
#include <string>

namespace fbcli {

struct RtcReading {
  std::uint32_t seconds = 0;
  std::string via;  // "uio" or "devmem"
};

RtcReading read_pl031();
std::string format_utc(std::uint32_t epoch_seconds);

}  // namespace fbcli
