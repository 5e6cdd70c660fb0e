// SPDX-License-Identifier: MIT
// map_fd: the one place every backend calls mmap.
//
// Rounds the requested window out to whole pages (mmap only maps pages), checks the window
// against what the file can back when the size is known (mapping past the end of a regular file
// would SIGBUS on first touch), and returns a Region whose byte 0 is the requested offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "uiokit/region.hpp"

namespace uiokit {

enum class Share { shared, private_copy };  // MAP_SHARED or MAP_PRIVATE (copy on write)

struct MapRequest {
  std::uint64_t offset = 0;          // file offset of byte 0 of the Region
  std::size_t size = 0;              // bytes wanted
  bool writable = true;
  Share share = Share::shared;
  std::optional<std::uint64_t> backing_size;  // bytes the file can back, if known (fstat)
  Region::Info info;                 // name, source path, physical address
};

std::size_t page_size() noexcept;

// `size` as this process's size_t. On a 32-bit target a size of 4 GiB or more does not fit: it is
// refused (Errc::invalid_argument naming `what`), never cut to its low 32 bits.
std::size_t window_size(std::uint64_t size, const std::string& what);

// Does not take ownership of fd (the mapping outlives it anyway).
Region map_fd(int fd, const MapRequest& request);

}  // namespace uiokit
