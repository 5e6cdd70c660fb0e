// SPDX-License-Identifier: MIT
#include "uiokit/backend/devmem.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "uiokit/backend/map_fd.hpp"

namespace uiokit {

Region map_devmem(std::uint64_t phys, std::size_t size, const DevmemOptions& opt) {
  // O_SYNC asks for an uncached mapping where the architecture distinguishes (x86 PAT).
  const int fd = ::open(opt.path.c_str(), (opt.writable ? O_RDWR : O_RDONLY) | O_SYNC | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    throw_sys(Errc::open_failed, opt.path, "open", err, {},
              err == EACCES || err == EPERM ? "reading physical memory needs root (CAP_SYS_RAWIO)" : "");
  }
  MapRequest req;
  req.offset = phys;
  req.size = size;
  req.writable = opt.writable;
  req.info.name = opt.name.empty() ? "mem@" + hex(phys) : opt.name;
  req.info.source = opt.path;
  req.info.phys = phys;
  try {
    Region r = map_fd(fd, req);
    ::close(fd);
    return r;
  } catch (const Error& e) {
    ::close(fd);
    if (e.code() == Errc::permission_denied)
      throw Error(Errc::permission_denied, opt.path, "mmap of " + hex(size) + " bytes", phys, e.sys_errno(),
                  "the kernel's STRICT_DEVMEM refuses RAM, and device memory that a driver has claimed unless "
                  "booted with iomem=relaxed");
    throw;
  }
}

}  // namespace uiokit
