// SPDX-License-Identifier: MIT
#include <fcntl.h>
#include <linux/vfio.h>
#include <sys/ioctl.h>

#include <cerrno>

#include "../access_hint.hpp"
#include "state.hpp"

namespace uiokit::vfio {

Container::Container(Options options) : s_(std::make_shared<detail::ContainerState>()) {
  s_->options = std::move(options);
  const auto path = (s_->options.dev / "vfio/vfio").string();
  s_->fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (s_->fd < 0) {
    const int err = errno;
    throw_sys(Errc::open_failed, path, "open the VFIO container", err, {},
              err == ENOENT                         ? "load the vfio module (modprobe vfio-pci)"
              : uiokit::detail::access_refused(err) ? uiokit::detail::group_access_hint(path)
                                                    : "");
  }
  s_->api_version = ::ioctl(s_->fd, VFIO_GET_API_VERSION);
  if (s_->api_version != VFIO_API_VERSION)
    throw Error(Errc::vfio_get_api_version, path,
                "API version " + std::to_string(s_->api_version) + ", this library speaks " + std::to_string(VFIO_API_VERSION),
                {}, s_->api_version < 0 ? errno : 0);
  if (::ioctl(s_->fd, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) <= 0) {
    const bool noiommu_ok = ::ioctl(s_->fd, VFIO_CHECK_EXTENSION, VFIO_NOIOMMU_IOMMU) > 0;
    if (!s_->options.allow_noiommu || !noiommu_ok)
      throw Error(Errc::vfio_no_iommu, path, "the kernel offers no type1v2 IOMMU", {}, 0,
                  noiommu_ok ? "only no-IOMMU mode is available, where the device can DMA anywhere in memory; "
                               "pass allow_noiommu to accept that"
                             : "boot with the IOMMU on (intel_iommu=on / amd_iommu=on) and load vfio_iommu_type1");
    s_->noiommu = true;
  }
}

Container::~Container() = default;
Container::Container(Container&&) noexcept = default;
Container& Container::operator=(Container&&) noexcept = default;

int Container::fd() const noexcept { return s_ ? s_->fd : -1; }
int Container::api_version() const noexcept { return s_ ? s_->api_version : 0; }
bool Container::noiommu() const noexcept { return s_ && s_->noiommu; }
const Options& Container::options() const noexcept { return s_->options; }

namespace {
std::size_t page() { return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)); }
}

void Container::map_dma(void* vaddr, std::size_t size, std::uint64_t iova) {
  const auto va = reinterpret_cast<std::uintptr_t>(vaddr);
  const std::string what = "DMA map of " + hex(size) + " bytes at IOVA " + hex(iova);
  if (s_->noiommu) throw Error(Errc::unsupported, "VFIO container", what + ": no-IOMMU mode has no DMA mappings");
  if (size == 0 || va % page() != 0 || size % page() != 0 || iova % page() != 0)
    throw Error(Errc::misaligned, "VFIO container",
                what + " from " + hex(va) + ": buffer address, size and IOVA must all be multiples of the page size (" +
                    hex(page()) + ")");
  std::lock_guard lock(s_->mutex);
  auto next = s_->mappings.lower_bound(iova);
  if (next != s_->mappings.end() && next->first < iova + size)
    throw Error(Errc::invalid_argument, "VFIO container",
                what + " collides with the mapping at IOVA " + hex(next->first) + " (" + hex(next->second) + " bytes)");
  if (next != s_->mappings.begin()) {
    auto prev = std::prev(next);
    if (prev->first + prev->second > iova)
      throw Error(Errc::invalid_argument, "VFIO container",
                  what + " collides with the mapping at IOVA " + hex(prev->first) + " (" + hex(prev->second) + " bytes)");
  }
  vfio_iommu_type1_dma_map m{};
  m.argsz = sizeof m;
  m.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE;
  m.vaddr = va;
  m.iova = iova;
  m.size = size;
  if (::ioctl(s_->fd, VFIO_IOMMU_MAP_DMA, &m) != 0)
    throw_sys(Errc::vfio_iommu_map_dma, "VFIO container", what, errno, {},
              errno == ENOMEM ? "the locked-memory limit (ulimit -l) may be too small" : "");
  s_->mappings.emplace(iova, size);
}

void detail::unmap_dma(ContainerState& c, std::uint64_t iova, std::size_t size) {
  std::lock_guard lock(c.mutex);
  vfio_iommu_type1_dma_unmap u{};
  u.argsz = sizeof u;
  u.iova = iova;
  u.size = size;
  if (::ioctl(c.fd, VFIO_IOMMU_UNMAP_DMA, &u) != 0)
    throw_sys(Errc::vfio_iommu_unmap_dma, "VFIO container", "DMA unmap of " + hex(size) + " bytes at IOVA " + hex(iova), errno);
  c.mappings.erase(iova);
}

void Container::unmap_dma(std::uint64_t iova, std::size_t size) { detail::unmap_dma(*s_, iova, size); }

}  // namespace uiokit::vfio
