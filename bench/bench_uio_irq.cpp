// Interrupt delivery through UIO, measured on uio_stub's software (hrtimer) interrupt, in the
// x86 guest (the guest check uio_stub.bench_irq runs it; figures printed, nothing timed as a test).
//
//   bench_uio_irq throughput DEVICE [SECONDS]   the plain loop consume(); enable(): wake-ups and
//                                               events per second, missed events, and system
//                                               calls per interrupt, counted by the kernel
//   bench_uio_irq latency DEVICE [SAMPLES]      wake-up latency of a blocking read(), of a bare
//                                               epoll_wait and of Boost.Asio on the same device
//
// Latency is the reader's CLOCK_MONOTONIC at wake-up minus the time the stub's timer fired,
// which the stub publishes in device/last_event_ns. Only wake-ups that carry exactly one event
// are sampled, so the timestamp belongs to the event that woke us. The four ways take turns
// in rounds of 25 samples, so that a slow spell of the emulator (TCG timing drifts with the
// host's load) falls on all of them alike instead of on whichever ran then.
#include <fcntl.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <functional>
#include <string>
#include <vector>

#include <uiokit/irq/asio.hpp>
#include <uiokit/uio/uio.hpp>

#include "syscall_counter.hpp"

namespace uio = uiokit::uio;

namespace {

int fail(const std::string& why) {
  std::printf("FAIL: %s\n", why.c_str());
  return 1;
}

std::int64_t mono_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
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

struct Stats {
  double median = 0, p90 = 0, p99 = 0, min = 0;
};
Stats stats(std::vector<double> v) {
  Stats s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))]; };
  s.min = v.front();
  s.median = at(0.5);
  s.p90 = at(0.9);
  s.p99 = at(0.99);
  return s;
}

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

// One sample: microseconds from the timer to `woke`, if the wake-up carried exactly one event.
struct Sampler {
  const EventClock& clock;
  std::vector<double>& out;
  int& skipped;
  void operator()(std::int64_t woke, std::uint64_t count) const {
    const auto fired = clock.last();
    if (count == 1 && fired > 0 && fired <= woke)
      out.push_back(static_cast<double>(woke - fired) / 1000.0);
    else
      ++skipped;
  }
};

// n blocking wake-ups: read() returns with the count.
void raw_round(uiokit::Interrupt& irq, const Sampler& take, int n) {
  for (int i = 0; i < n; ++i) {
    const auto ev = irq.consume();
    take(mono_ns(), ev.count);
    irq.enable();
  }
}

// n wake-ups through a bare epoll_wait (timestamp at its return), then the read: what the
// kernel's epoll path alone adds, without Asio's reactor and scheduler around it.
void epoll_round(uiokit::Interrupt& irq, const Sampler& take, int n) {
  const int ep = ::epoll_create1(EPOLL_CLOEXEC);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = irq.fd();
  ::epoll_ctl(ep, EPOLL_CTL_ADD, irq.fd(), &ev);
  for (int i = 0; i < n; ++i) {
    epoll_event out{};
    if (::epoll_wait(ep, &out, 1, -1) != 1) continue;
    const auto woke = mono_ns();
    const auto e = irq.consume();
    take(woke, e.count);
    irq.enable();
  }
  ::close(ep);
}

// n wake-ups of the reactor alone (timestamp when async_wait completes, before the count is
// read), then n through uiokit::AsioInterrupt (timestamp in its handler, which gets the count:
// one read() more on the way than the blocking loop, which reads to wait).
void asio_round(boost::asio::io_context& io, uiokit::Interrupt& irq, const Sampler& wake, const Sampler& handler, int n) {
  const int flags = ::fcntl(irq.fd(), F_GETFL);  // Asio leaves it non-blocking: restored below
  boost::asio::posix::stream_descriptor sd(io, irq.fd());
  int got = 0;
  std::function<void(const boost::system::error_code&)> on_ready = [&](const boost::system::error_code& ec) {
    const auto woke = mono_ns();
    if (ec) return;
    const auto ev = irq.consume();
    wake(woke, ev.count);
    irq.enable();
    if (++got < n) sd.async_wait(boost::asio::posix::stream_descriptor::wait_read, on_ready);
  };
  sd.async_wait(boost::asio::posix::stream_descriptor::wait_read, on_ready);
  io.restart();
  io.run();
  (void)::fcntl(sd.release(), F_SETFL, flags);  // the Device owns the descriptor

  uiokit::AsioInterrupt airq(io, irq);
  got = 0;
  std::function<void(const boost::system::error_code&, uiokit::IrqEvents)> on_irq =
      [&](const boost::system::error_code& ec, uiokit::IrqEvents ev) {
        const auto woke = mono_ns();
        if (ec) return;
        handler(woke, ev.count);
        irq.enable();
        if (++got < n) airq.async_wait(on_irq);
      };
  airq.async_wait(on_irq);
  io.restart();
  io.run();
}

int latency(const char* which, int samples) {
  auto dev = uio::Device::open(which);
  EventClock clock(dev.info());
  if (!clock.ok()) return fail("no device/last_event_ns: not a uio_stub timer device");
  auto& irq = dev.irq();
  irq.enable();
  (void)irq.consume();  // the first wake-up may carry events from before: not sampled
  irq.enable();

  std::vector<double> raw, wake, handler, epw;
  int skipped = 0;
  const Sampler take_raw{clock, raw, skipped}, take_wake{clock, wake, skipped}, take_handler{clock, handler, skipped};
  const Sampler take_ep{clock, epw, skipped};
  boost::asio::io_context io(1);
  constexpr int round = 25;
  for (int done = 0; done < samples; done += round) {
    raw_round(irq, take_raw, round);
    epoll_round(irq, take_ep, round);
    asio_round(io, irq, take_wake, take_handler, round);
  }

  const Stats r = stats(raw), w = stats(wake), a = stats(handler);
  auto show = [](const char* name, const Stats& s, std::size_t n) {
    std::printf("BENCH uio_irq.%s median=%.1f p90=%.1f p99=%.1f min=%.1f samples=%zu\n", name, s.median, s.p90, s.p99,
                s.min, n);
  };
  show("latency_raw_read_us", r, raw.size());
  show("latency_asio_wake_us", w, wake.size());
  show("latency_asio_handler_us", a, handler.size());
  const Stats e = stats(epw);
  show("latency_epoll_us", e, epw.size());
  std::printf("BENCH uio_irq.asio_vs_raw wake_median_ratio=%.3f handler_median_ratio=%.3f (goal <= 1.10); "
              "bare epoll_wait %.3f; %d wake-ups skipped (more than one event)\n",
              w.median / r.median, a.median / r.median, e.median / r.median, skipped);
  return 0;  // figures, not a pass/fail gate: TCG timing is noisy
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_uio_irq throughput|latency DEVICE [SECONDS|SAMPLES]\n");
    return 2;
  }
  const std::string what = argv[1];
  try {
    if (what == "throughput") return throughput(argv[2], argc > 3 ? std::atof(argv[3]) : 2.0);
    if (what == "latency") return latency(argv[2], argc > 3 ? std::atoi(argv[3]) : 300);
    return fail("unknown mode " + what);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}
