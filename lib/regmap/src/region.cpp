// SPDX-License-Identifier: MIT
#include "uiokit/region.hpp"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>

namespace uiokit {

Region::Region(void* map_base, std::size_t map_length, std::size_t offset, std::size_t size, Info info,
               Unmapper unmap)
    : map_base_(map_base),
      map_length_(map_length),
      base_(static_cast<volatile std::byte*>(map_base) + offset),
      size_(size),
      info_(std::move(info)),
      unmap_(std::move(unmap)) {}

Region::~Region() { release(); }

Region::Region(Region&& other) noexcept
    : map_base_(std::exchange(other.map_base_, nullptr)),
      map_length_(std::exchange(other.map_length_, 0)),
      base_(std::exchange(other.base_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      info_(std::move(other.info_)),
      unmap_(std::move(other.unmap_)),
      removed_(other.removed_) {}

Region& Region::operator=(Region&& other) noexcept {
  if (this != &other) {
    release();
    map_base_ = std::exchange(other.map_base_, nullptr);
    map_length_ = std::exchange(other.map_length_, 0);
    base_ = std::exchange(other.base_, nullptr);
    size_ = std::exchange(other.size_, 0);
    info_ = std::move(other.info_);
    unmap_ = std::move(other.unmap_);
    removed_ = other.removed_;
  }
  return *this;
}

void Region::release() noexcept {
  if (map_base_ != nullptr && unmap_) unmap_(map_base_, map_length_);
  map_base_ = nullptr;
  base_ = nullptr;
}

std::string Region::describe() const {
  std::string s = info_.name.empty() ? std::string("region") : info_.name;
  s += " (";
  if (!info_.source.empty()) s += info_.source + ", ";
  s += hex(size_) + " bytes";
  if (info_.phys) s += " at " + hex(*info_.phys);
  s += ")";
  return s;
}

void check_access(const std::string& subject, std::uint64_t size, std::uint64_t offset, std::uint64_t width) {
  if (access_fits(size, offset, width)) return;
  const std::string bits = std::to_string(width * 8) + "-bit access";
  if (width != 1 && width != 2 && width != 4 && width != 8)
    throw Error(Errc::bad_width, subject, bits + " (widths are 8, 16, 32 and 64)", offset);
  if (offset >= size || width > size - offset)
    throw Error(Errc::out_of_range, subject,
                bits + " at offset " + hex(offset) + " is past the end (last valid offset " +
                    hex(size >= width ? size - width : 0) + ")");
  if (offset % width != 0)
    throw Error(Errc::misaligned, subject,
                bits + " at offset " + hex(offset) + " is not " + std::to_string(width) + "-byte aligned");
}

void Region::check(std::size_t offset, std::size_t width, bool for_write) const {
  if (base_ == nullptr) throw Error(Errc::invalid_argument, "region", "access to an empty (moved-from) Region");
  if (!access_fits(size_, offset, width)) check_access(describe(), size_, offset, width);
  if (for_write && !info_.writable)
    throw Error(Errc::permission_denied, describe(), "write at offset " + hex(offset) + " to a read-only mapping");
}

std::uint64_t Region::read(std::size_t offset, unsigned width, Endian e) const {
  switch (width) {
    case 1: return read<std::uint8_t>(offset, e);
    case 2: return read<std::uint16_t>(offset, e);
    case 4: return read<std::uint32_t>(offset, e);
    case 8: return read<std::uint64_t>(offset, e);
    default: check(offset, width); return 0;  // check() throws bad_width
  }
}

void Region::write(std::size_t offset, unsigned width, std::uint64_t value, Endian e) {
  const auto fits = width >= 8 || value >> (width * 8) == 0;
  switch (width) {
    case 1: case 2: case 4: case 8: break;
    default: check(offset, width, true);  // throws bad_width
  }
  if (!fits)
    throw Error(Errc::invalid_argument, describe(),
                "value " + hex(value) + " does not fit a " + std::to_string(width * 8) + "-bit write", offset);
  switch (width) {
    case 1: write<std::uint8_t>(offset, static_cast<std::uint8_t>(value), e); break;
    case 2: write<std::uint16_t>(offset, static_cast<std::uint16_t>(value), e); break;
    case 4: write<std::uint32_t>(offset, static_cast<std::uint32_t>(value), e); break;
    default: write<std::uint64_t>(offset, value, e); break;
  }
}

void Region::sync() {
  if (!info_.file_backed || map_base_ == nullptr || removed_) return;
  if (::msync(map_base_, map_length_, MS_SYNC) != 0)
    throw_sys(Errc::msync_failed, describe(), "msync", errno);
}

void Region::replace_with_ones() noexcept {
  if (map_base_ == nullptr || removed_) return;
  void* p = ::mmap(map_base_, map_length_, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return;
  std::memset(p, 0xff, map_length_);
  removed_ = true;
  info_.file_backed = false;
}

}  // namespace uiokit
