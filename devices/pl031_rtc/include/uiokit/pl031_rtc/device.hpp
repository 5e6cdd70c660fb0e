// SPDX-License-Identifier: MIT
// Pl031Device: a PL031 found on this system, with the resources the driver holds, as the RTC
// front end's Clock (devices/rtc): pl031-rtc and pl031-rtcd drive it.
//
// Where the registers come from: a device address (uio:pl031, dt:compatible=arm,pl031,
// dt:/path, mem:0x10017000, gdb:...), or by default the UIO device "pl031" or "rtc" (the
// names our kernel/uio_stub overlays give it) that is a PL031, then the first enabled
// device-tree node compatible with "arm,pl031". Through UIO the alarm's interrupt comes with
// the registers.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "uiokit/address/open.hpp"
#include "uiokit/pl031_rtc/pl031.hpp"
#include "uiokit/rtc/clock.hpp"
#include "uiokit/rtc/place.hpp"

namespace uiokit::pl031 {

class Pl031Device final : public rtc::DriverClock<Pl031Device> {
 public:
  // `address` nullopt: the default search above.
  static Pl031Device open(const std::optional<DeviceAddress>& address, const OpenOptions& options = {});

  Pl031Device(Pl031Device&&) noexcept = default;
  Pl031Device& operator=(Pl031Device&&) noexcept = default;

  Pl031& driver() noexcept { return rtc_; }
  const Pl031& driver() const noexcept { return rtc_; }

  const std::string& describe() const noexcept override { return place_.what; }
  std::string_view model() const noexcept override { return "pl031"; }
  Interrupt* irq() noexcept override { return place_.irq(); }
  // RTCRIS says whether the alarm fired; the interrupt (through UIO) says when.
  bool wait_alarm(std::optional<std::chrono::milliseconds> timeout) override;

 private:
  explicit Pl031Device(rtc::Place place);

  rtc::Place place_;  // 1-2. the device and its lock (or our lock file), the mapping
  Pl031 rtc_;         // 3. the driver over the mapping
};

}  // namespace uiokit::pl031
