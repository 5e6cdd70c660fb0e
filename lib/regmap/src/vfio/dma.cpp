// SPDX-License-Identifier: MIT
#include "uiokit/vfio/dma.hpp"

#include <sys/mman.h>

#include <cerrno>

#include "state.hpp"

namespace uiokit::vfio {

IovaAllocator::IovaAllocator(std::uint64_t base, std::uint64_t limit, std::size_t page) : base_(base), limit_(limit), page_(page) {
  if (page == 0 || (page & (page - 1)) != 0 || base % page != 0 || limit % page != 0 || base >= limit)
    throw Error(Errc::invalid_argument, "IOVA allocator",
                "range [" + hex(base) + ", " + hex(limit) + ") must be non-empty and page-aligned (" + hex(page) + ")");
}

std::size_t IovaAllocator::round(std::size_t size) const { return (size + page_ - 1) & ~(page_ - 1); }

std::uint64_t IovaAllocator::allocate(std::size_t size) {
  if (size == 0) throw Error(Errc::invalid_argument, "IOVA allocator", "allocation of 0 bytes");
  const std::uint64_t want = round(size);
  std::lock_guard lock(mutex_);
  std::uint64_t at = base_;
  for (const auto& [iova, len] : used_) {
    if (iova >= at && iova - at >= want) break;
    at = std::max(at, iova + len);
  }
  if (at > limit_ || limit_ - at < want)
    throw Error(Errc::out_of_range, "IOVA allocator", "no free range of " + hex(want) + " bytes below " + hex(limit_));
  used_.emplace(at, want);
  return at;
}

void IovaAllocator::reserve(std::uint64_t iova, std::size_t size) {
  if (iova % page_ != 0 || size == 0 || size % page_ != 0)
    throw Error(Errc::misaligned, "IOVA allocator", "range of " + hex(size) + " bytes must be page-aligned", iova);
  if (iova < base_ || iova > limit_ || limit_ - iova < size)
    throw Error(Errc::out_of_range, "IOVA allocator",
                "range of " + hex(size) + " bytes is outside [" + hex(base_) + ", " + hex(limit_) + ")", iova);
  std::lock_guard lock(mutex_);
  auto next = used_.lower_bound(iova);
  if (next != used_.end() && next->first < iova + size)
    throw Error(Errc::invalid_argument, "IOVA allocator",
                "range of " + hex(size) + " bytes collides with the one at " + hex(next->first) + " (" + hex(next->second) + " bytes)",
                iova);
  if (next != used_.begin()) {
    auto prev = std::prev(next);
    if (prev->first + prev->second > iova)
      throw Error(Errc::invalid_argument, "IOVA allocator",
                  "range of " + hex(size) + " bytes collides with the one at " + hex(prev->first) + " (" + hex(prev->second) +
                      " bytes)",
                  iova);
  }
  used_.emplace(iova, size);
}

void IovaAllocator::release(std::uint64_t iova) noexcept {
  std::lock_guard lock(mutex_);
  used_.erase(iova);
}

DmaBuffer::DmaBuffer(Container& container, IovaAllocator& iovas, std::size_t size)
    : container_(container.state()), iovas_(&iovas), size_(iovas.page() == 0 ? size : (size + iovas.page() - 1) & ~(iovas.page() - 1)) {
  if (size == 0) throw Error(Errc::invalid_argument, "DMA buffer", "buffer of 0 bytes");
  memory_ = ::mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory_ == MAP_FAILED) {
    memory_ = nullptr;
    throw_sys(Errc::mmap_failed, "DMA buffer", "anonymous mmap of " + hex(size_) + " bytes", errno);
  }
  try {
    iova_ = iovas.allocate(size_);
    try {
      container.map_dma(memory_, size_, iova_);
    } catch (...) {
      iovas.release(iova_);
      throw;
    }
  } catch (...) {
    ::munmap(memory_, size_);
    memory_ = nullptr;
    throw;
  }
}

void DmaBuffer::release() noexcept {
  if (memory_ == nullptr) return;
  // The device must lose access before the pages can go back to the kernel.
  try {
    if (container_) detail::unmap_dma(*container_, iova_, size_);
  } catch (const Error&) {
    // The container is gone or the IOMMU refused: the kernel drops the mapping with the
    // container; the memory is freed either way.
  }
  if (iovas_ != nullptr) iovas_->release(iova_);
  ::munmap(memory_, size_);
  memory_ = nullptr;
}

DmaBuffer::~DmaBuffer() { release(); }

DmaBuffer::DmaBuffer(DmaBuffer&& o) noexcept
    : container_(std::move(o.container_)), iovas_(o.iovas_), memory_(std::exchange(o.memory_, nullptr)), size_(o.size_), iova_(o.iova_) {}

DmaBuffer& DmaBuffer::operator=(DmaBuffer&& o) noexcept {
  if (this != &o) {
    release();
    container_ = std::move(o.container_);
    iovas_ = o.iovas_;
    memory_ = std::exchange(o.memory_, nullptr);
    size_ = o.size_;
    iova_ = o.iova_;
  }
  return *this;
}

}  // namespace uiokit::vfio
