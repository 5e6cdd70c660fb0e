// SPDX-License-Identifier: MIT
// Guest checks of kernel/uio_stub through the UIO backend (uiokit/uio/uio.hpp).
//
//   uio-check maps DEVICE            x86: HPET map 0 ticks; vmalloc/logical/dma buffers read back
//                                    through a second mapping and a read-only observer
//   uio-check timer DEVICE PERIOD_MS software interrupt: events at the period, none while
//                                    disabled, again once enabled
//   uio-check pl031 DEVICE PHYS      a PL031 whose map "regs" is at PHYS: its data register
//                                    advances through the map
//   uio-check vram DEVICE PHYS       8 MiB of reserved video RAM are map "vram", at PHYS
//   uio-check exynos-tick DEVICE     smdkc210: RTC tick interrupts arrive through read()
//   uio-check busy DEVICE            a second exclusive open names our PID
//   uio-check pci-intx -             x86: edu on uio_pci_generic, INTx re-enabled via PCI command
//   uio-check hold DEVICE SECONDS    keep every map mapped and checked while the device goes away
// Each prints what it saw and exits 0 on pass.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <uiokit/backend/map_fd.hpp>
#include <uiokit/error.hpp>
#include <uiokit/region.hpp>
#include <uiokit/uio/uio.hpp>

#include "../check_util.hpp"

namespace uio = uiokit::uio;
using clk = std::chrono::steady_clock;

namespace {

double ms_since(clk::time_point t) {
  return std::chrono::duration<double, std::milli>(clk::now() - t).count();
}

std::string hex(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  return buf;
}

void print_maps(const uio::DeviceInfo& d) {
  std::printf("uio%u '%s' driver '%s'\n", d.number, d.name.c_str(), d.driver.c_str());
  for (const auto& m : d.maps)
    std::printf("  map%u %-10s addr 0x%" PRIx64 " size 0x%" PRIx64 " offset 0x%" PRIx64 "\n", m.index,
                m.name.c_str(), m.addr, m.size, m.offset);
}

// A buffer map: write through one mapping, read through a second and through an observer.
int check_buffer(uio::Device& dev, uio::Device& observer, const char* name, bool want_addr) {
  const auto& m = dev.info().map(std::string_view(name));
  if (want_addr != (m.addr != 0))
    return check::fail(std::string(name) + ": addr 0x" + std::to_string(m.addr) +
                       (want_addr ? " should be the buffer's address" : " should be 0 (not contiguous)"));
  auto a = dev.map(m.index);
  auto b = dev.map(m.index);
  auto ro = observer.map(m.index);
  const std::size_t n = a.size() / 4;
  for (std::size_t i = 0; i < n; i += 97) a.write<std::uint32_t>(i * 4, static_cast<std::uint32_t>(0xa5000000u + i));
  a.write<std::uint32_t>(a.size() - 4, 0x5a5a5a5au);
  for (std::size_t i = 0; i < n; i += 97) {
    const auto want = static_cast<std::uint32_t>(0xa5000000u + i);
    if (b.read<std::uint32_t>(i * 4) != want || ro.read<std::uint32_t>(i * 4) != want)
      return check::fail(std::string(name) + ": word " + std::to_string(i) + " did not read back");
  }
  if (b.read<std::uint32_t>(b.size() - 4) != 0x5a5a5a5au) return check::fail(std::string(name) + ": last word");
  std::printf("%s: 0x%zx bytes read back through a second mapping and a read-only observer\n", name, a.size());
  return 0;
}

// The kernel's own checks, past the library: uio_mmap refuses an offset naming no map and a
// length beyond the map's size (EINVAL), so a process that skips our checks cannot map past a
// device's window either.
int kernel_refuses_bad_maps(const uio::DeviceInfo& info) {
  const int fd = ::open(info.dev_path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return check::fail(info.dev_path + ": open: " + std::strerror(errno));
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  auto try_map = [&](std::size_t len, off_t off) {
    void* p = ::mmap(nullptr, len, PROT_READ, MAP_SHARED, fd, off);
    const int err = errno;
    if (p != MAP_FAILED) ::munmap(p, len);
    return p == MAP_FAILED ? err : 0;
  };
  const auto size0 = static_cast<std::size_t>(info.map(0u).size);
  const int ok = try_map(size0, 0);
  const int no_map = try_map(page, static_cast<off_t>(7 * page));
  const int too_long = try_map(size0 + page, 0);
  ::close(fd);
  std::printf("kernel: map 0 (0x%zx bytes) %s; map 7 %s; map 0 plus a page %s\n", size0,
              ok ? std::strerror(ok) : "mapped", no_map ? std::strerror(no_map) : "MAPPED",
              too_long ? std::strerror(too_long) : "MAPPED");
  if (ok != 0) return check::fail("the kernel refused map 0 itself");
  if (no_map != EINVAL) return check::fail("the kernel did not refuse map 7 with EINVAL");
  if (too_long != EINVAL) return check::fail("the kernel did not refuse a mapping longer than map 0");
  return 0;
}

int maps(const char* which) {
  auto dev = uio::Device::open(which);
  print_maps(dev.info());
  auto observer = uio::Device::open(which, {uio::Access::shared_read_only, {}});

  auto hpet = dev.map(0u);
  if (hpet.name() != "hpet" || !hpet.phys() || *hpet.phys() != 0xfed00000u || hpet.size() != 0x1000)
    return check::fail("map 0 is not the HPET: " + hpet.describe());
  const auto c0 = hpet.read<std::uint32_t>(0xf0);
  check::pause_ms(5);
  const auto c1 = hpet.read<std::uint32_t>(0xf0);
  std::printf("hpet counter 0x%08" PRIx32 " then 0x%08" PRIx32 " (capabilities 0x%08" PRIx32 ")\n", c0, c1,
              hpet.read<std::uint32_t>(0));
  if (c0 == c1) return check::fail("the HPET counter does not advance through the UIO map");

  if (int rc = check_buffer(dev, observer, "vmalloc", false)) return rc;
  if (int rc = check_buffer(dev, observer, "logical", true)) return rc;
  if (int rc = check_buffer(dev, observer, "dma", true)) return rc;

  // The library refuses a map the device does not list, before any mmap.
  try {
    (void)dev.map(7u);
    return check::fail("map 7 should not exist");
  } catch (const uiokit::Error& e) {
    if (e.code() != uiokit::Errc::not_found) return check::fail(std::string("map 7: not not_found: ") + e.what());
    std::printf("library: map 7 refused: %s\n", e.what());
  }
  return kernel_refuses_bad_maps(dev.info());
}

int timer(const char* which, int period_ms) {
  auto dev = uio::Device::open(which);
  auto& irq = dev.irq();
  const auto timeout = std::chrono::milliseconds(period_ms * 10 + 200);
  irq.enable();
  // Running: count events over about 20 periods.
  auto t0 = clk::now();
  std::uint64_t events = 0, wakeups = 0;
  while (wakeups < 20) {
    auto ev = irq.wait(timeout);
    if (!ev) return check::fail("no timer event within " + std::to_string(timeout.count()) + " ms");
    events += ev->count;
    ++wakeups;
  }
  const double ms = ms_since(t0);
  const double per = ms / static_cast<double>(events);
  std::printf("running: %" PRIu64 " events in %" PRIu64 " wake-ups over %.1f ms: %.2f ms per event (period %d ms)\n",
              events, wakeups, ms, per, period_ms);
  // Events are counted by the kernel's hrtimer and timed by the guest's clock: both run on guest
  // time, so the period holds to within a fifth however slowly the host runs the guest.
  if (per < period_ms * 0.8 || per > period_ms * 1.25) return check::fail("the event period is off");

  irq.disable();
  (void)irq.wait(std::chrono::milliseconds(0));  // an event that raced with the disable
  if (auto ev = irq.wait(std::chrono::milliseconds(period_ms * 5)))
    return check::fail("an event arrived while disabled (count " + std::to_string(ev->count) + ")");
  std::printf("disabled: no event in %d ms\n", period_ms * 5);

  irq.enable();
  t0 = clk::now();
  auto ev = irq.wait(timeout);
  if (!ev) return check::fail("no event after re-enabling");
  std::printf("enabled again: first event after %.1f ms\n", ms_since(t0));
  return 0;
}

int pl031(const char* which, std::uint64_t phys) {
  auto dev = uio::Device::open(which);
  print_maps(dev.info());
  auto regs = dev.map("regs");
  if (!regs.phys() || *regs.phys() != phys) return check::fail("map is not at " + hex(phys) + ": " + regs.describe());
  const std::uint8_t id0 = static_cast<std::uint8_t>(regs.read<std::uint32_t>(0xfe0));
  const std::uint8_t id1 = static_cast<std::uint8_t>(regs.read<std::uint32_t>(0xfe4));
  const std::uint8_t id2 = static_cast<std::uint8_t>(regs.read<std::uint32_t>(0xfe8));
  std::printf("peripheral id 0x%02x 0x%02x 0x%02x\n", id0, id1, id2);
  if (id0 != 0x31 || id1 != 0x10 || id2 != 0x14) return check::fail("not a PL031");
  const auto d0 = regs.read<std::uint32_t>(0x00);
  check::pause_ms(1300);
  const auto d1 = regs.read<std::uint32_t>(0x00);
  std::printf("data register %" PRIu32 " then %" PRIu32 " after 1.3 s\n", d0, d1);
  return d1 > d0 ? 0 : check::fail("the PL031 data register does not advance");
}

int vram(const char* which, std::uint64_t phys) {
  auto dev = uio::Device::open(which);
  print_maps(dev.info());
  auto v = dev.map("vram");
  if (!v.phys() || *v.phys() != phys || v.size() != 0x800000)
    return check::fail("vram map is not 8 MiB at " + hex(phys) + ": " + v.describe());
  auto again = dev.map("vram");
  v.write<std::uint32_t>(0, 0x11223344u);
  v.write<std::uint32_t>(v.size() - 4, 0x55667788u);
  // Write-combined: the second mapping of the same pages sees the stores after a barrier.
  uiokit::mmio::wmb();
  if (again.read<std::uint32_t>(0) != 0x11223344u || again.read<std::uint32_t>(v.size() - 4) != 0x55667788u)
    return check::fail("vram did not read back");
  std::printf("vram: first and last word read back through a second mapping\n");
  return 0;
}

// Exynos4210 RTC tick: RTCCON = CTLEN | TICEN (tick clock 32768 Hz), TICCNT 3277 -> 10 Hz.
int exynos_tick(const char* which) {
  constexpr std::size_t intp = 0x30, rtccon = 0x40, ticcnt = 0x44;
  auto dev = uio::Device::open(which);
  print_maps(dev.info());
  auto regs = dev.map("regs");
  auto& irq = dev.irq();
  regs.write<std::uint32_t>(intp, 0x3);  // clear stale flags
  regs.write<std::uint32_t>(ticcnt, 3277);
  regs.write<std::uint32_t>(rtccon, 0x101);
  irq.enable();
  const auto t0 = clk::now();
  int ticks = 0, spurious = 0;
  while (ticks < 10) {
    auto ev = irq.wait(std::chrono::milliseconds(3000));
    if (!ev) break;
    const auto pending = regs.read<std::uint32_t>(intp);
    if (pending & 1u) {
      ++ticks;
      regs.write<std::uint32_t>(intp, 1u);  // write 1 to clear, then unmask the line
    } else {
      ++spurious;
    }
    if (ev->count != 1) std::printf("  wake-up with %" PRIu64 " events (missed %" PRIu64 ")\n", ev->count, ev->missed());
    irq.enable();
  }
  const double ms = ms_since(t0);
  regs.write<std::uint32_t>(rtccon, 0x1);  // tick off
  regs.write<std::uint32_t>(intp, 0x3);
  std::printf("%d tick interrupts in %.0f ms of guest time (%.1f per guest second), %d without INTP set\n", ticks, ms,
              ticks * 1000.0 / ms, spurious);
  if (ticks < 10) return check::fail("fewer than 10 tick interrupts arrived");
  if (spurious > 0) return check::fail("events without a pending tick (lazy disable duplicates?)");
  return 0;
}

// Maps every map, then keeps touching them while the shell unbinds or removes the device:
// the stub must keep the memory alive until this process unmaps (no oops, no stale pages).
int hold(const char* which, int seconds) {
  std::vector<uiokit::Region> regions;
  {
    auto dev = uio::Device::open(which);
    print_maps(dev.info());
    for (const auto& m : dev.info().maps) regions.push_back(dev.map(m.index));
  }  // the device file is closed: only the mappings hold it now
  for (auto& r : regions)
    if (r.name() != "regs" && r.name() != "hpet") r.write<std::uint32_t>(0, 0xfeedbeefu);
  std::printf("holding %zu maps for %d s\n", regions.size(), seconds);
  std::fflush(stdout);
  const auto t0 = clk::now();
  while (ms_since(t0) < seconds * 1000.0) {
    for (auto& r : regions)
      if (r.name() != "regs" && r.name() != "hpet" && r.read<std::uint32_t>(0) != 0xfeedbeefu)
        return check::fail(r.describe() + " changed under the mapping");
    check::pause_ms(50);
  }
  std::printf("maps still readable and unchanged after %d s\n", seconds);
  return 0;
}

// uio_pci_generic has no irqcontrol: enable() must fall back to the INTx-disable bit of the
// PCI command register. The edu device (1234:11e8) raises INTx on a write to 0x60.
int pci_intx() {
  namespace fs = std::filesystem;
  std::string bdf;
  for (const auto& e : fs::directory_iterator("/sys/bus/pci/devices")) {
    std::ifstream v(e.path() / "vendor"), d(e.path() / "device");
    std::string vs, ds;
    v >> vs;
    d >> ds;
    if (vs == "0x1234" && ds == "0x11e8") bdf = e.path().filename().string();
  }
  if (bdf.empty()) return check::fail("no edu device (1234:11e8)");
  const fs::path dev = fs::path("/sys/bus/pci/devices") / bdf;
  if (!fs::exists(dev / "uio")) {
    if (fs::exists(dev / "driver")) std::ofstream(dev / "driver/unbind") << bdf;
    std::ofstream(dev / "driver_override") << "uio_pci_generic";
    std::ofstream("/sys/bus/pci/drivers_probe") << bdf;
  }
  // Leave the device as we found it for the checks that follow: no override, driver re-probed.
  struct Restore {
    fs::path dev;
    std::string bdf;
    ~Restore() {
      std::ofstream(dev / "driver_override") << "\n";
      if (fs::exists(dev / "driver")) std::ofstream(dev / "driver/unbind") << bdf;
      std::ofstream("/sys/bus/pci/drivers_probe") << bdf;
    }
  } restore{dev, bdf};
  std::string uio_name;
  for (const auto& e : fs::directory_iterator(dev / "uio")) uio_name = e.path().filename().string();
  auto udev = uio::Device::open(uio_name);
  print_maps(udev.info());
  const int fd = ::open((dev / "resource0").c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return check::fail("open resource0");
  uiokit::MapRequest req;
  req.size = 0x1000;
  req.info.name = "bar0";
  req.info.source = (dev / "resource0").string();
  auto bar = uiokit::map_fd(fd, req);
  ::close(fd);
  auto& irq = udev.irq();
  irq.enable();
  for (int round = 0; round < 3; ++round) {
    bar.write<std::uint32_t>(0x60, 0x100u << round);  // raise
    auto ev = irq.wait(std::chrono::milliseconds(2000));
    if (!ev) return check::fail("no INTx within 2 s, round " + std::to_string(round));
    const auto st = bar.read<std::uint32_t>(0x24);
    bar.write<std::uint32_t>(0x64, st);  // acknowledge, then unmask through the command register
    irq.enable();
    std::printf("round %d: %" PRIu64 " event(s), status 0x%x, control %s\n", round, ev->count, st,
                irq.control() == uio::UioInterrupt::Control::pci_command ? "pci_command" : "irqcontrol");
    if (irq.control() != uio::UioInterrupt::Control::pci_command)
      return check::fail("uio_pci_generic should have fallen back to the PCI command register");
  }
  return 0;
}

int busy(const char* which) {
  auto dev = uio::Device::open(which);
  try {
    auto second = uio::Device::open(which);
    return check::fail("a second exclusive open succeeded");
  } catch (const uiokit::Error& e) {
    const std::string msg = e.what();
    std::printf("second open: %s\n", msg.c_str());
    const std::string want = "is in use by PID " + std::to_string(::getpid());
    return msg.find(want) != std::string::npos ? 0 : check::fail("message does not say '" + want + "'");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: uio-check maps|timer|pl031|vram|exynos-tick|busy DEVICE [PERIOD_MS|PHYS]\n");
    return 2;
  }
  const std::string_view what = argv[1];
  const char* dev = argv[2];
  const auto phys = [&] {
    if (argc < 4) throw std::invalid_argument(std::string(what) + " needs the physical address");
    return check::parse_u64(argv[3]);
  };
  return check::run([&] {
    if (what == "maps") return maps(dev);
    if (what == "timer") return timer(dev, argc > 3 ? std::atoi(argv[3]) : 10);
    if (what == "pl031") return pl031(dev, phys());
    if (what == "vram") return vram(dev, phys());
    if (what == "exynos-tick") return exynos_tick(dev);
    if (what == "busy") return busy(dev);
    if (what == "pci-intx") return pci_intx();
    if (what == "hold") return hold(dev, argc > 3 ? std::atoi(argv[3]) : 3);
    return check::fail("unknown check " + std::string(what));
  });
}
