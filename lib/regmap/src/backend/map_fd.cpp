// SPDX-License-Identifier: MIT
#include "uiokit/backend/map_fd.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <limits>

namespace uiokit {

// Offsets into /dev/mem are physical addresses: the build defines _FILE_OFFSET_BITS=64
// (CMakeLists.txt), without which a 32-bit target's off_t would cut them to 32 bits.
static_assert(sizeof(off_t) == 8, "uiokit needs a 64-bit off_t: compile with -D_FILE_OFFSET_BITS=64");

std::size_t page_size() noexcept {
  static const auto size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return size;
}

std::size_t window_size(std::uint64_t size, const std::string& what) {
  if (size > std::numeric_limits<std::size_t>::max())
    throw Error(Errc::invalid_argument, what, "a window of " + hex(size) + " bytes: more than this process can address");
  return static_cast<std::size_t>(size);
}

Region map_fd(int fd, const MapRequest& req) {
  const std::string& what = req.info.source;
  if (req.size == 0) throw Error(Errc::invalid_argument, what, "mapping of 0 bytes", req.offset);
  if (req.backing_size && (req.offset > *req.backing_size || req.size > *req.backing_size - req.offset))
    throw Error(Errc::file_too_short, what,
                "mapping " + hex(req.size) + " bytes at offset " + hex(req.offset) + " needs " +
                    hex(req.offset + req.size) + " bytes but the file has " + hex(*req.backing_size),
                {}, 0, "touching a page past the end of a file raises SIGBUS, so the mapping is refused");

  const std::uint64_t ps = page_size();
  const std::uint64_t aligned = req.offset & ~(ps - 1);
  if (aligned > static_cast<std::uint64_t>(std::numeric_limits<off_t>::max()))
    throw Error(Errc::invalid_argument, what, "mapping at offset " + hex(req.offset) + ": past the largest file offset");
  // On a 32-bit target a window can be larger than the address space: refused, not cut short.
  if (req.size > std::numeric_limits<std::size_t>::max() - (req.offset - aligned) - (ps - 1))
    throw Error(Errc::invalid_argument, what, "mapping of " + hex(req.size) + " bytes: more than this process can address");
  const std::size_t delta = static_cast<std::size_t>(req.offset - aligned);
  const std::size_t length = static_cast<std::size_t>((delta + req.size + ps - 1) & ~(ps - 1));
  const int prot = PROT_READ | (req.writable ? PROT_WRITE : 0);
  const int flags = req.share == Share::shared ? MAP_SHARED : MAP_PRIVATE;

  void* p = ::mmap(nullptr, length, prot, flags, fd, static_cast<off_t>(aligned));
  if (p == MAP_FAILED) {
    const int err = errno;
    throw_sys(Errc::mmap_failed, what, "mmap of " + hex(req.size) + " bytes at offset " + hex(req.offset), err);
  }
  Region::Info info = req.info;
  info.writable = req.writable;
  return Region(p, length, delta, req.size, std::move(info), [](void* base, std::size_t len) { ::munmap(base, len); });
}

}  // namespace uiokit
