// SPDX-License-Identifier: MIT
// UIO backend: a device that a kernel UIO driver hands to userspace.
//
// A UIO driver (uio_pdrv_genirq, uio_pci_generic, our kernel/uio_stub) registers /dev/uioN and
// describes up to five memory windows, its "maps", under /sys/class/uio/uioN/maps/mapM: a name,
// the physical or bus address of the window (addr), its length (size), and where the data starts
// within the first page (offset). Map M is reached by mmap() of /dev/uioN at file offset
// M * page size; the kernel refuses a mapping longer than the map. The interrupt comes through
// the same file: read() of 4 bytes blocks until an interrupt and returns the device's running
// event count; write() of a 4-byte 1 or 0 unmasks or masks the line (the driver's irqcontrol).
//
// This header finds devices by number or name, parses their maps, maps them into Regions and
// turns the file into a uiokit::Interrupt. uiokit/irq/asio.hpp adapts that Interrupt to
// Boost.Asio. One process drives a device at a time: Device::open takes an exclusive flock on
// /dev/uioN and records its PID, so a second driver gets "/dev/uio0 is in use by PID 1234";
// read-only observers (Access::shared_read_only) take no lock.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uiokit/irq/interrupt.hpp"
#include "uiokit/region.hpp"

namespace uiokit::uio {

// Where to look. Unit tests point these at a fake tree in a temporary folder (a regular file
// stands in for /dev/uioN: it can be mapped and locked like the device).
struct Paths {
  std::string sysfs = "/sys/class/uio";
  std::string dev = "/dev";
  std::string run = "/run/uiokit";  // PID records of the processes driving a device
  std::string modules = "/sys/module";  // loaded modules: a missing device's hint checks uio_stub
};

struct MapInfo {
  unsigned index = 0;
  std::string name;              // maps/mapM/name ("regs", "vram@4c000000"; may be empty)
  std::uint64_t addr = 0;        // physical or bus address; 0 when the driver gives none
  std::uint64_t size = 0;
  std::uint64_t offset = 0;      // where the data starts within the first mapped page
};

// An I/O port region (portio/portK): ports [start, start + size) of the CPU's port space. UIO
// does not hand ports out through the device file; a process reaches them itself (on x86 with
// ioperm and in/out, portio/portio.hpp), porttype says which kind of port space it is.
struct PortInfo {
  unsigned index = 0;
  std::string name;              // portio/portK/name (may be empty)
  std::uint64_t start = 0;
  std::uint64_t size = 0;
  std::string porttype;          // "port_x86", "port_gpio", "port_other", "none"
};

struct DeviceInfo {
  unsigned number = 0;           // N of uioN
  std::string name;              // the driver's name for the device
  std::string version;
  std::string sysfs_path;        // .../uioN
  std::string dev_path;          // /dev/uioN
  std::string driver;            // kernel driver bound to the parent ("uio_pci_generic"), if known
  std::optional<std::string> pci_config;  // parent's PCI config space file, for a PCI parent
  std::vector<MapInfo> maps;
  std::vector<PortInfo> ports;

  // Throws not_found naming the maps (ports) the device has.
  const MapInfo& map(unsigned index) const;
  const MapInfo& map(std::string_view name) const;
  const PortInfo& port(unsigned index) const;
};

// Every UIO device, by number. Malformed devices throw (parse_error names the file).
std::vector<DeviceInfo> list(const Paths& paths = {});
// "uio0", "0" or a device name ("rtc", "hpet"). A name shared by several devices is refused:
// pick by number then.
DeviceInfo find(std::string_view which, const Paths& paths = {});
DeviceInfo info(unsigned number, const Paths& paths = {});

enum class Access {
  exclusive,         // drive the device: read/write maps, interrupts; one process at a time
  shared_read_only,  // observe: read-only maps, no lock, no irqcontrol
};

// The interrupt of a UIO device. consume() is one read() and blocks while nothing is pending,
// so the plain loop `consume(); handle; enable();` costs two system calls per interrupt.
class UioInterrupt final : public Interrupt {
 public:
  int fd() const noexcept override { return fd_; }
  IrqEvents consume() override;
  void enable() override;
  void disable() override;
  std::string describe() const override;

  // How enable()/disable() reach the line: the driver's irqcontrol, or, for uio_pci_generic
  // (which has none: write() fails with ENOSYS), the INTx-disable bit of the PCI command
  // register through sysfs config. Decided on the first enable()/disable().
  enum class Control { unknown, irqcontrol, pci_command };
  Control control() const noexcept { return control_; }

 private:
  friend class Device;
  UioInterrupt(int fd, std::string what, std::optional<std::string> pci_config,
               std::optional<std::uint32_t> baseline);
  void set_pci_intx(bool enabled);

  int fd_;
  std::string what_;
  std::optional<std::string> pci_config_;
  std::optional<std::uint32_t> last_;  // event count after the previous consume()
  std::uint64_t total_ = 0;
  Control control_ = Control::unknown;
};

class Device {
 public:
  struct Options {
    Access access = Access::exclusive;
    Paths paths;
  };

  // Throws not_found, busy ("/dev/uio0 is in use by PID 1234"), permission_denied, open_failed.
  static Device open(std::string_view which, const Options& options);
  static Device open(std::string_view which) { return open(which, Options{}); }

  Device(Device&&) noexcept;
  Device& operator=(Device&&) noexcept;
  ~Device();

  const DeviceInfo& info() const noexcept;
  bool read_only() const noexcept;
  int fd() const noexcept;

  // Maps map `index` (or the map called `name`): a Region named after the map, of the map's
  // size, whose phys() is the map's addr (none when addr is 0). The Region may outlive the
  // Device (the kernel keeps the mapping).
  Region map(unsigned index) const;
  Region map(std::string_view name) const;

  // The interrupt; exclusive access only (throws invalid_argument otherwise).
  UioInterrupt& irq();

 private:
  struct Impl;
  explicit Device(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace uiokit::uio
