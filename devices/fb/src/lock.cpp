// SPDX-License-Identifier: MIT
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>

#include "uiokit/error.hpp"
#include "uiokit/fb/open.hpp"

namespace uiokit::fb {

LockFile::LockFile(const std::string& dir, const std::string& what) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::string name = what;
  for (auto& c : name)
    if (c == '/' || c == ':') c = '_';
  const std::string path = dir + "/fb-" + name + ".lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw_sys(Errc::open_failed, path, "opening the display's lock file", errno);
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    char buf[32] = {};
    const auto n = ::pread(fd_, buf, sizeof buf - 1, 0);
    ::close(fd_);
    fd_ = -1;
    throw Error(Errc::busy, what,
                "the display is in use by PID " + std::string(n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "?") +
                    " (lock " + path + ")");
  }
  const std::string pid = std::to_string(::getpid());
  if (::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    // The PID is only for the message a second driver gets; the lock itself holds.
  }
}

LockFile::~LockFile() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace uiokit::fb
