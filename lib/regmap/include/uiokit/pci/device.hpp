// SPDX-License-Identifier: MIT
// pci::SysfsDevice: a PCI function reached through its sysfs files, without VFIO.
//
// The kernel exposes each memory BAR as /sys/bus/pci/devices/BDF/resourceN (mmap it to reach the
// registers; its size comes from fstat, since lseek on it returns 0), the BARs' bus addresses as
// lines of `resource` (start end flags), configuration space as `config` (pread/pwrite at the
// register's offset; unprivileged readers see only the first 64 bytes), and `enable` (write 1 to
// enable memory decoding). No IOMMU stands between the device and memory here, so DMA is not
// offered: use VFIO for that. Works with the device unbound or bound to uio_pci_generic.
//
// The device owns its BAR mappings (bar() maps on first use and returns a reference) so that each
// is registered with the surprise-removal handler (pci/removal.hpp) at a stable address.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "uiokit/pci/address.hpp"
#include "uiokit/pci/removal.hpp"
#include "uiokit/pci/sysfs.hpp"
#include "uiokit/region.hpp"

namespace uiokit::pci {

// One line of the `resource` file.
struct Bar {
  unsigned index = 0;
  std::uint64_t start = 0, end = 0, flags = 0;  // bus addresses, inclusive end; IORESOURCE_* flags
  std::uint64_t size() const noexcept { return start == 0 && end == 0 ? 0 : end - start + 1; }
  bool present() const noexcept { return size() != 0; }
  bool io() const noexcept { return flags & 0x100; }         // IORESOURCE_IO
  bool memory() const noexcept { return flags & 0x200; }     // IORESOURCE_MEM
  bool prefetchable() const noexcept { return flags & 0x2000; }
};

// Parses a `resource` file's text (one "0x%016llx 0x%016llx 0x%016llx" line per resource);
// throws Errc::parse_error naming `source` and the line for a line that is not three numbers.
std::vector<Bar> parse_resources(const std::string& text, const std::string& source);
// One line of it, resource `index`; nullopt when it is not three hex numbers.
std::optional<Bar> parse_resource_line(std::string_view line, unsigned index);

class SysfsDevice {
 public:
  // Throws Errc::not_found naming the address when it is not in sysfs.
  explicit SysfsDevice(Address address, Sysfs sysfs = {});
  ~SysfsDevice();
  SysfsDevice(SysfsDevice&&) noexcept;
  SysfsDevice& operator=(SysfsDevice&&) noexcept;

  const Address& address() const noexcept { return address_; }
  const std::vector<Bar>& bars() const noexcept { return bars_; }

  // BAR `index` mapped through resourceN (first call maps it). Throws Errc::not_found for a BAR
  // the device does not have, Errc::unsupported for an I/O port BAR.
  Region& bar(unsigned index);
  // BAR `index` through resourceN_wc where the kernel offers it, else as bar(). The kernel makes
  // resourceN_wc for a prefetchable memory BAR where the architecture can map one
  // write-combining: Normal non-cacheable memory on arm64, write-combining (PAT) on x86. That is
  // the mapping for memory the CPU fills with plain stores of any size and alignment, such as a
  // framebuffer drawn with memcpy: resourceN is Device memory on arm64, where an unaligned
  // access faults. Registers stay on bar(): write-combining may merge or reorder stores.
  Region& bar_wc(unsigned index);

  // Configuration space: width 1, 2 or 4, offset aligned to it. Errc::out_of_range past the end
  // of what `config` lets this process see.
  std::uint32_t config_read(std::uint32_t offset, unsigned width) const;
  void config_write(std::uint32_t offset, unsigned width, std::uint32_t value);
  std::uint16_t command() const { return static_cast<std::uint16_t>(config_read(0x04, 2)); }
  void set_command_bits(std::uint16_t set, std::uint16_t clear);  // read-modify-write of the command register

  // Writes 1 to `enable` (memory decoding on; a driverless device starts disabled). A no-op
  // when a driver is bound: the kernel refuses the write then, the driver enables the device.
  void enable();

  // False (and every mapped BAR marked removed, reading all-ones) once sysfs no longer has the
  // device: it was removed or hot-unplugged.
  bool check_present();

 private:
  struct Mapped;
  Address address_;
  Sysfs sysfs_;
  std::vector<Bar> bars_;
  int config_fd_ = -1;
  Region& map_bar(unsigned index, bool wc);
  std::array<std::unique_ptr<Mapped>, 12> mapped_;  // resourceN at N, resourceN_wc at 6 + N
};

}  // namespace uiokit::pci
