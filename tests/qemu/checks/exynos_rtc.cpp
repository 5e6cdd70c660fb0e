// SPDX-License-Identifier: MIT
// smdkc210 rtc.devmem_bcd_runs: the Exynos4210 RTC (S3C RTC layout) at 0x10070000 takes a
// BCD time once CTLEN is set, and its seconds advance.
// QEMU's model only accepts BCD writes and runs its clock after CTLEN goes from 0 to 1, and the
// guest's clock runs about twice as fast as real time on this board: poll, bounded, instead of
// trusting one sleep.
#include <cinttypes>
#include <cstdint>
#include <cstdio>

#include <uiokit/backend/devmem.hpp>
#include <uiokit/region.hpp>

#include "check_util.hpp"

namespace {
constexpr std::uint64_t rtc_base = 0x10070000;
constexpr std::size_t rtccon = 0x40;
constexpr std::uint32_t ctlen = 1u << 0;
constexpr std::size_t bcdsec = 0x70, bcdmin = 0x74, bcdhour = 0x78;

bool is_bcd(std::uint32_t v) { return (v & 0xf) <= 9 && ((v >> 4) & 0xf) <= 9; }
}  // namespace

int main() {
  return check::run([] {
    auto rtc = uiokit::map_devmem(rtc_base, 0x100);
    rtc.write<std::uint32_t>(rtccon, 0);
    rtc.write<std::uint32_t>(rtccon, ctlen);
    rtc.write<std::uint32_t>(bcdhour, 0x12);
    rtc.write<std::uint32_t>(bcdmin, 0x34);
    rtc.write<std::uint32_t>(bcdsec, 0x10);
    const auto hour = rtc.read<std::uint32_t>(bcdhour) & 0x3f;
    const auto min = rtc.read<std::uint32_t>(bcdmin) & 0x7f;
    const auto first = rtc.read<std::uint32_t>(bcdsec) & 0x7f;
    std::printf("after writing 12:34:10 read %02" PRIx32 ":%02" PRIx32 ":%02" PRIx32 "\n", hour, min, first);
    if (hour != 0x12 || min != 0x34 || first < 0x10 || first > 0x12) {
      return check::fail("the BCD time written did not read back");
    }
    // Up to about 10 s of real time at twice the guest's clock speed.
    for (int i = 0; i < 200; ++i) {
      check::pause_ms(100);
      const auto now = rtc.read<std::uint32_t>(bcdsec) & 0x7f;
      if (!is_bcd(now)) {
        std::printf("seconds 0x%02" PRIx32 "\n", now);
        return check::fail("seconds register is not BCD");
      }
      if (now != first) {
        std::printf("seconds went 0x%02" PRIx32 " -> 0x%02" PRIx32 " after %d polls\n", first, now, i + 1);
        return 0;
      }
    }
    return check::fail("seconds did not advance");
  });
}
