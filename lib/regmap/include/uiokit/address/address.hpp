// SPDX-License-Identifier: MIT
// Device addresses: one syntax, shared by every tool and driver, for "where the registers are".
//
//   uio:<name|N>[:map<K>|:<mapname>]          a UIO device by name or number, map K (default 0)
//   pci:<BDF|vendor:device[#N]>[:bar<K>]      a PCI BAR through sysfs resourceK (default bar0)
//   vfio:<BDF|vendor:device[#N]>[:bar<K>]     the same BAR through VFIO
//   dt:<path|compatible=C[#N]|phandle=P>[:reg<K>][:mem|:uio]
//                                             a device-tree node's reg entry K, translated
//                                             through every parent's ranges; opened through the
//                                             UIO device that exports it, else /dev/mem
//   mem:<phys>[+<size>]                       physical memory through /dev/mem (size: a page)
//   file:<path>[+<offset>[+<size>]]           a file, e.g. a saved register dump
//   gdb:<host>:<port>:mem:<addr>[+<size>]     target memory through a GDB stub over TCP
//   gdb:unix:<path>:mem:<addr>[+<size>]       the same over a Unix socket (size: a page);
//                                             a transport, not a mapping (uiokit/transport.hpp)
//   io:<port>[+<size>]                        x86 I/O ports through ioperm (size: 4 ports); a
//                                             transport (uiokit/portio/portio.hpp)
//
// Numbers are C-style (0x1f, 31) with an optional K/M/G suffix on sizes. Parsing is pure (no
// system access) so it can be tested and fuzzed; open() (uiokit/address/open.hpp) does the rest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "uiokit/error.hpp"

namespace uiokit {

struct PciSelector {
  std::string bdf;                       // "0000:00:03.0" (domain added when absent), or
  std::optional<std::uint16_t> vendor;   // vendor:device IDs
  std::optional<std::uint16_t> device;
  // which of several ID matches, in BDF order; unset: the IDs must match exactly one device
  std::optional<unsigned> index;
  bool operator==(const PciSelector&) const = default;
};

struct DeviceAddress {
  enum class Scheme { uio, pci, vfio, dt, mem, file, gdb, io };
  enum class Via { any, mem, uio };

  Scheme scheme = Scheme::mem;
  std::string text;                      // what was parsed, for messages

  // uio: device by number or name; map by number or name
  std::string uio_device;
  std::string uio_map;                   // "" = map0; "1" = map1; otherwise a map name
  // pci, vfio
  PciSelector pci;
  unsigned bar = 0;
  // dt
  std::string dt_selector;               // "/path", "compatible=...", "phandle=..."
  std::optional<unsigned> dt_index;      // #N among compatible matches; unset: exactly one
  unsigned dt_reg = 0;
  Via via = Via::any;
  // gdb: the stub's host and TCP port, or its Unix socket in `path`
  std::string host;
  std::uint16_t port = 0;
  // mem, file, gdb
  std::string path;
  std::uint64_t offset = 0;              // mem: physical address; file: offset; gdb: target address;
                                         // io: first port
  std::uint64_t size = 0;                // 0: default (mem, gdb: a page; file: to the end; io: 4)
};

// Throws Error(Errc::parse_error) with what was expected.
DeviceAddress parse_address(std::string_view text);

// The canonical spelling (parse_address(to_string(a)) gives back a).
std::string to_string(const DeviceAddress& a);

// True when both name the same registers: every field but the spelling (`text`) is equal.
bool same_place(const DeviceAddress& a, const DeviceAddress& b);

// A number as written in addresses and on command lines: 0x1f, 0b101, 31, 4K, 1M.
std::optional<std::uint64_t> parse_number(std::string_view text, bool allow_suffix = false);

}  // namespace uiokit
