// SPDX-License-Identifier: MIT
// RtcDevice: one S3C RTC found on this system, with the resources the driver holds.
//
// Where the registers come from: a device address (uio:rtc, dt:compatible=samsung,s3c6410-rtc,
// dt:/soc/rtc@10070000, mem:0x10070000, gdb:...), or by default the UIO device "rtc" (our
// kernel/uio_stub's name for the board's RTC node) and then the first known RTC node of the
// device tree ("samsung,s3c2410-rtc", "samsung,s3c6410-rtc", or a "uiokit,uio-stub" node named
// rtc). An address that comes down to a UIO device is opened through it, which brings the
// interrupt; only a UIO device or our lock file (mem:, dt: through /dev/mem) keeps a second
// driver out.
//
// The members are the resources in the order they are acquired (the device and its lock, the
// mapping, the interrupt, then the driver over the mapping), so destruction releases them in
// reverse without any code: the driver never outlives its mapping, nor the mapping its lock.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "uiokit/address/address.hpp"
#include "uiokit/address/open.hpp"
#include "uiokit/irq/interrupt.hpp"
#include "uiokit/region.hpp"
#include "uiokit/s3c2410_rtc/event_wait.hpp"
#include "uiokit/s3c2410_rtc/rtc.hpp"
#include "uiokit/rtc/clock.hpp"
#include "uiokit/rtc/place.hpp"
#include "uiokit/transport.hpp"
#include "uiokit/uio/uio.hpp"

namespace uiokit::s3c_rtc {

struct Selector {
  // Where the registers are: any device address (uio:, dt:, mem:, gdb:...; see
  // uiokit/address/address.hpp). Without one: the UIO device "rtc", then the device tree.
  std::optional<DeviceAddress> address;
  // Without an address: the first enabled node with this compatible ("" for the known RTCs).
  std::optional<std::string> dt_compatible;
  std::optional<Variant> variant;  // default: from the node's compatible, else s3c6410 (Exynos)
  Years years = Years::linux_2000_2099;  // see rtc.hpp: the kernel's count unless asked
  std::string tick_uio;            // a second UIO device carrying the tick interrupt, if any
  OpenOptions open;                // the system's paths (tests point them at a fake tree), a .dtb
};


struct TickCount {
  unsigned ticks = 0;          // ticks counted
  unsigned by_interrupt = 0;   // of which announced by an interrupt (the rest seen in INTP.TIC)
  std::uint64_t missed = 0;    // events the UIO count says we did not see one by one
  int rtc_seconds = 0;         // RTC seconds between the first and the last counted edge
  double wall_seconds = 0;     // CLOCK_MONOTONIC over the same span (unreliable on smdkc210)
};

// The S3C RTC as the RTC front end's Clock (devices/rtc): s3c-rtc and s3c-rtcd drive it.
class RtcDevice final : public rtc::DriverClock<RtcDevice> {
 public:
  static RtcDevice open(const Selector& sel);

  RtcDevice(RtcDevice&&) noexcept = default;
  RtcDevice& operator=(RtcDevice&&) noexcept = default;

  Rtc& rtc() noexcept { return rtc_; }
  Rtc& driver() noexcept { return rtc_; }
  const Rtc& driver() const noexcept { return rtc_; }
  Variant variant() const noexcept { return rtc_.variant(); }
  Interrupt* tick_irq() noexcept { return tick_irq_; }

  // rtc::Clock (the time and the alarm are the driver's: rtc::DriverClock)
  // "uio0 (rtc), regs (0x100 bytes at 0x10070000), s3c6410"
  const std::string& describe() const noexcept override { return what_; }
  std::string_view model() const noexcept override { return to_string(rtc_.variant()); }
  Interrupt* irq() noexcept override { return irq_; }
  std::map<std::string, std::int64_t> facts() const override { return {{"passes", rtc_.last_passes()}}; }

  // A UIO device carries one interrupt line and the RTC has two, so every wait also looks at
  // INTP on S3C6410/Exynos: event_wait.hpp has how a wait tells the lines and a late
  // interrupt apart. The S3C2410 has no INTP: there only the interrupt counts.

  // Blocks until the alarm, acknowledges it (INTP) and re-enables the line. Returns true when
  // an interrupt announced it. Throws Errc::timeout, or unsupported when nothing can tell.
  bool wait_alarm(std::optional<std::chrono::milliseconds> timeout) override;

  // Counts ticks: `ticks` of them, or (count_ticks_over) those between two edges of the RTC's
  // seconds `rtc_seconds` apart: the RTC keeps true time where the guest clock does not.
  TickCount count_ticks(unsigned ticks, std::chrono::milliseconds timeout);
  TickCount count_ticks_over(int rtc_seconds, std::chrono::milliseconds timeout);

 protected:
  // The UIO line is the alarm's and the tick's: an interrupt that is not the alarm is a tick.
  void other_interrupt() override { rtc_.ack_tick(); }

 private:
  // The tick line's waiter: the tick's own UIO device if given, else the RTC's.
  TickWait tick_wait();

  RtcDevice(rtc::Place place, std::optional<uio::Device> tick_dev, Variant variant, Years years);

  rtc::Place place_;                     // 1-2. the device and its lock, the mapping (rtc/place.hpp)
  std::optional<uio::Device> tick_dev_;  // 3. interrupts: a second UIO device for the tick, if any,
  Interrupt* irq_ = nullptr;             //    and non-owning views of the lines (owned above)
  Interrupt* tick_irq_ = nullptr;
  Rtc rtc_;                              // 4. the driver over the mapping
  std::string what_;
};

}  // namespace uiokit::s3c_rtc
