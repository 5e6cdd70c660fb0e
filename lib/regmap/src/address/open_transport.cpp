// SPDX-License-Identifier: MIT
// open_transport() (uiokit/address/open.hpp): the one place a device address becomes a Transport.
#include "uiokit/address/open.hpp"
#include "uiokit/gdb/transport.hpp"
#include "uiokit/portio/portio.hpp"

namespace uiokit {

std::unique_ptr<Transport> open_transport(const DeviceAddress& a, const OpenOptions& o) {
  if (a.scheme == DeviceAddress::Scheme::gdb) {
    gdb::ClientOptions co;
    co.timeout = o.timeout;
    return gdb::GdbTransport::open(a, co);
  }
  if (a.scheme == DeviceAddress::Scheme::io)
    return std::make_unique<portio::PortTransport>(static_cast<std::uint32_t>(a.offset),
                                                   static_cast<std::uint32_t>(a.size ? a.size : 4), to_string(a));
  if (auto ports = open_ports(a, o)) return ports;
  return std::make_unique<RegionTransport>(open(a, o));
}

}  // namespace uiokit
