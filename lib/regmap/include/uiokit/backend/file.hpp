// SPDX-License-Identifier: MIT
// File and memfd backends: a Region over an ordinary file, a sysfs attribute file, or an
// anonymous memory file.
//
// MAP_SHARED writes reach the file (msync with Region::sync to force them out); MAP_PRIVATE
// writes stay in this process. A mapping cannot grow a file, and touching a page beyond its end
// raises SIGBUS: map_file refuses such a window up front with Errc::file_too_short.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "uiokit/backend/map_fd.hpp"

namespace uiokit {

struct FileMapOptions {
  std::uint64_t offset = 0;
  std::size_t size = 0;          // 0: from offset to the end of the file
  bool writable = true;
  Share share = Share::shared;
  std::string name;              // defaults to the file's name
};

Region map_file(const std::filesystem::path& path, const FileMapOptions& options = {});

// An anonymous, zero-filled file of `size` bytes (memfd_create), mapped shared. Useful as a
// test stand-in for device memory and as a buffer another process can map through /proc/PID/fd.
Region map_memfd(const std::string& name, std::size_t size);

}  // namespace uiokit
