// SPDX-License-Identifier: MIT
// Interrupt delivery through UIO, measured on uio_stub's software (hrtimer) interrupt, in the
// x86 guest (the guest check uio_stub.bench_irq runs it; figures printed, nothing timed as a test).
//
//   bench_uio_irq throughput DEVICE [SECONDS]   the plain loop consume(); enable(): wake-ups and
//                                               events per second, missed events, and system
//                                               calls per interrupt, counted by the kernel
//   bench_uio_irq latency DEVICE [SAMPLES]      wake-up latency of a blocking read(), a bare
//                                               epoll_wait, Boost.Asio and io_uring on the device
//   bench_uio_irq latency-timerfd [SAMPLES]     the same ways on a timerfd, on any Linux: what
//                                               they cost where nothing is emulated
//
// Latency is the reader's CLOCK_MONOTONIC at wake-up minus the time the event fired: for UIO,
// the stub's timer publishes it in device/last_event_ns; a timerfd fires when it was set to.
// The ways and how they take turns are in wake_ways.hpp.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include <uiokit/uio/uio.hpp>

#include "mono_clock.hpp"
#include "syscall_counter.hpp"
#include "timerfd_interrupt.hpp"
#include "wake_ways.hpp"

namespace uio = uiokit::uio;
using bench::mono_ns;

namespace {

int fail(const std::string& why) {
  std::printf("FAIL: %s\n", why.c_str());
  return 1;
}

class EventClock {
 public:
  explicit EventClock(const uio::DeviceInfo& d)
      : fd_(::open((d.sysfs_path + "/device/last_event_ns").c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~EventClock() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  std::int64_t last() const {
    char buf[32] = {};
    const ssize_t n = ::pread(fd_, buf, sizeof buf - 1, 0);
    return n > 0 ? std::strtoll(buf, nullptr, 10) : -1;
  }

 private:
  int fd_;
};

int throughput(const char* which, double seconds) {
  bench::SyscallCounter counter;
  if (!counter.ok()) return fail(counter.why());
  auto dev = uio::Device::open(which);
  auto& irq = dev.irq();
  irq.enable();
  (void)irq.consume();  // start on an event
  irq.enable();
  std::uint64_t wakeups = 0, events = 0, missed = 0;
  const auto t0 = mono_ns();
  const auto end = t0 + static_cast<std::int64_t>(seconds * 1e9);
  // The clock is read through the vDSO: no system call of its own.
  const std::uint64_t before = counter.sample();
  while (mono_ns() < end) {
    const auto ev = irq.consume();  // blocking read()
    ++wakeups;
    events += ev.count;
    missed += ev.missed();
    irq.enable();  // write(1)
  }
  const std::uint64_t calls = bench::SyscallCounter::calls_between(before, counter.sample());
  const double elapsed = static_cast<double>(mono_ns() - t0) / 1e9;
  const double per = static_cast<double>(calls) / static_cast<double>(wakeups);
  std::printf("BENCH uio_irq.throughput wakeups_per_s=%.0f events_per_s=%.0f missed=%" PRIu64
              " syscalls_per_interrupt=%.2f (%" PRIu64 " system calls counted by the kernel for %" PRIu64
              " wake-ups) over %.2f s\n",
              static_cast<double>(wakeups) / elapsed, static_cast<double>(events) / elapsed, missed, per, calls,
              wakeups, elapsed);
  return per <= 2.01 ? 0 : fail("more than 2 system calls per interrupt");
}

// The UIO count is a running total: the events of a wake-up are the difference to the last one
// this source saw (the unsampled first wake-up of each turn brings it up to date).
int latency(const char* which, int samples) {
  auto dev = uio::Device::open(which);
  const EventClock clock(dev.info());
  if (!clock.ok()) return fail("no device/last_event_ns: not a uio_stub timer device");
  auto& irq = dev.irq();
  irq.enable();
  std::uint32_t last = 0;
  const bench::Source src{irq, sizeof last,
                          [&last](const unsigned char* buf) {
                            std::uint32_t now = 0;
                            std::memcpy(&now, buf, sizeof now);
                            const std::uint32_t n = now - last;
                            last = now;
                            return std::uint64_t{n};
                          },
                          [&clock] { return clock.last(); }};
  // The figures are not a pass/fail gate (TCG timing is noisy); every wake-up arriving is.
  return bench::compare_ways(src, "uio_irq", samples) ? 0 : 1;
}

int latency_timerfd(int samples) {
  bench::TimerfdInterrupt tfd(std::chrono::milliseconds(2));
  tfd.enable();
  const bench::Source src{tfd, sizeof(std::uint64_t),
                          [](const unsigned char* buf) {
                            std::uint64_t n = 0;
                            std::memcpy(&n, buf, sizeof n);
                            return n;
                          },
                          [&tfd] { return tfd.due_ns(); }};
  return bench::compare_ways(src, "timerfd", samples) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string what = argc > 1 ? argv[1] : "";
  const bool needs_device = what != "latency-timerfd";
  if (what.empty() || (needs_device && argc < 3)) {
    std::fprintf(stderr,
                 "usage: bench_uio_irq throughput|latency DEVICE [SECONDS|SAMPLES]\n"
                 "       bench_uio_irq latency-timerfd [SAMPLES]\n");
    return 2;
  }
  try {
    if (what == "latency-timerfd") return latency_timerfd(argc > 2 ? std::atoi(argv[2]) : 400);
    if (what == "throughput") return throughput(argv[2], argc > 3 ? std::atof(argv[3]) : 2.0);
    if (what == "latency") return latency(argv[2], argc > 3 ? std::atoi(argv[3]) : 300);
    return fail("unknown mode " + what);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}
