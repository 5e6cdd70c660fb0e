// SPDX-License-Identifier: MIT
// `uiokit irq wait`'s loop (tools/irq_wait.hpp) over an eventfd-backed interrupt: each event
// printed with its count and missed count, text and JSON lines, stop after N, fail on timeout.
#if __has_include("irq_wait.hpp")
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "eventfd_interrupt.hpp"
#include "irq_wait.hpp"

using namespace uiokit;
using namespace std::chrono_literals;

namespace {
// An interrupt, the options and a file for irq_wait's output.
struct Waiting {
  test::EventfdInterrupt irq;
  cli::IrqWaitOptions o;
  std::FILE* out = std::tmpfile();
  Waiting() { REQUIRE(out); }
  ~Waiting() { std::fclose(out); }
  std::string text() {
    std::rewind(out);
    std::string s;
    char buf[256];
    while (std::fgets(buf, sizeof buf, out)) s += buf;
    return s;
  }
};
}  // namespace

TEST_CASE("irq wait: prints each event with its count and missed count, stops after --count") {
  Waiting w;
  std::thread raiser([&] {
    w.irq.raise(1);
    std::this_thread::sleep_for(50ms);
    w.irq.raise(3);  // one event read, two missed
  });
  w.o.count = 2;
  w.o.timeout = 5000ms;
  CHECK(cli::irq_wait(w.irq, w.o, w.out) == 2);
  raiser.join();
  const std::string text = w.text();
  CHECK(text.find("eventfd: event 1  count 1  missed 0  total 1\n") != std::string::npos);
  CHECK(text.find("eventfd: event 2  count 3  missed 2  total 4\n") != std::string::npos);
  CHECK(w.irq.enables == 3);  // armed before the first wait and after each event
}

TEST_CASE("irq wait --json: one object per event") {
  Waiting w;
  w.irq.raise(2);
  w.o.count = 1;
  w.o.json = true;
  cli::irq_wait(w.irq, w.o, w.out);
  const auto j = nlohmann::json::parse(w.text());
  CHECK(j["irq"] == "eventfd");
  CHECK(j["event"] == 1);
  CHECK(j["count"] == 2);
  CHECK(j["missed"] == 1);
  CHECK(j.contains("time"));
}

TEST_CASE("irq wait: the timeout is Errc::timeout (exit 124), after the events that came") {
  Waiting w;
  w.irq.raise(1);
  w.o.count = 3;
  w.o.timeout = 100ms;
  const auto t0 = std::chrono::steady_clock::now();
  try {
    cli::irq_wait(w.irq, w.o, w.out);
    FAIL("no timeout");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::timeout);
    CHECK(exit_status(e.code()) == 124);
    CHECK(std::string(e.what()).find("1 of 3 events") != std::string::npos);
  }
  CHECK(std::chrono::steady_clock::now() - t0 < 2s);
  CHECK(w.text().find("event 1 ") != std::string::npos);
}
#endif
