// SPDX-License-Identifier: MIT
// VFIO interrupt round trips against QEMU's edu device, run in the x86 guest (as the check
// pci.bench_vfio). Figures printed, nothing timed as a test.
//
// One round trip: write edu's raise register (0x60), wait until the eventfd is readable,
// read it, acknowledge (0x64). Paths compared:
//   MSI,  Interrupt::wait()   poll + read                         2 syscalls per interrupt expected
//   MSI,  Boost.Asio          epoll_wait + read (reactor)         2 expected
//   INTx, Interrupt::wait()   poll + read + ioctl(UNMASK)         3 expected
// The counts printed are the kernel's (bench/syscall_counter.hpp), not these expectations; the
// MMIO writes that raise and acknowledge are plain stores, no system call.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "syscall_counter.hpp"

#ifdef UIOKIT_HAVE_LIBPCI
#include "uiokit/pci/bind.hpp"
#include "uiokit/pci/discover.hpp"
#include "uiokit/vfio/vfio.hpp"
#ifdef UIOKIT_HAVE_ASIO
#include "uiokit/irq/asio.hpp"
#endif

using namespace uiokit;
using clk = std::chrono::steady_clock;

namespace {

constexpr std::size_t raise_reg = 0x60, ack_reg = 0x64, status_reg = 0x24;

const bench::SyscallCounter& counter() {
  static const bench::SyscallCounter c;
  return c;
}

// calls: system calls the kernel counted over the n round trips.
void report(const char* what, std::vector<double>& us, std::uint64_t calls) {
  std::sort(us.begin(), us.end());
  double sum = 0;
  for (double v : us) sum += v;
  std::printf("%-34s n=%zu  median %.1f us  mean %.1f us  p99 %.1f us  min %.1f us", what, us.size(), us[us.size() / 2],
              sum / static_cast<double>(us.size()), us[us.size() * 99 / 100], us.front());
  if (counter().ok())
    std::printf("  %.2f syscalls per interrupt\n", static_cast<double>(calls) / static_cast<double>(us.size()));
  else
    std::printf("  (syscalls not counted: %s)\n", counter().why().c_str());
}

void blocking(Region& bar, Interrupt& irq, bool unmask, int n, const char* what) {
  std::vector<double> us;
  us.reserve(static_cast<std::size_t>(n));  // no allocation inside the counted loop
  const std::uint64_t before = counter().sample();
  for (int i = 0; i < n; ++i) {
    const auto t0 = clk::now();
    bar.write<std::uint32_t>(raise_reg, 0x100);
    if (!irq.wait(std::chrono::milliseconds(1000))) throw Error(Errc::timeout, irq.describe(), "no interrupt in 1 s");
    bar.write<std::uint32_t>(ack_reg, bar.read<std::uint32_t>(status_reg));
    if (unmask) irq.enable();
    us.push_back(std::chrono::duration<double, std::micro>(clk::now() - t0).count());
  }
  report(what, us, bench::SyscallCounter::calls_between(before, counter().sample()));
}

#ifdef UIOKIT_HAVE_ASIO
void asio_path(Region& bar, Interrupt& irq, int n) {
  boost::asio::io_context io;
  AsioInterrupt a(io, irq);
  std::vector<double> us;
  us.reserve(static_cast<std::size_t>(n));
  clk::time_point t0;
  std::function<void()> next = [&] {
    t0 = clk::now();
    bar.write<std::uint32_t>(raise_reg, 0x100);
    a.async_wait([&](const boost::system::error_code& ec, IrqEvents) {
      if (ec) return;
      bar.write<std::uint32_t>(ack_reg, bar.read<std::uint32_t>(status_reg));
      us.push_back(std::chrono::duration<double, std::micro>(clk::now() - t0).count());
      if (static_cast<int>(us.size()) < n) next();
    });
  };
  const std::uint64_t before = counter().sample();
  next();
  io.run();
  if (static_cast<int>(us.size()) != n)
    throw Error(Errc::timeout, irq.describe(), "Asio delivered " + std::to_string(us.size()) + " of " +
                                                   std::to_string(n) + " interrupts");
  report("MSI round trip, Boost.Asio", us, bench::SyscallCounter::calls_between(before, counter().sample()));
}
#endif

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
  try {
    pci::Filter f;
    f.set_id("1234:11e8");
    auto devs = pci::list(f);
    if (devs.empty()) {
      std::fprintf(stderr, "bench_vfio: no edu device (1234:11e8) to measure\n");
      return 1;
    }
    const auto addr = devs.front().address;
    pci::Binder().bind(addr, "vfio-pci");
    vfio::Container container;
    auto group = vfio::Group::of(container, addr);
    auto dev = group.open(addr);
    auto& bar = dev.region(0);
    dev.enable_bus_master();
    {
      auto t0 = clk::now();
      for (int i = 0; i < 10000; ++i) (void)bar.read<std::uint32_t>(0);
      std::printf("%-34s %.1f ns per 32-bit read\n", "BAR0 MMIO read (mmap)",
                  std::chrono::duration<double, std::nano>(clk::now() - t0).count() / 10000);
      t0 = clk::now();
      for (int i = 0; i < 1000; ++i) (void)dev.read(vfio::bar0, 0, 4);
      std::printf("%-34s %.2f us per 32-bit read\n", "BAR0 region pread",
                  std::chrono::duration<double, std::micro>(clk::now() - t0).count() / 1000);
    }
    {
      auto msi = dev.enable_irqs(vfio::Irq::msi, 1);
      blocking(bar, msi[0], false, n, "MSI round trip, blocking wait()");
#ifdef UIOKIT_HAVE_ASIO
      asio_path(bar, msi[0], n);
#endif
    }
    {
      auto intx = dev.enable_irqs(vfio::Irq::intx, 1);
      blocking(bar, intx[0], true, n, "INTx round trip, wait() + unmask");
    }
  } catch (const Error& e) {
    std::printf("bench_vfio: %s\n", e.what());
    return 1;
  }
  return 0;
}
#else
int main() {
  std::printf("bench_vfio: built without libpci; nothing to measure\n");
  return 0;
}
#endif
