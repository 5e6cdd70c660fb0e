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
#include <memory>
#include <optional>
#include <string>

#include "uiokit/address/address.hpp"
#include "uiokit/address/open.hpp"
#include "uiokit/irq/interrupt.hpp"
#include "uiokit/region.hpp"
#include "uiokit/s3c2410_rtc/event_wait.hpp"
#include "uiokit/s3c2410_rtc/rtc.hpp"
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

// An exclusive flock on a file under /run/uiokit, for the /dev/mem path, which has no owner
// otherwise. Throws Errc::busy naming the PID that holds it.
class LockFile {
 public:
  LockFile() = default;
  explicit LockFile(std::string path);
  LockFile(LockFile&& o) noexcept;
  LockFile& operator=(LockFile&& o) noexcept;
  ~LockFile();

 private:
  int fd_ = -1;
  std::string path_;
};

struct TickCount {
  unsigned ticks = 0;          // ticks counted
  unsigned by_interrupt = 0;   // of which announced by an interrupt (the rest seen in INTP.TIC)
  std::uint64_t missed = 0;    // events the UIO count says we did not see one by one
  int rtc_seconds = 0;         // RTC seconds between the first and the last counted edge
  double wall_seconds = 0;     // CLOCK_MONOTONIC over the same span (unreliable on smdkc210)
};

class RtcDevice {
 public:
  static RtcDevice open(const Selector& sel);

  RtcDevice(RtcDevice&&) noexcept = default;
  RtcDevice& operator=(RtcDevice&&) noexcept = default;

  Rtc& rtc() noexcept { return rtc_; }
  Variant variant() const noexcept { return rtc_.variant(); }
  // "uio0 (rtc), map regs at 0x10070000, s3c6410"
  const std::string& describe() const noexcept { return what_; }
  Interrupt* irq() noexcept { return irq_; }
  Interrupt* tick_irq() noexcept { return tick_irq_; }

  // A UIO device carries one interrupt line and the RTC has two, so every wait also looks at
  // INTP on S3C6410/Exynos: event_wait.hpp has how a wait tells the lines and a late
  // interrupt apart. The S3C2410 has no INTP: there only the interrupt counts.

  // Blocks until the alarm, acknowledges it (INTP) and re-enables the line. Returns true when
  // an interrupt announced it. Throws Errc::timeout, or unsupported when nothing can tell.
  bool wait_alarm(std::optional<std::chrono::milliseconds> timeout);

  // Counts ticks: `ticks` of them, or (count_ticks_over) those between two edges of the RTC's
  // seconds `rtc_seconds` apart: the RTC keeps true time where the guest clock does not.
  TickCount count_ticks(unsigned ticks, std::chrono::milliseconds timeout);
  TickCount count_ticks_over(int rtc_seconds, std::chrono::milliseconds timeout);

 private:
  // The tick line's waiter: the tick's own UIO device if given, else the RTC's.
  TickWait tick_wait();

  RtcDevice(std::optional<uio::Device> dev, LockFile lock, std::unique_ptr<Transport> regs,
            std::optional<uio::Device> tick_dev, Variant variant, Years years, std::string what);

  std::optional<uio::Device> dev_;       // 1. the device, holding its exclusive lock (UIO)
  LockFile lock_;                        //    or our lock file (/dev/mem)
  std::unique_ptr<Transport> regs_;      // 2. the mapping, or another transport (on the heap:
                                         //    rtc_ points at it and the device may move)
  std::optional<uio::Device> tick_dev_;  // 3. interrupts: a second UIO device for the tick, if any,
  Interrupt* irq_ = nullptr;             //    and non-owning views of the lines (owned above)
  Interrupt* tick_irq_ = nullptr;
  Rtc rtc_;                              // 4. the driver over the mapping
  std::string what_;
};

}  // namespace uiokit::s3c_rtc
