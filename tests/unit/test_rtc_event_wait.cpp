// SPDX-License-Identifier: MIT
// s3c2410_rtc: how alarm and tick waits tell a late interrupt from another line's (event_wait.hpp),
// over FakeDevice and a line made of an eventfd. The races are staged, not timed: an
// interrupt that reaches us after its pending bit was acknowledged is signalled from the
// acknowledging write; one still in flight when INTP is read comes from a thread a few ms later.
#include <doctest/doctest.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <functional>
#include <thread>

#include "uiokit/fake/fake_transport.hpp"
#include "uiokit/s3c2410_rtc/event_wait.hpp"

using namespace uiokit::s3c_rtc;
using uiokit::fake::FakeDevice;
using uiokit::fake::FakeTransport;
using namespace std::chrono_literals;

namespace {
constexpr std::size_t INTP = 0x30;
constexpr std::uint64_t TIC = 0x1, ALM = 0x2;

// An interrupt line: an eventfd, masked when an event is consumed (as UIO's irqcontrol), with
// a hook on every unmask so a test can make the hardware act at that moment.
class FakeLine final : public uiokit::Interrupt {
 public:
  FakeLine() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) { REQUIRE(fd_ >= 0); }
  ~FakeLine() override { ::close(fd_); }
  FakeLine(const FakeLine&) = delete;
  FakeLine& operator=(const FakeLine&) = delete;

  void signal() const {
    const std::uint64_t one = 1;
    REQUIRE(::write(fd_, &one, sizeof one) == sizeof one);
  }
  int fd() const noexcept override { return fd_; }
  uiokit::IrqEvents consume() override {
    std::uint64_t n = 0;
    REQUIRE(::read(fd_, &n, sizeof n) == sizeof n);
    total_ += n;
    masked = true;
    return {n, total_};
  }
  void enable() override {
    masked = false;
    ++enables;
    if (on_enable) on_enable();
  }
  void disable() override { masked = true; }
  std::string describe() const override { return "fake line"; }

  bool masked = true;
  int enables = 0;
  std::function<void()> on_enable;

 private:
  int fd_;
  std::uint64_t total_ = 0;
};

struct Board {
  FakeDevice dev{0x100, "rtc"};
  FakeTransport io{dev};
  Rtc rtc{io, Variant::s3c6410};
  FakeLine line;
  Board() { dev.write_one_to_clear(INTP, TIC | ALM); }
  void raise(std::uint64_t bits) { dev.poke(INTP, 4, dev.peek(INTP, 4) | bits); }
  // A tick announced the usual way: pending bit, then the line.
  void tick() {
    raise(TIC);
    line.signal();
  }
  // An interrupt still in flight: the line is signalled 20 ms after the first INTP read that
  // shows `bit`.
  void announce_late(std::uint64_t bit) {
    dev.on_read(INTP, [this, bit](std::uint64_t& stored) {
      if ((stored & bit) && !late.joinable())
        late = std::thread([this] {
          std::this_thread::sleep_for(20ms);
          line.signal();
        });
      return stored;
    });
  }
  ~Board() {
    if (late.joinable()) late.join();
  }
  std::thread late;
};

SteadyClock::time_point soon() { return SteadyClock::now() + 2s; }
}  // namespace

TEST_CASE("rtc tick wait: ticks on their line count as interrupts, are acknowledged, re-arm it") {
  Board b;
  TickWait w(b.rtc, &b.line);
  CHECK_FALSE(b.line.masked);
  for (int i = 0; i < 3; ++i) {
    b.tick();
    CHECK(w.next(soon()) == std::optional<bool>(true));
    CHECK(b.dev.peek(INTP, 4) == 0);
    CHECK_FALSE(b.line.masked);
  }
  CHECK(w.next(SteadyClock::now() + 10ms) == std::nullopt);  // no tick: the deadline ends the wait
}

TEST_CASE("rtc tick wait: an interrupt that comes after its tick was acknowledged does not cost the line") {
  // The race: the tick is seen in INTP first and acknowledged, its interrupt arrives
  // afterwards. The waiter must not take that event for the alarm's line and stop listening,
  // or every later tick would be counted as polled.
  Board b;
  TickWait w(b.rtc, &b.line);
  b.raise(TIC);  // the first tick's interrupt is still on its way...
  bool in_flight = true;
  b.dev.on_write(INTP, [&](std::uint64_t stored, std::uint64_t written) {
    if (in_flight) b.line.signal();  // ...and arrives just after the acknowledgement
    in_flight = false;
    return stored & ~written;  // write-1-to-clear
  });
  CHECK(w.next(soon()) == std::optional<bool>(false));  // seen in INTP, not announced in time

  int enables = 0;
  b.line.on_enable = [&] {
    if (++enables == 1) b.tick();  // the next tick comes once the stale event re-armed the line
  };
  CHECK(w.next(soon()) == std::optional<bool>(true));
  CHECK(w.line() == &b.line);
  b.tick();
  CHECK(w.next(soon()) == std::optional<bool>(true));
}

TEST_CASE("rtc tick wait: an interrupt still in flight when INTP shows the tick is waited for") {
  Board b;
  TickWait w(b.rtc, &b.line, EventWaitTiming{2ms, 2000ms});
  b.tick();
  REQUIRE(w.next(soon()) == std::optional<bool>(true));  // the line has announced a tick

  b.announce_late(TIC);
  b.raise(TIC);
  CHECK(w.next(soon()) == std::optional<bool>(true));
  CHECK(b.dev.peek(INTP, 4) == 0);
  CHECK_FALSE(b.line.masked);
}

TEST_CASE("rtc tick wait: the alarm's line is left masked and the ticks are polled in INTP") {
  Board b;
  TickWait w(b.rtc, &b.line);
  b.raise(ALM);
  b.line.signal();  // the alarm fired on the line we wait on
  const int enables_before = b.line.enables;
  b.dev.on_read(INTP, [&](std::uint64_t& stored) {
    if (b.line.masked && w.line() == nullptr) stored |= TIC;  // the tick, after the line was given up
    return stored;
  });
  CHECK(w.next(soon()) == std::optional<bool>(false));
  CHECK(w.line() == nullptr);
  CHECK(b.line.enables == enables_before);        // not unmasked: the alarm would storm
  CHECK((b.dev.peek(INTP, 4) & ALM) == ALM);       // and not acknowledged: it is not ours
}

TEST_CASE("rtc alarm wait: announced, polled, late, and a tick's interrupt in the grace") {
  SUBCASE("announced on its line") {
    Board b;
    b.raise(ALM);
    b.line.signal();
    CHECK(wait_alarm_event(b.rtc, &b.line, soon()) == std::optional<bool>(true));
    CHECK(b.dev.peek(INTP, 4) == 0);
    CHECK_FALSE(b.line.masked);
  }
  SUBCASE("no line: INTP alone") {
    Board b;
    b.raise(ALM);
    CHECK(wait_alarm_event(b.rtc, nullptr, soon()) == std::optional<bool>(false));
    CHECK(b.dev.peek(INTP, 4) == 0);
  }
  SUBCASE("the deadline") {
    Board b;
    CHECK(wait_alarm_event(b.rtc, &b.line, SteadyClock::now() + 10ms) == std::nullopt);
  }
  SUBCASE("an interrupt in flight is waited for") {
    Board b;
    b.announce_late(ALM);
    b.raise(ALM);
    CHECK(wait_alarm_event(b.rtc, &b.line, soon(), EventWaitTiming{2ms, 2000ms}) == std::optional<bool>(true));
    CHECK_FALSE(b.line.masked);
  }
  SUBCASE("what comes in the grace on the tick's line is the tick's") {
    Board b;
    int reads = 0;
    b.dev.on_read(INTP, [&](std::uint64_t& stored) {
      if (++reads == 2) {  // the read after the first slice: a tick lands as the alarm is seen
        stored |= TIC;
        b.line.signal();
      }
      return stored;
    });
    b.raise(ALM);
    CHECK(wait_alarm_event(b.rtc, &b.line, soon()) == std::optional<bool>(false));
    CHECK(b.dev.peek(INTP, 4) == 0);  // both acknowledged
    CHECK_FALSE(b.line.masked);
  }
}
