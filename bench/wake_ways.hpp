// SPDX-License-Identifier: MIT
// Ways of waking up for an event on a descriptor, timed from the moment the event fired to the
// moment the waiting code runs: a blocking read(), a bare epoll_wait, Boost.Asio (readiness, and
// uiokit::AsioInterrupt's handler with the count) and, where liburing is present, io_uring (the
// read done in the kernel on the way back, as Asio's io_uring backend would do it).
//
// A Source is what the ways wait on: an Interrupt whose descriptor turns readable once per
// event, how to count the events in what read() returned, and when the last event fired. The
// ways take turns of `turn` samples, so that a slow spell of the host (TCG timing drifts with
// its load) falls on all of them alike. The first wake-up of each turn is not sampled: it may
// carry events from the previous way, and it finds the way's code cold.
#pragma once

#include <fcntl.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <uiokit/irq/asio.hpp>
#include <uiokit/irq/interrupt.hpp>

#if UIOKIT_BENCH_HAS_LIBURING
#include <liburing.h>
#endif

#include "mono_clock.hpp"

namespace bench {

struct Source {
  uiokit::Interrupt& irq;
  std::size_t read_size;                                      // bytes one read() returns
  std::function<std::uint64_t(const unsigned char*)> events;  // events in what read() returned
  std::function<std::int64_t()> fired_ns;                     // CLOCK_MONOTONIC of the last event
};

struct Stats {
  double median = 0, p90 = 0, p99 = 0, min = 0;
  std::size_t n = 0;
};

inline Stats stats(std::vector<double> v) {
  Stats s;
  s.n = v.size();
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))]; };
  s.min = v.front();
  s.median = at(0.5);
  s.p90 = at(0.9);
  s.p99 = at(0.99);
  return s;
}

// One way's samples: microseconds from the event to `woke`, kept when the wake-up carried
// exactly one event (so that the timestamp belongs to the event that woke us).
class Way {
 public:
  Way(std::string name, const Source& src) : name_(std::move(name)), src_(src) {}
  void take(std::int64_t woke, std::uint64_t count) {
    const auto fired = src_.fired_ns();
    if (first_of_turn_) {
      first_of_turn_ = false;
    } else if (count == 1 && fired > 0 && fired <= woke) {
      us_.push_back(static_cast<double>(woke - fired) / 1000.0);
    } else {
      ++skipped_;
    }
  }
  void start_turn() { first_of_turn_ = true; }
  const std::string& name() const { return name_; }
  const std::vector<double>& samples() const { return us_; }
  int skipped() const { return skipped_; }
  std::size_t wakeups() const { return us_.size() + static_cast<std::size_t>(skipped_); }

 private:
  std::string name_;
  const Source& src_;
  std::vector<double> us_;
  int skipped_ = 0;
  bool first_of_turn_ = false;
};

// Restores the descriptor's file status flags (Asio and the io_uring way make it non-blocking).
class FlagsGuard {
 public:
  explicit FlagsGuard(int fd) : fd_(fd), flags_(::fcntl(fd, F_GETFL)) {}
  ~FlagsGuard() {
    if (flags_ >= 0) (void)::fcntl(fd_, F_SETFL, flags_);
  }
  void nonblocking() const { (void)::fcntl(fd_, F_SETFL, flags_ | O_NONBLOCK); }
  FlagsGuard(const FlagsGuard&) = delete;
  FlagsGuard& operator=(const FlagsGuard&) = delete;

 private:
  int fd_;
  int flags_;
};

// read() blocks and returns with the count.
inline void raw_turn(const Source& s, Way& w, int n) {
  w.start_turn();
  for (int i = 0; i <= n; ++i) {
    const auto ev = s.irq.consume();
    w.take(mono_ns(), ev.count);
    s.irq.enable();
  }
}

// A bare epoll_wait (timestamp at its return), then the read: what the kernel's epoll path
// alone adds, without Asio's reactor and scheduler around it.
inline void epoll_turn(const Source& s, Way& w, int n) {
  const int ep = ::epoll_create1(EPOLL_CLOEXEC);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = s.irq.fd();
  ::epoll_ctl(ep, EPOLL_CTL_ADD, s.irq.fd(), &ev);
  w.start_turn();
  for (int i = 0; i <= n;) {
    epoll_event out{};
    if (::epoll_wait(ep, &out, 1, -1) != 1) continue;
    const auto woke = mono_ns();
    w.take(woke, s.irq.consume().count);
    s.irq.enable();
    ++i;
  }
  ::close(ep);
}

// The reactor alone (timestamp when async_wait completes, before the count is read), then
// uiokit::AsioInterrupt (timestamp in its handler, which gets the count: one read() more on the
// way than the blocking loop, which reads to wait).
inline void asio_turns(boost::asio::io_context& io, const Source& s, Way& wake, Way& handler, int n) {
  {
    const FlagsGuard flags(s.irq.fd());
    boost::asio::posix::stream_descriptor sd(io, s.irq.fd());
    int got = 0;
    wake.start_turn();
    std::function<void(const boost::system::error_code&)> on_ready = [&](const boost::system::error_code& ec) {
      const auto woke = mono_ns();
      if (ec) return;
      wake.take(woke, s.irq.consume().count);
      s.irq.enable();
      if (++got <= n) sd.async_wait(boost::asio::posix::stream_descriptor::wait_read, on_ready);
    };
    sd.async_wait(boost::asio::posix::stream_descriptor::wait_read, on_ready);
    io.restart();
    io.run();
    (void)sd.release();  // the Interrupt owns the descriptor
  }
  uiokit::AsioInterrupt airq(io, s.irq);
  int got = 0;
  handler.start_turn();
  std::function<void(const boost::system::error_code&, uiokit::IrqEvents)> on_irq =
      [&](const boost::system::error_code& ec, uiokit::IrqEvents ev) {
        const auto woke = mono_ns();
        if (ec) return;
        handler.take(woke, ev.count);
        s.irq.enable();
        if (++got <= n) airq.async_wait(on_irq);
      };
  airq.async_wait(on_irq);
  io.restart();
  io.run();
}

#if UIOKIT_BENCH_HAS_LIBURING
// The read submitted to io_uring and reaped with its result (timestamp when the completion is
// seen). On a non-blocking descriptor the kernel polls it and does the read in this task when
// the event arrives, which is what Asio's io_uring backend (Boost 1.78 and later) does; on a
// blocking one, io_uring hands the read to a kernel worker thread that blocks in it.
class UringTurns {
 public:
  UringTurns() : ok_(::io_uring_queue_init(4, &ring_, 0) == 0) {}
  ~UringTurns() {
    if (ok_) ::io_uring_queue_exit(&ring_);
  }
  UringTurns(const UringTurns&) = delete;
  UringTurns& operator=(const UringTurns&) = delete;
  bool ok() const { return ok_; }

  void turn(const Source& s, Way& w, int n, bool nonblocking) {
    const FlagsGuard flags(s.irq.fd());
    if (nonblocking) flags.nonblocking();
    unsigned char buf[8] = {};
    w.start_turn();
    for (int i = 0; i <= n;) {
      io_uring_sqe* sqe = ::io_uring_get_sqe(&ring_);
      ::io_uring_prep_read(sqe, s.irq.fd(), buf, static_cast<unsigned>(s.read_size), 0);
      io_uring_cqe* cqe = nullptr;
      const int rc = ::io_uring_submit_and_wait(&ring_, 1);
      if (rc < 0 || ::io_uring_peek_cqe(&ring_, &cqe) != 0) {
        std::printf("BENCH %s: io_uring_submit_and_wait failed (%d): turn cut short\n", w.name().c_str(), rc);
        return;
      }
      const auto woke = mono_ns();
      const int res = cqe->res;
      ::io_uring_cqe_seen(&ring_, cqe);
      w.take(woke, res == static_cast<int>(s.read_size) ? s.events(buf) : 0);
      s.irq.enable();
      ++i;
    }
  }

 private:
  io_uring ring_{};
  bool ok_;
};
#endif

inline void show(const Way& w) {
  const Stats s = stats(w.samples());
  std::printf("BENCH %s median=%.1f p90=%.1f p99=%.1f min=%.1f samples=%zu\n", w.name().c_str(), s.median, s.p90,
              s.p99, s.min, s.n);
}

// Every way, `samples` times each, in turns; prints each way's figures and the medians'
// ratios to the blocking read's. `prefix` names the source in the figures' names.
// Returns false, saying why, when a way lost wake-ups (a turn cut short: an error, a way that
// stopped waiting) or when more than a quarter of all wake-ups carried other than one event
// (the source is not delivering its events one by one): the figures are printed either way,
// and how fast the ways are is never a failure.
inline bool compare_ways(const Source& s, const std::string& prefix, int samples) {
  constexpr int turn = 25;
  auto way = [&](const char* key) { return Way(prefix + ".latency_" + key + "_us", s); };
  Way raw = way("raw_read"), ep = way("epoll"), wake = way("asio_wake"), handler = way("asio_handler");
  std::vector<std::pair<const Way*, const char*>> compared{
      {&wake, "wake"}, {&handler, "handler"}, {&ep, "epoll"}};
  boost::asio::io_context io(1);
#if UIOKIT_BENCH_HAS_LIBURING
  Way ur = way("uring_read"), urb = way("uring_read_blocking_fd");
  UringTurns uring;
  if (uring.ok()) {
    compared.insert(compared.end(), {{&ur, "uring_read"}, {&urb, "uring_read_blocking_fd"}});
  } else {
    std::printf("BENCH %s: io_uring unavailable (io_uring_queue_init failed): its ways left out\n", prefix.c_str());
  }
#endif
  for (int done = 0; done < samples; done += turn) {
    raw_turn(s, raw, turn);
    epoll_turn(s, ep, turn);
    asio_turns(io, s, wake, handler, turn);
#if UIOKIT_BENCH_HAS_LIBURING
    if (uring.ok()) {
      uring.turn(s, ur, turn, true);
      uring.turn(s, urb, turn, false);
    }
#endif
  }
  const double base = stats(raw.samples()).median;
  show(raw);
  int skipped = raw.skipped();
  std::string ratios;
  for (const auto& [w, key] : compared) {
    show(*w);
    skipped += w->skipped();
    char item[96];
    std::snprintf(item, sizeof item, "%s%s_median_ratio=%.3f", ratios.empty() ? "" : " ", key,
                  w->samples().empty() ? 0.0 : stats(w->samples()).median / base);
    ratios += item;
  }
  std::printf("BENCH %s.vs_raw_read %s; %d wake-ups skipped (other than one event)\n", prefix.c_str(),
              ratios.c_str(), skipped);
  const std::size_t expected = static_cast<std::size_t>((samples + turn - 1) / turn * turn);
  bool ok = true;
  std::size_t total = raw.wakeups();
  if (raw.wakeups() != expected) {
    std::printf("FAIL: %s: %zu of %zu wake-ups\n", raw.name().c_str(), raw.wakeups(), expected);
    ok = false;
  }
  for (const auto& entry : compared) {
    const Way& w = *entry.first;
    total += w.wakeups();
    if (w.wakeups() != expected) {
      std::printf("FAIL: %s: %zu of %zu wake-ups\n", w.name().c_str(), w.wakeups(), expected);
      ok = false;
    }
  }
  if (static_cast<std::size_t>(skipped) * 4 > total) {
    std::printf("FAIL: %s: %d of %zu wake-ups carried other than one event\n", prefix.c_str(), skipped, total);
    ok = false;
  }
  return ok;
}

}  // namespace bench
