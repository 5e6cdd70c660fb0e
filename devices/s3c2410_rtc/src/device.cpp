// SPDX-License-Identifier: MIT
#include "uiokit/s3c2410_rtc/device.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "uiokit/address/open.hpp"
#include "uiokit/address/sysfs.hpp"
#ifdef UIOKIT_HAVE_LIBFDT
#include "uiokit/fdt/tree.hpp"
#endif

namespace uiokit::s3c_rtc {

namespace fs = std::filesystem;

// ---- discovery -------------------------------------------------------------------------------

namespace {

struct Found {
  rtc::Place place;
  std::optional<Variant> variant;
};

const char* const known_compatibles[] = {"samsung,s3c6410-rtc", "samsung,s3c2410-rtc", "samsung,exynos3250-rtc",
                                         "uiokit,uio-stub"};

// The S3C2410 RTC sits at 0x57000000 (S3C2410X manual, memory map); the others are Exynos-like.
constexpr std::uint64_t s3c2410_rtc_phys = 0x57000000;

#ifdef UIOKIT_HAVE_LIBFDT
fdt::Tree read_tree(const OpenOptions& o) {
  return o.dtb.empty() ? fdt::Tree::running_system() : fdt::Tree::from_file(o.dtb);
}

std::optional<Variant> variant_of(const fdt::Tree& t, fdt::Node n) {
  for (const auto& c : t.compatible(n))
    if (auto v = parse_variant(c)) return v;
  return std::nullopt;
}

// A uio-stub node is the RTC when the stub was told to call it "rtc" or the node is an rtc@.
bool stub_is_rtc(const fdt::Tree& t, fdt::Node n) {
  if (auto name = t.string_property(n, "uiokit,uio-name")) return *name == "rtc" || name->rfind("rtc", 0) == 0;
  return t.name(n).rfind("rtc@", 0) == 0;
}

// The first enabled node with a reg among the known RTC compatibles (or `compatible`), as a
// dt: address of its path.
DeviceAddress find_in_tree(const std::string& compatible, const OpenOptions& o) {
  const fdt::Tree tree = read_tree(o);
  std::vector<std::string> wanted;
  if (compatible.empty())
    wanted.assign(std::begin(known_compatibles), std::end(known_compatibles));
  else
    wanted.push_back(compatible);
  for (const auto& c : wanted)
    for (fdt::Node n : tree.find_compatible(c)) {
      if (!tree.enabled(n) || tree.reg(n).empty()) continue;
      if (c == "uiokit,uio-stub" && !stub_is_rtc(tree, n)) continue;
      return parse_address("dt:" + tree.path(n));
    }
  std::string list;
  for (const auto& c : wanted) list += (list.empty() ? "" : ", ") + c;
  throw Error(Errc::not_found, tree.source(), "no enabled device-tree node with a reg is compatible with " + list);
}

std::optional<Variant> dt_variant(const DeviceAddress& a, const OpenOptions& o) {
  const fdt::Tree tree = read_tree(o);
  return variant_of(tree, fdt::select(tree, a.dt_selector, a.dt_index));
}
#else
DeviceAddress find_in_tree(const std::string&, const OpenOptions&) {
  throw Error(Errc::unsupported, "device tree", "find the RTC by compatible", {}, 0, "this build has no libfdt");
}
std::optional<Variant> dt_variant(const DeviceAddress&, const OpenOptions&) { return std::nullopt; }
#endif

// Any address (rtc::open_place), and the variant it tells.
Found open_address(const DeviceAddress& a, const OpenOptions& o) {
  Found f;
  if (a.scheme == DeviceAddress::Scheme::dt) f.variant = dt_variant(a, o);
  if (a.scheme == DeviceAddress::Scheme::mem && a.offset == s3c2410_rtc_phys) f.variant = Variant::s3c2410;
  f.place = rtc::open_place(a, o);
  return f;
}

}  // namespace

RtcDevice RtcDevice::open(const Selector& sel) {
  const OpenOptions& o = sel.open;
  Found f;
  if (sel.address) {
    f = open_address(*sel.address, o);
  } else if (sel.dt_compatible) {
    f = open_address(find_in_tree(*sel.dt_compatible, o), o);
  } else {
    try {
      f = open_address(parse_address("uio:rtc"), o);
    } catch (const Error& e) {
      if (e.code() != Errc::not_found) throw;
      try {
        f = open_address(find_in_tree({}, o), o);
      } catch (const Error& e2) {
        if (e2.code() != Errc::not_found && e2.code() != Errc::unsupported && e2.code() != Errc::fdt_error) throw;
        throw Error(Errc::not_found, "RTC",
                    "no UIO device 'rtc' and no device-tree node of a known S3C RTC (" + std::string(e.what()) +
                        "; " + e2.what() + ")",
                    {}, 0, "load kernel/uio_stub for the board's RTC node, or give -d ADDRESS");
      }
    }
  }
  std::optional<uio::Device> tick;
  if (!sel.tick_uio.empty())
    tick = uio::Device::open(sel.tick_uio, uio::Device::Options{uio::Access::exclusive, uio_paths(o)});
  const Variant v = sel.variant.value_or(f.variant.value_or(Variant::s3c6410));
  return RtcDevice(std::move(f.place), std::move(tick), v, sel.years);
}

RtcDevice::RtcDevice(rtc::Place place, std::optional<uio::Device> tick_dev, Variant variant, Years years)
    : place_(std::move(place)),
      tick_dev_(std::move(tick_dev)),
      rtc_(*place_.regs, variant, years),
      what_(place_.what + ", " + std::string(to_string(variant))) {
  irq_ = place_.irq();
  if (tick_dev_) tick_irq_ = &tick_dev_->irq();
}

// ---- interrupts ------------------------------------------------------------------------------

bool RtcDevice::wait_alarm(std::optional<std::chrono::milliseconds> timeout) {
  if (!irq_ && !rtc_.alarm_pending().has_value())
    throw Error(Errc::unsupported, what_, "wait for the alarm", {}, 0,
                "the S3C2410 has no pending register: open the RTC through UIO for its interrupt");
  const auto deadline = timeout ? SteadyClock::now() + *timeout : SteadyClock::time_point::max();
  if (const auto how = wait_alarm_event(rtc_, irq_, deadline)) return *how;
  throw Error(Errc::timeout, "alarm",
              "no alarm within " + std::to_string(timeout ? timeout->count() : 0) + " ms (guest time)");
}

TickWait RtcDevice::tick_wait() {
  Interrupt* line = tick_irq_ ? tick_irq_ : irq_;
  if (!line && !rtc_.tick_pending().has_value())
    throw Error(Errc::unsupported, what_, "count ticks", {}, 0,
                "the S3C2410 has no pending register: open the RTC through UIO for its interrupt");
  return TickWait(rtc_, line);
}

TickCount RtcDevice::count_ticks(unsigned ticks, std::chrono::milliseconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  TickCount c;
  auto ticks_in = tick_wait();
  const DateTime rtc0 = rtc_.read_time();
  const auto t0 = SteadyClock::now();
  while (c.ticks < ticks) {
    const auto how = ticks_in.next(deadline);
    if (!how)
      throw Error(Errc::timeout, "tick", "only " + std::to_string(c.ticks) + " of " + std::to_string(ticks) +
                                             " ticks within " + std::to_string(timeout.count()) + " ms");
    ++c.ticks;
    c.by_interrupt += *how ? 1 : 0;
  }
  c.wall_seconds = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  c.rtc_seconds = static_cast<int>(to_unix(rtc_.read_time()) - to_unix(rtc0));
  return c;
}

TickCount RtcDevice::count_ticks_over(int rtc_seconds, std::chrono::milliseconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  TickCount c;
  auto ticks_in = tick_wait();
  // Start at a tick right after an edge of the RTC's seconds.
  std::int64_t start = to_unix(rtc_.read_time());
  for (;;) {
    if (!ticks_in.next(deadline)) throw Error(Errc::timeout, "tick", "no tick before the RTC's next second");
    const auto now = to_unix(rtc_.read_time());
    if (now != start) {
      start = now;
      break;
    }
  }
  const auto t0 = SteadyClock::now();
  for (;;) {
    const auto how = ticks_in.next(deadline);
    if (!how) throw Error(Errc::timeout, "tick", "the ticks stopped after " + std::to_string(c.ticks));
    const auto now = to_unix(rtc_.read_time());
    if (now - start >= rtc_seconds) {  // this tick belongs to the next interval
      c.rtc_seconds = static_cast<int>(now - start);
      break;
    }
    ++c.ticks;
    c.by_interrupt += *how ? 1 : 0;
  }
  c.wall_seconds = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  return c;
}

}  // namespace uiokit::s3c_rtc
