// SPDX-License-Identifier: MIT
// Opening a DeviceAddress: turns the description into a mapped Region through the backend the
// scheme names. UIO and PCI sysfs are resolved here through sysfs (uiokit/address/sysfs.hpp),
// vfio: opens the VFIO container, group and device and keeps them open as long as the Region;
// dt: reads the running system's tree (or the one in OpenOptions) and maps the translated reg
// through the UIO device that exports the node when there is one, else /dev/mem.
// open_transport() takes every scheme, gdb: included, and gives a Transport (uiokit/transport.hpp).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "uiokit/address/address.hpp"
#include "uiokit/address/sysfs.hpp"
#include "uiokit/region.hpp"
#include "uiokit/transport.hpp"

namespace uiokit {

struct OpenOptions {
  bool writable = true;
  std::string sysfs_root = "/sys";     // a fake sysfs tree, for tests
  std::string dev_root = "/dev";       // where uioN device files are
  std::string run_dir = "/run/uiokit"; // PID records of the processes driving a UIO device
  std::string devmem = "/dev/mem";
  std::string dtb;                     // dt: a .dtb file instead of /sys/firmware/fdt
  std::chrono::milliseconds timeout{5000};  // gdb: how long a reply from the stub may take
};

Region open(const DeviceAddress& address, const OpenOptions& options = {});

inline Region open(std::string_view address, const OpenOptions& options = {}) {
  return open(parse_address(address), options);
}

// The I/O ports an address names, as a transport, or nullptr when it names memory (open() maps
// that): a pci: I/O BAR through pread/pwrite of sysfs resourceK, a vfio: I/O BAR through
// pread/pwrite of its VFIO region (uiokit/portio/pread.hpp), uio:NAME:portK through ioperm
// (port_x86 regions only; uiokit/portio/portio.hpp). 8-, 16- and 32-bit accesses. The UIO device
// stays open (and locked, when writable) as long as the transport. open_transport() asks this first.
std::unique_ptr<Transport> open_ports(const DeviceAddress& address, const OpenOptions& options = {});

// The PCI function a pci: or vfio: address names among `devices` (by BDF, or the #N-th of a
// vendor:device pair). Throws not_found.
const sysfs::PciDevice& select_pci(const std::vector<sysfs::PciDevice>& devices, const DeviceAddress& address);

namespace uio {
class Device;
struct Paths;
}
// The map a uio: address names (":mapK", ":K" or a map's name; map 0 without one), from a
// device already open: two maps of one device are mapped from one open of it, since a UIO
// mapping keeps the device's exclusive lock while it lives.
Region map_uio(const uio::Device& device, const DeviceAddress& address);

// Where UIO devices are under these options.
uio::Paths uio_paths(const OpenOptions& options);

// The uio: address that a uio: or dt: address comes down to on this system (a dt: node that a
// UIO device exports, unless :mem is asked), or nullopt when it is reached another way. A driver
// that wants the device's interrupt opens the UIO device itself from this (uio::Device::open,
// then map_uio); open() does the same and keeps only the mapping. Throws not_found for dt:...:uio
// when no UIO device exports the node.
std::optional<DeviceAddress> uio_address(const DeviceAddress& address, const OpenOptions& options = {});

// A Transport for any address: the mapped schemes as a RegionTransport, gdb: as a connection
// to the stub (uiokit/gdb/transport.hpp).
std::unique_ptr<Transport> open_transport(const DeviceAddress& address, const OpenOptions& options = {});
inline std::unique_ptr<Transport> open_transport(std::string_view address, const OpenOptions& options = {}) {
  return open_transport(parse_address(address), options);
}

// The same for the addresses this machine reaches by itself: every scheme but gdb:, which
// throws unsupported. A program that opens only these links no name resolution or sockets
// (the statically linked `uiokit` front end, tools/README.md).
std::unique_ptr<Transport> open_local_transport(const DeviceAddress& address, const OpenOptions& options = {});

}  // namespace uiokit
