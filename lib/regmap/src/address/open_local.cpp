// SPDX-License-Identifier: MIT
// open_local_transport() (uiokit/address/open.hpp): the schemes reached without a connection, in
// a file of their own so that a program using only these links nothing of the GDB client.
#include "uiokit/address/open.hpp"
#include "uiokit/error.hpp"
#include "uiokit/portio/portio.hpp"

namespace uiokit {

std::unique_ptr<Transport> open_local_transport(const DeviceAddress& a, const OpenOptions& o) {
  if (a.scheme == DeviceAddress::Scheme::gdb)
    throw Error(Errc::unsupported, a.text, "a gdb: address is opened by open_transport(), not open_local_transport()");
  if (a.scheme == DeviceAddress::Scheme::io)
    return std::make_unique<portio::PortTransport>(static_cast<std::uint32_t>(a.offset),
                                                   static_cast<std::uint32_t>(a.size ? a.size : 4), to_string(a));
  if (auto ports = open_ports(a, o)) return ports;
  return std::make_unique<RegionTransport>(open(a, o));
}

}  // namespace uiokit
