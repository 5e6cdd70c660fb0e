// SPDX-License-Identifier: MIT
// Boost.Asio adapter for any uiokit::Interrupt (UIO or VFIO).
//
// AsioInterrupt watches the interrupt's descriptor with a posix::stream_descriptor and calls
// the handler with the events that arrived, so a driver can serve interrupts, timers and
// sockets from one io_context. It does not own the descriptor (the Interrupt does). Asio
// makes the descriptor non-blocking while it watches it; the destructor gives it back in its
// former mode, so that the Interrupt's blocking wait()/consume() work again afterwards.
#pragma once

#include <fcntl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/system/error_code.hpp>
#include <exception>
#include <utility>

#include "uiokit/error.hpp"
#include "uiokit/irq/interrupt.hpp"

namespace uiokit {

class AsioInterrupt {
 public:
  AsioInterrupt(boost::asio::io_context& io, Interrupt& irq)
      : irq_(irq), flags_(::fcntl(irq.fd(), F_GETFL)), sd_(io, irq.fd()) {}
  ~AsioInterrupt() {
    boost::system::error_code ignored;
    sd_.cancel(ignored);
    const int fd = sd_.release();  // the Interrupt closes its own descriptor
    if (flags_ >= 0) (void)::fcntl(fd, F_SETFL, flags_);
  }
  AsioInterrupt(const AsioInterrupt&) = delete;
  AsioInterrupt& operator=(const AsioInterrupt&) = delete;

  // handler(boost::system::error_code, IrqEvents). One event per call: call again to re-arm.
  template <class Handler>
  void async_wait(Handler&& handler) {
    sd_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                   [this, h = std::forward<Handler>(handler)](const boost::system::error_code& ec) mutable {
                     if (ec) return h(ec, IrqEvents{});
                     IrqEvents ev;
                     try {
                       ev = irq_.consume();
                     } catch (const Error& e) {
                       return h(boost::system::error_code(e.sys_errno() ? e.sys_errno() : EIO,
                                                          boost::system::system_category()),
                                IrqEvents{});
                     }
                     h(boost::system::error_code{}, ev);
                   });
  }
  void cancel() {
    boost::system::error_code ignored;
    sd_.cancel(ignored);
  }
  Interrupt& interrupt() noexcept { return irq_; }

 private:
  Interrupt& irq_;
  int flags_;  // the descriptor's file status flags before Asio touched them
  boost::asio::posix::stream_descriptor sd_;
};

}  // namespace uiokit
