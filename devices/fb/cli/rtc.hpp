// SPDX-License-Identifier: MIT
// The vexpress PL031 real-time clock, read for the test card's clock by devices/pl031_rtc's
// driver. Reached through the UIO stub's "pl031" device (shared and read-only, so that a daemon
// holding the clock does not keep the card from showing it) when it is there, else /dev/mem
// (iomem=relaxed).
#pragma once

#include <string>

namespace fbcli {

struct RtcReading {
  std::string utc;  // "2026-11-22T03:40:05Z"
  std::string via;  // "uio" or "devmem"
};

RtcReading read_pl031();

}  // namespace fbcli
