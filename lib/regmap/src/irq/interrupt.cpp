// SPDX-License-Identifier: MIT
#include "uiokit/irq/interrupt.hpp"

#include <poll.h>

#include <cerrno>

#include "uiokit/error.hpp"

namespace uiokit {

std::optional<IrqEvents> Interrupt::wait(std::optional<std::chrono::milliseconds> timeout) {
  using clock = std::chrono::steady_clock;
  const auto deadline = timeout ? clock::now() + *timeout : clock::time_point::max();
  for (;;) {
    int ms = -1;
    if (timeout) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
      ms = left.count() > 0 ? static_cast<int>(left.count()) : 0;
    }
    pollfd p{fd(), POLLIN, 0};
    const int n = ::poll(&p, 1, ms);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_sys(Errc::io_failed, describe(), "poll for an interrupt", errno);
    }
    if (n == 0) return std::nullopt;
    if (p.revents & (POLLERR | POLLNVAL))
      throw Error(Errc::device_removed, describe(), "interrupt descriptor reported an error (device gone?)");
    return consume();
  }
}

}  // namespace uiokit
