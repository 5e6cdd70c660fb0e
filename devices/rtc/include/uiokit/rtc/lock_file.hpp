// SPDX-License-Identifier: MIT
// LockFile: an exclusive flock on a file (under /run/uiokit), for registers reached through
// /dev/mem, which has no owner otherwise: two drivers of one RTC must not interleave their
// accesses, and a UIO device's own lock does not cover a /dev/mem mapping of the same block.
#pragma once

#include <string>

namespace uiokit::rtc {

// Throws Errc::busy naming the PID that holds it, open_failed when the file cannot be made.
class LockFile {
 public:
  LockFile() = default;
  explicit LockFile(std::string path);
  LockFile(LockFile&& o) noexcept;
  LockFile& operator=(LockFile&& o) noexcept;
  ~LockFile();

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace uiokit::rtc
