// SPDX-License-Identifier: MIT
#include "uiokit/backend/map_fd.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

namespace uiokit {

std::size_t page_size() noexcept {
  static const auto size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return size;
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
