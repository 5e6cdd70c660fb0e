// SPDX-License-Identifier: MIT
#include "uiokit/backend/file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <limits>

namespace uiokit {

namespace {
// Closes the descriptor whatever happens: the mapping does not need it once made.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};
}  // namespace

Region map_file(const std::filesystem::path& path, const FileMapOptions& opt) {
  const std::string p = path.string();
  // A private mapping may be written without write access to the file: the copy is ours.
  const bool need_write = opt.writable && opt.share == Share::shared;
  Fd fd{::open(p.c_str(), (need_write ? O_RDWR : O_RDONLY) | O_CLOEXEC)};
  if (fd.fd < 0) throw_sys(Errc::open_failed, p, need_write ? "open for reading and writing" : "open", errno);

  struct stat st {};
  if (::fstat(fd.fd, &st) != 0) throw_sys(Errc::stat_failed, p, "fstat", errno);

  MapRequest req;
  req.offset = opt.offset;
  req.writable = opt.writable;
  req.share = opt.share;
  req.info.name = opt.name.empty() ? path.filename().string() : opt.name;
  req.info.source = p;
  if (S_ISREG(st.st_mode)) {
    // sysfs resourceN files are regular files whose st_size is the BAR size (lseek says 0).
    const auto file_size = static_cast<std::uint64_t>(st.st_size);
    req.backing_size = file_size;
    req.info.file_backed = opt.share == Share::shared;
    if (opt.size == 0) {
      if (opt.offset >= file_size)
        throw Error(Errc::file_too_short, p,
                    "offset " + hex(opt.offset) + " is at or past the end of the file (" + hex(file_size) + " bytes)");
      // On a 32-bit target the rest of a file of 4 GiB or more is more than the process can map.
      if (file_size - opt.offset > std::numeric_limits<std::size_t>::max())
        throw Error(Errc::invalid_argument, p,
                    "the file from offset " + hex(opt.offset) + " is " + hex(file_size - opt.offset) +
                        " bytes, more than this process can address: give the window's size (file:PATH+OFFSET+SIZE)");
      req.size = static_cast<std::size_t>(file_size - opt.offset);
    } else {
      req.size = opt.size;
    }
  } else {
    if (opt.size == 0)
      throw Error(Errc::invalid_argument, p, "not a regular file, so the mapping size must be given");
    req.size = opt.size;
  }
  return map_fd(fd.fd, req);
}

Region map_memfd(const std::string& name, std::size_t size) {
  Fd fd{::memfd_create(name.c_str(), MFD_CLOEXEC)};
  if (fd.fd < 0) throw_sys(Errc::open_failed, "memfd:" + name, "memfd_create", errno);
  if (::ftruncate(fd.fd, static_cast<off_t>(size)) != 0)
    throw_sys(Errc::io_failed, "memfd:" + name, "ftruncate to " + hex(size) + " bytes", errno);
  MapRequest req;
  req.size = size;
  req.backing_size = size;
  req.info.name = name;
  req.info.source = "memfd:" + name;
  return map_fd(fd.fd, req);
}

}  // namespace uiokit
