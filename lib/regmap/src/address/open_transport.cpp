// SPDX-License-Identifier: MIT
// open_transport() (uiokit/address/open.hpp): the one place a device address becomes a Transport.
#include "uiokit/address/open.hpp"
#include "uiokit/gdb/transport.hpp"

namespace uiokit {

std::unique_ptr<Transport> open_transport(const DeviceAddress& a, const OpenOptions& o) {
  if (a.scheme == DeviceAddress::Scheme::gdb) {
    gdb::ClientOptions co;
    co.timeout = o.timeout;
    return gdb::GdbTransport::open(a, co);
  }
  return open_local_transport(a, o);
}

}  // namespace uiokit
