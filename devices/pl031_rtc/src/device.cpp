// SPDX-License-Identifier: MIT
#include "uiokit/pl031_rtc/device.hpp"

#include <algorithm>
#include <thread>

namespace uiokit::pl031 {

Pl031Device::Pl031Device(rtc::Place place) : place_(std::move(place)), rtc_(*place_.regs) {}

Pl031Device Pl031Device::open(const std::optional<DeviceAddress>& address, const OpenOptions& o) {
  if (address) return Pl031Device(rtc::open_place(*address, o));
  // The names our uio_stub overlays give it, then the tree; a candidate that is not a PL031
  // (the S3C RTC is "rtc" on smdkc210) fails its peripheral ID check and the search goes on.
  std::string why;
  for (const char* a : {"uio:pl031", "uio:rtc", "dt:compatible=arm,pl031"}) {
    try {
      return Pl031Device(rtc::open_place(parse_address(a), o));
    } catch (const Error& e) {
      if (e.code() != Errc::not_found && e.code() != Errc::unsupported && e.code() != Errc::fdt_error) throw;
      why += (why.empty() ? "" : "; ") + std::string(e.what());
    }
  }
  throw Error(Errc::not_found, "PL031", "none found (" + why + ")", {}, 0,
              "load kernel/uio_stub for the board's PL031 node, or give -d ADDRESS");
}

bool Pl031Device::wait_alarm(std::optional<std::chrono::milliseconds> timeout) {
  using SteadyClock = std::chrono::steady_clock;
  const auto deadline = timeout ? SteadyClock::now() + *timeout : SteadyClock::time_point::max();
  Interrupt* line = irq();
  if (line) line->enable();
  for (;;) {
    // The bit first: an alarm that fired before the wait began has no interrupt to come.
    if (rtc_.alarm_pending()) {
      rtc_.ack_alarm();
      return false;
    }
    const auto now = SteadyClock::now();
    if (now >= deadline)
      throw Error(Errc::timeout, "alarm",
                  "no alarm within " + std::to_string(timeout ? timeout->count() : 0) + " ms (guest time)");
    const auto slice = std::min<SteadyClock::duration>(deadline - now, std::chrono::milliseconds(line ? 1000 : 10));
    if (line) {
      if (line->wait(std::chrono::duration_cast<std::chrono::milliseconds>(slice))) {
        const bool mine = rtc_.alarm_pending();
        if (mine) rtc_.ack_alarm();
        line->enable();
        if (mine) return true;
      }
    } else {
      std::this_thread::sleep_for(slice);
    }
  }
}

}  // namespace uiokit::pl031
