// SPDX-License-Identifier: MIT
#include "uiokit/rtc/lock_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include "uiokit/error.hpp"

namespace uiokit::rtc {

namespace fs = std::filesystem;

LockFile::LockFile(std::string path) : path_(std::move(path)) {
  std::error_code ec;
  fs::create_directories(fs::path(path_).parent_path(), ec);
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw_sys(Errc::open_failed, path_, "open of the lock file", errno);
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    std::string holder = "another process";
    if (std::ifstream in(path_); in) {
      long pid = 0;
      if (in >> pid && pid > 0) holder = "PID " + std::to_string(pid);
    }
    ::close(fd_);
    fd_ = -1;
    throw Error(Errc::busy, path_, "exclusive lock (the RTC is in use by " + holder + ")", {}, err);
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0) (void)!::write(fd_, pid.data(), pid.size());
}

LockFile::LockFile(LockFile&& o) noexcept : fd_(o.fd_), path_(std::move(o.path_)) { o.fd_ = -1; }

LockFile& LockFile::operator=(LockFile&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    path_ = std::move(o.path_);
    o.fd_ = -1;
  }
  return *this;
}

LockFile::~LockFile() {
  if (fd_ >= 0) {
    (void)!::ftruncate(fd_, 0);
    ::close(fd_);  // releases the flock
  }
}

}  // namespace uiokit::rtc
