// SPDX-License-Identifier: MIT
// uiokit::AsioInterrupt over an eventfd-backed Interrupt (the shape of a VFIO interrupt): the
// handler gets the event count, and the descriptor is blocking again once the adapter is gone.
#ifdef UIOKIT_HAVE_ASIO
#include <doctest/doctest.h>
#include <fcntl.h>

#include <boost/asio/io_context.hpp>
#include <cstdint>

#include "eventfd_interrupt.hpp"
#include "uiokit/irq/asio.hpp"

using namespace uiokit;

using test::EventfdInterrupt;

TEST_CASE("asio: the handler gets the count, the descriptor is blocking again afterwards") {
  EventfdInterrupt irq;
  REQUIRE((::fcntl(irq.fd(), F_GETFL) & O_NONBLOCK) == 0);
  boost::asio::io_context io;
  std::uint64_t got = 0;
  {
    AsioInterrupt a(io, irq);
    a.async_wait([&](const boost::system::error_code& ec, IrqEvents ev) {
      REQUIRE(!ec);
      got = ev.count;
    });
    irq.raise(3);
    io.run();
    CHECK(got == 3);
    // Asio runs the descriptor non-blocking while it watches it.
    CHECK((::fcntl(irq.fd(), F_GETFL) & O_NONBLOCK) != 0);
  }
  // A blocking wait() after the adapter: with the descriptor left non-blocking, consume()
  // would fail with EAGAIN instead of waiting (seen in the guest benchmark).
  CHECK((::fcntl(irq.fd(), F_GETFL) & O_NONBLOCK) == 0);
  irq.raise(1);
  auto ev = irq.wait(std::chrono::milliseconds(1000));
  REQUIRE(ev);
  CHECK(ev->count == 1);
  CHECK(ev->total == 4);
}
#endif
