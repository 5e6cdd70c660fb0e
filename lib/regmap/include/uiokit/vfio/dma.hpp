// SPDX-License-Identifier: MIT
// DMA through VFIO: buffers of this process's memory that a device reaches at an IOVA.
//
// The IOMMU translates the addresses a device puts on the bus (IOVAs) through the container's
// page table, which VFIO_IOMMU_MAP_DMA fills. An IOVA is any page-aligned number we choose, as
// long as the device can emit it: edu's DMA mask is 28 bits, so its IOVAs must stay below 2^28.
// IovaAllocator hands out page-aligned ranges first-fit from [base, limit); DmaBuffer owns
// anonymous memory (mmap, so page-aligned and pinned by the map) plus its IOMMU mapping, and on
// destruction unmaps from the IOMMU first (the device must lose access before the memory can be
// reused) and then frees the memory. A DmaBuffer keeps its container's state alive, so the unmap
// always has a container to talk to whatever the destruction order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>

#include "uiokit/vfio/vfio.hpp"

namespace uiokit::vfio {

class IovaAllocator {
 public:
  // Throws Errc::invalid_argument unless base < limit, both page-aligned.
  IovaAllocator(std::uint64_t base, std::uint64_t limit, std::size_t page = 4096);

  // A free range of `size` bytes (rounded up to pages). Errc::out_of_range when nothing fits
  // below the limit.
  std::uint64_t allocate(std::size_t size);
  // Takes exactly [iova, iova+size): Errc::misaligned if unaligned, Errc::out_of_range outside
  // [base, limit), Errc::invalid_argument naming the existing range on a collision.
  void reserve(std::uint64_t iova, std::size_t size);
  // Gives back a range from allocate() or reserve(). Unknown IOVAs are ignored.
  void release(std::uint64_t iova) noexcept;

  std::uint64_t base() const noexcept { return base_; }
  std::uint64_t limit() const noexcept { return limit_; }
  std::size_t page() const noexcept { return page_; }

 private:
  std::size_t round(std::size_t size) const;
  std::uint64_t base_, limit_;
  std::size_t page_;
  std::map<std::uint64_t, std::uint64_t> used_;  // iova -> size
  std::mutex mutex_;
};

class DmaBuffer {
 public:
  DmaBuffer() = default;
  // `size` bytes (rounded up to pages), zero-filled, mapped at an IOVA from `iovas`, which must
  // outlive the buffer.
  DmaBuffer(Container& container, IovaAllocator& iovas, std::size_t size);
  ~DmaBuffer();
  DmaBuffer(DmaBuffer&&) noexcept;
  DmaBuffer& operator=(DmaBuffer&&) noexcept;

  std::byte* data() const noexcept { return static_cast<std::byte*>(memory_); }
  std::size_t size() const noexcept { return size_; }
  std::uint64_t iova() const noexcept { return iova_; }
  std::span<std::byte> bytes() const noexcept { return {data(), size_}; }

 private:
  void release() noexcept;
  std::shared_ptr<detail::ContainerState> container_;
  IovaAllocator* iovas_ = nullptr;
  void* memory_ = nullptr;
  std::size_t size_ = 0;
  std::uint64_t iova_ = 0;
};

}  // namespace uiokit::vfio
