// SPDX-License-Identifier: MIT
#include <fcntl.h>
#include <linux/vfio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstdint>

#include "state.hpp"

namespace uiokit::vfio {

bool RegionInfo::readable() const noexcept { return flags & VFIO_REGION_INFO_FLAG_READ; }
bool RegionInfo::writable() const noexcept { return flags & VFIO_REGION_INFO_FLAG_WRITE; }
bool RegionInfo::mappable() const noexcept { return flags & VFIO_REGION_INFO_FLAG_MMAP; }
bool IrqInfo::maskable() const noexcept { return flags & VFIO_IRQ_INFO_MASKABLE; }
bool IrqInfo::automasked() const noexcept { return flags & VFIO_IRQ_INFO_AUTOMASKED; }

namespace {
const char* region_name(unsigned index) {
  static const char* names[] = {"BAR0", "BAR1", "BAR2", "BAR3", "BAR4", "BAR5", "ROM", "config", "VGA"};
  return index < 9 ? names[index] : "region";
}
}  // namespace

Device::Device(std::shared_ptr<detail::GroupState> group, std::shared_ptr<detail::DeviceFd> fd, pci::Address address)
    : group_(std::move(group)), fd_(std::move(fd)), address_(address) {
  vfio_device_info info{};
  info.argsz = sizeof info;
  if (::ioctl(fd_->fd, VFIO_DEVICE_GET_INFO, &info) != 0)
    throw_sys(Errc::vfio_device_get_info, fd_->name, "VFIO_DEVICE_GET_INFO", errno);
  flags_ = info.flags;
  num_regions_ = info.num_regions;
  num_irqs_ = info.num_irqs;
}

Device::~Device() = default;
Device::Device(Device&&) noexcept = default;
Device& Device::operator=(Device&&) noexcept = default;

const pci::Address& Device::address() const noexcept { return address_; }
int Device::fd() const noexcept { return fd_ ? fd_->fd : -1; }
unsigned Device::num_regions() const noexcept { return num_regions_; }
unsigned Device::num_irqs() const noexcept { return num_irqs_; }
bool Device::can_reset() const noexcept { return flags_ & VFIO_DEVICE_FLAGS_RESET; }
bool Device::surrendered() const noexcept { return !fd_ || fd_->fd < 0; }

RegionInfo Device::region_info(unsigned index) const {
  if (surrendered()) throw Error(Errc::device_removed, address_.str(), "device was given back to the kernel");
  if (index >= num_regions_)
    throw Error(Errc::not_found, address_.str(),
                std::string("region ") + std::to_string(index) + " does not exist (the device has " + std::to_string(num_regions_) +
                    ": 0-5 BARs, 6 ROM, 7 config)");
  vfio_region_info r{};
  r.argsz = sizeof r;
  r.index = index;
  if (::ioctl(fd_->fd, VFIO_DEVICE_GET_REGION_INFO, &r) != 0)
    throw_sys(Errc::vfio_device_get_region_info, address_.str(), std::string("VFIO_DEVICE_GET_REGION_INFO for ") + region_name(index),
              errno);
  if (r.size == 0)
    throw Error(Errc::not_found, address_.str(), std::string(region_name(index)) + " does not exist (size 0)");
  return RegionInfo{index, r.flags, r.size, r.offset};
}

Region& Device::region(unsigned index) {
  if (auto it = mapped_.find(index); it != mapped_.end()) return it->second->region;
  const auto info = region_info(index);
  const std::string what = address_.str() + " " + region_name(index);
  if (!info.mappable())
    throw Error(Errc::unsupported, what, "region cannot be mapped", {}, 0, "use Device::read/write (pread/pwrite) for it");
  if (info.size > SIZE_MAX) throw Error(Errc::unsupported, what, "region of " + hex(info.size) + " bytes does not fit this address space");
  const auto size = static_cast<std::size_t>(info.size);
  const int prot = PROT_READ | (info.writable() ? PROT_WRITE : 0);
  void* p = ::mmap(nullptr, size, prot, MAP_SHARED, fd_->fd, static_cast<off_t>(info.offset));
  if (p == MAP_FAILED) throw_sys(Errc::mmap_failed, what, "mmap of " + hex(info.size) + " bytes", errno);
  Region::Info ri;
  ri.name = region_name(index);
  ri.source = "vfio " + address_.str();
  ri.writable = info.writable();
  if (index < 6) {
    // The bus address the device decodes, from the BAR in config space (memory BARs only).
    try {
      std::uint64_t bar = config_read(0x10 + 4 * index, 4);
      if ((bar & 1) == 0) {
        if ((bar & 6) == 4 && index < 5) bar |= static_cast<std::uint64_t>(config_read(0x14 + 4 * index, 4)) << 32;
        ri.phys = bar & ~0xfull;
      }
    } catch (const Error&) {
    }
  }
  auto m = std::make_unique<Mapped>();
  m->region = Region(p, size, 0, size, std::move(ri), [](void* b, std::size_t n) { ::munmap(b, n); });
  m->guard = pci::RemovalGuard(m->region);
  auto& ref = m->region;
  mapped_.emplace(index, std::move(m));
  return ref;
}

std::uint64_t Device::read(unsigned index, std::uint64_t offset, unsigned width) const {
  const auto info = region_info(index);
  const std::string what = address_.str() + " " + region_name(index);
  check_access(what, info.size, offset, width);
  if (!info.readable()) throw Error(Errc::permission_denied, what, "region is not readable");
  std::uint64_t v = 0;
  const auto n = ::pread(fd_->fd, &v, width, static_cast<off_t>(info.offset + offset));
  if (n != static_cast<ssize_t>(width))
    throw_sys(Errc::io_failed, what, std::to_string(width * 8) + "-bit pread", n < 0 ? errno : EIO, offset);
  return v;
}

void Device::write(unsigned index, std::uint64_t offset, unsigned width, std::uint64_t value) {
  const auto info = region_info(index);
  const std::string what = address_.str() + " " + region_name(index);
  check_access(what, info.size, offset, width);
  if (width < 8 && value >> (width * 8) != 0)
    throw Error(Errc::invalid_argument, what, "value " + hex(value) + " does not fit " + std::to_string(width * 8) + " bits", offset);
  if (!info.writable()) throw Error(Errc::permission_denied, what, "region is not writable");
  const auto n = ::pwrite(fd_->fd, &value, width, static_cast<off_t>(info.offset + offset));
  if (n != static_cast<ssize_t>(width))
    throw_sys(Errc::io_failed, what, std::to_string(width * 8) + "-bit pwrite", n < 0 ? errno : EIO, offset);
}

void Device::enable_bus_master() {
  const auto cmd = config_read(0x04, 2);
  if (!(cmd & 0x4)) config_write(0x04, 2, cmd | 0x4);
}

IrqInfo Device::irq_info(Irq index) const {
  if (surrendered()) throw Error(Errc::device_removed, address_.str(), "device was given back to the kernel");
  vfio_irq_info i{};
  i.argsz = sizeof i;
  i.index = static_cast<unsigned>(index);
  if (::ioctl(fd_->fd, VFIO_DEVICE_GET_IRQ_INFO, &i) != 0)
    throw_sys(Errc::vfio_device_get_irq_info, address_.str(), "VFIO_DEVICE_GET_IRQ_INFO", errno);
  return IrqInfo{i.index, i.flags, i.count};
}

IrqSet Device::enable_irqs(Irq index, unsigned count) {
  static const char* names[] = {"INTx", "MSI", "MSI-X", "error", "request"};
  const auto info = irq_info(index);
  const auto name = names[static_cast<unsigned>(index)];
  if (info.count == 0)
    throw Error(Errc::not_found, address_.str(), std::string("the device has no ") + name + " interrupt");
  if (count == 0 || count > info.count)
    throw Error(Errc::invalid_argument, address_.str(),
                std::to_string(count) + " " + name + " vectors requested, the device offers " + std::to_string(info.count));
  return IrqSet(fd_, index, count);
}

void Device::reset() {
  if (!can_reset())
    throw Error(Errc::unsupported, address_.str(), "the device has no reset method (VFIO_DEVICE_FLAGS_RESET clear)");
  if (::ioctl(fd_->fd, VFIO_DEVICE_RESET) != 0) throw_sys(Errc::vfio_device_reset, address_.str(), "VFIO_DEVICE_RESET", errno);
}

void Device::surrender() noexcept {
  // The mappings hold the device file open as much as the fd does: both must go before the
  // kernel's unbind can finish.
  for (auto& [index, m] : mapped_) m->region.replace_with_ones();
  if (fd_) fd_->close();
}

}  // namespace uiokit::vfio
