// SPDX-License-Identifier: MIT
// VFIO: a PCI device driven from this process, isolated by the IOMMU.
//
// The Linux VFIO model has three objects. A *container* (/dev/vfio/vfio) is one IOMMU address
// space: the DMA mappings (IOVA -> this process's memory) live there, and it must be given an
// IOMMU type (here type1v2) once the first group is attached. A *group* (/dev/vfio/N) is the
// smallest set of devices the IOMMU can isolate from each other; it can join a container only
// when it is *viable*, i.e. every device in /sys/kernel/iommu_groups/N/devices is bound to
// vfio-pci (or to no driver), because a device left with a kernel driver could DMA anywhere the
// group can. A *device* is a file descriptor the group hands out by name (the BDF); through it
// the device's *regions* (the BARs, the ROM and configuration space: region info, then mmap or
// pread/pwrite at the region's offset) and its *interrupts* (INTx, MSI, MSI-X, error and
// request: each vector an eventfd installed with VFIO_DEVICE_SET_IRQS) are reached.
//
// Here Container, Group and Device are RAII objects; each holds a reference to what it needs
// (device -> group -> container), so they may be destroyed in any order, though the natural one
// is the reverse of acquisition. Interrupts are uiokit::Interrupt objects (irq/interrupt.hpp), so
// the Boost.Asio adapter works on them. DMA buffers are in vfio/dma.hpp.
//
// Without an IOMMU (no-IOMMU mode, /dev/vfio/noiommu-N, or a kernel without type1) a device can
// DMA anywhere in memory, so that is refused with Errc::vfio_no_iommu unless the caller sets
// allow_noiommu.
//
// Surprise removal (see pci/removal.hpp): mapped BARs are registered with the SIGBUS guard, and
// the request interrupt (the kernel asking for the device back when someone unbinds it; the
// unbind blocks until we let go) is offered as an Interrupt: on it, call Device::surrender(),
// which turns the BAR mappings into all-ones memory and closes the device so the unbind can finish.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "uiokit/irq/interrupt.hpp"
#include "uiokit/pci/address.hpp"
#include "uiokit/pci/removal.hpp"
#include "uiokit/pci/sysfs.hpp"
#include "uiokit/region.hpp"

namespace uiokit::vfio {

namespace detail {
struct ContainerState;
struct GroupState;
struct DeviceFd;
}  // namespace detail

struct Options {
  std::filesystem::path dev = "/dev";  // where vfio/vfio and vfio/N are
  pci::Sysfs sysfs;                    // for IOMMU groups and drivers
  bool allow_noiommu = false;          // accept an unprotected (no-IOMMU) setup
};

class Container {
 public:
  // Opens /dev/vfio/vfio and checks the API version and that type1v2 is supported.
  explicit Container(Options options = {});
  ~Container();
  Container(Container&&) noexcept;
  Container& operator=(Container&&) noexcept;

  int fd() const noexcept;
  int api_version() const noexcept;
  bool noiommu() const noexcept;
  const Options& options() const noexcept;

  // Maps `size` bytes at `vaddr` (both page-aligned) at `iova` for device DMA. Errc::misaligned
  // for an unaligned buffer, Errc::invalid_argument for an IOVA range overlapping a mapping.
  void map_dma(void* vaddr, std::size_t size, std::uint64_t iova);
  void unmap_dma(std::uint64_t iova, std::size_t size);

  std::shared_ptr<detail::ContainerState> state() const noexcept { return s_; }

 private:
  std::shared_ptr<detail::ContainerState> s_;
};

class Device;

class Group {
 public:
  // Opens /dev/vfio/N, checks viability (listing which devices must be unbound when not), and
  // attaches it to the container (setting the container's IOMMU type on first attach).
  Group(Container& container, unsigned number);
  // The group of a PCI device, from its sysfs iommu_group link.
  static Group of(Container& container, const pci::Address& address);
  ~Group();
  Group(Group&&) noexcept;
  Group& operator=(Group&&) noexcept;

  unsigned number() const noexcept;
  int fd() const noexcept;

  Device open(const pci::Address& address);

 private:
  std::shared_ptr<detail::GroupState> s_;
};

// Why group N is not viable: one line per device still bound to a kernel driver, e.g.
// "0000:00:04.0 is bound to e1000e". Empty if every member is on vfio-pci or unbound.
std::vector<std::string> viability_blockers(const pci::Sysfs& sysfs, unsigned group);

struct RegionInfo {
  unsigned index = 0;
  std::uint32_t flags = 0;
  std::uint64_t size = 0;
  std::uint64_t offset = 0;  // of the region inside the device fd
  bool readable() const noexcept;
  bool writable() const noexcept;
  bool mappable() const noexcept;
};

struct IrqInfo {
  unsigned index = 0;
  std::uint32_t flags = 0;
  std::uint32_t count = 0;  // vectors the device has at this index (0: none)
  bool maskable() const noexcept;
  bool automasked() const noexcept;  // INTx: masked by the kernel on delivery, unmask to re-arm
};

// Region and interrupt indexes of vfio-pci (linux/vfio.h's VFIO_PCI_*_INDEX).
enum : unsigned { bar0 = 0, bar5 = 5, rom = 6, config = 7 };
enum class Irq : unsigned { intx = 0, msi = 1, msix = 2, err = 3, req = 4 };

// The interrupts of one index, each vector an eventfd. Disabled (all vectors torn down) when
// destroyed. Interrupt::enable() unmasks INTx (VFIO_IRQ_SET_ACTION_UNMASK; the kernel masks it
// on every delivery); MSI and MSI-X are edge-triggered and need no unmask, so enable() and
// disable() do nothing for them.
class IrqSet {
 public:
  IrqSet() = default;
  IrqSet(std::shared_ptr<detail::DeviceFd> device, Irq index, unsigned count);
  ~IrqSet();
  IrqSet(IrqSet&&) noexcept;
  IrqSet& operator=(IrqSet&&) noexcept;

  std::size_t size() const noexcept { return vectors_.size(); }
  Interrupt& operator[](std::size_t i) const { return *vectors_.at(i); }
  Irq index() const noexcept { return index_; }

 private:
  void teardown() noexcept;
  std::shared_ptr<detail::DeviceFd> device_;
  Irq index_ = Irq::intx;
  std::vector<std::unique_ptr<Interrupt>> vectors_;
};

class Device {
 public:
  ~Device();
  Device(Device&&) noexcept;
  Device& operator=(Device&&) noexcept;

  const pci::Address& address() const noexcept;
  int fd() const noexcept;
  unsigned num_regions() const noexcept;
  unsigned num_irqs() const noexcept;
  bool can_reset() const noexcept;  // VFIO_DEVICE_FLAGS_RESET

  // Errc::not_found for an index the device does not have (or a BAR it does not implement).
  RegionInfo region_info(unsigned index) const;
  // A mappable region (a memory BAR) mapped into this process, owned by the Device. Errc::unsupported
  // when the region cannot be mapped: use read()/write() for it.
  Region& region(unsigned index);
  // pread/pwrite access to any readable/writable region; width 1, 2, 4 or 8, offset aligned.
  std::uint64_t read(unsigned index, std::uint64_t offset, unsigned width) const;
  void write(unsigned index, std::uint64_t offset, unsigned width, std::uint64_t value);

  std::uint32_t config_read(std::uint32_t offset, unsigned width) const {
    return static_cast<std::uint32_t>(read(config, offset, width));
  }
  void config_write(std::uint32_t offset, unsigned width, std::uint32_t value) { write(config, offset, width, value); }
  // Sets Bus Master (command register bit 2). Without it the device's MSI writes and DMA are
  // silently dropped by the PCI bridge, while INTx still works.
  void enable_bus_master();

  IrqInfo irq_info(Irq index) const;
  // Eventfd-backed interrupts of one kind. count: vectors wanted (MSI/MSI-X), checked
  // against irq_info. Errc::not_found when the device has none of that kind.
  IrqSet enable_irqs(Irq index, unsigned count = 1);

  // VFIO_DEVICE_RESET. Errc::unsupported when the device has no reset method.
  void reset();

  // Gives the device back to the kernel: every mapped region now reads all-ones (removed()
  // true), and the device fd is closed (interrupts stop). Call on the request interrupt.
  void surrender() noexcept;
  bool surrendered() const noexcept;

 private:
  friend class Group;
  struct Mapped {
    Region region;
    pci::RemovalGuard guard;
  };
  Device(std::shared_ptr<detail::GroupState> group, std::shared_ptr<detail::DeviceFd> fd, pci::Address address);
  std::shared_ptr<detail::GroupState> group_;
  std::shared_ptr<detail::DeviceFd> fd_;
  pci::Address address_;
  std::uint32_t flags_ = 0, num_regions_ = 0, num_irqs_ = 0;
  std::map<unsigned, std::unique_ptr<Mapped>> mapped_;
};

}  // namespace uiokit::vfio
