// SPDX-License-Identifier: MIT
// Region: one mapped window of device memory (or a buffer) in this process.
//
// A Region owns its mapping and unmaps it when destroyed. It knows its name ("regs", "hpet",
// "resource0"), its size, and, when the backend knows it, the physical or bus address a device
// sees. Backends (file, memfd, /dev/mem, UIO, PCI sysfs, VFIO) differ only in how they obtain the
// mapping; everything above this layer takes a Region.
//
// Two ways in: typed register blocks (uiokit/reg/block.hpp) take the base pointer and do
// unchecked single-instruction accesses; tools use read()/write() here, which check the offset
// against the size and the width's alignment and throw uiokit::Error instead of faulting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "uiokit/error.hpp"
#include "uiokit/mmio.hpp"

namespace uiokit {

using mmio::Endian;

// Throws bad_width, out_of_range or misaligned unless a `width`-byte access at `offset` fits a
// window of `size` bytes and is aligned to its width (1, 2, 4 or 8): the one rule every checked
// access in the library (Regions, VFIO regions read by pread, the fake) applies.
void check_access(const std::string& subject, std::uint64_t size, std::uint64_t offset, std::uint64_t width);
// That rule alone, without a message: true when check_access would not throw. Callers whose
// subject is a string to make (Region::describe) test this first, so that an access that is
// allowed (every checked read and write) makes no string.
constexpr bool access_fits(std::uint64_t size, std::uint64_t offset, std::uint64_t width) noexcept {
  return (width == 1 || width == 2 || width == 4 || width == 8) && offset < size && width <= size - offset && offset % width == 0;
}

class Region {
 public:
  struct Info {
    std::string name;                        // what the window is called ("map0", "resource2")
    std::string source;                      // where it came from (a path), for messages
    std::optional<std::uint64_t> phys;       // physical or bus address of byte 0, if known
    bool writable = true;
    bool file_backed = false;                // msync() means something
  };

  // Releases the mapping; called with the page-aligned base and length that mmap returned.
  using Unmapper = std::function<void(void* map_base, std::size_t map_length)>;

  Region() = default;
  // map_base/map_length: what mmap returned (page-aligned); offset: where byte 0 of the Region
  // lies inside it (a /dev/mem window rarely starts on a page boundary); size: the usable bytes.
  Region(void* map_base, std::size_t map_length, std::size_t offset, std::size_t size, Info info,
         Unmapper unmap);
  ~Region();
  Region(Region&& other) noexcept;
  Region& operator=(Region&& other) noexcept;
  Region(const Region&) = delete;
  Region& operator=(const Region&) = delete;

  explicit operator bool() const noexcept { return base_ != nullptr; }
  volatile std::byte* base() const noexcept { return base_; }
  // For buffers (not registers): plain memory access, e.g. a framebuffer or a DMA buffer.
  std::byte* data() const noexcept { return const_cast<std::byte*>(base_); }
  std::size_t size() const noexcept { return size_; }
  const std::string& name() const noexcept { return info_.name; }
  const std::string& source() const noexcept { return info_.source; }
  std::optional<std::uint64_t> phys() const noexcept { return info_.phys; }
  bool writable() const noexcept { return info_.writable; }
  const Info& info() const noexcept { return info_; }

  // Throws out_of_range / misaligned / bad_width unless [offset, offset+width) is inside the
  // Region and offset is a multiple of width (1, 2, 4 or 8).
  void check(std::size_t offset, std::size_t width, bool for_write = false) const;

  template <mmio::MmioWord T>
  T read(std::size_t offset, Endian e = Endian::little) const {
    check(offset, sizeof(T));
    return mmio::from_device(mmio::load<T>(base_ + offset), e);
  }
  template <mmio::MmioWord T>
  void write(std::size_t offset, T value, Endian e = Endian::little) {
    check(offset, sizeof(T), true);
    mmio::store<T>(base_ + offset, mmio::from_device(value, e));
  }
  // Width chosen at run time (tools): width in bytes, 1, 2, 4 or 8.
  std::uint64_t read(std::size_t offset, unsigned width, Endian e = Endian::little) const;
  void write(std::size_t offset, unsigned width, std::uint64_t value, Endian e = Endian::little);

  // Writes back a file-backed MAP_SHARED mapping (msync MS_SYNC); a no-op for device memory.
  void sync();

  // Swaps the mapping for anonymous memory filled with 0xff, as a PCI read of a removed device
  // returns, so that code still holding base() reads all-ones instead of dying of SIGBUS.
  // Used by backends on surprise removal; afterwards removed() is true.
  void replace_with_ones() noexcept;
  bool removed() const noexcept { return removed_; }

  // Describes the window for messages: "map0 (/dev/uio0, 0x1000 bytes at 0xfed00000)".
  std::string describe() const;

 private:
  void release() noexcept;

  void* map_base_ = nullptr;
  std::size_t map_length_ = 0;
  volatile std::byte* base_ = nullptr;
  std::size_t size_ = 0;
  Info info_;
  Unmapper unmap_;
  bool removed_ = false;
};

}  // namespace uiokit
