// SPDX-License-Identifier: MIT
#include "uiokit/portio/pread.hpp"

#include <unistd.h>

#include <cerrno>

namespace uiokit {

PreadTransport::PreadTransport(Window window, std::string label, std::shared_ptr<void> owner)
    : w_(window), label_(std::move(label)), owner_(std::move(owner)) {
  if (w_.fd < 0) throw Error(Errc::invalid_argument, label_, "no file descriptor for the window");
  if (w_.size == 0) throw Error(Errc::invalid_argument, label_, "a window of 0 bytes");
}

namespace {
struct ClosesFd {
  int fd;
  ~ClosesFd() { ::close(fd); }
};
}  // namespace

std::shared_ptr<void> PreadTransport::own_fd(int fd) { return std::shared_ptr<ClosesFd>(new ClosesFd{fd}); }

void PreadTransport::refuse_width(std::uint64_t offset, unsigned width, const char* what) const {
  if (width > 8 || !(w_.widths & width))
    throw Error(Errc::bad_width, label_,
                std::to_string(width * 8) + "-bit " + what + " at offset " + hex(offset) + ": this transport does " +
                    widths_text(w_.widths) + " accesses only");
}

std::uint64_t PreadTransport::load(std::uint64_t offset, unsigned width) {
  refuse_width(offset, width, "read");
  unsigned char b[8] = {};
  const auto n = ::pread(w_.fd, b, width, static_cast<off_t>(w_.base + offset));
  if (n != static_cast<ssize_t>(width))
    throw_sys(Errc::io_failed, label_, std::to_string(width * 8) + "-bit pread", n < 0 ? errno : EIO, offset);
  std::uint64_t v = 0;
  for (unsigned i = width; i-- > 0;) v = v << 8 | b[i];  // the bytes as a little-endian word
  return v;
}

void PreadTransport::store(std::uint64_t offset, unsigned width, std::uint64_t value) {
  refuse_width(offset, width, "write");
  unsigned char b[8];
  for (unsigned i = 0; i < width; ++i) b[i] = static_cast<unsigned char>(value >> (8 * i));
  const auto n = ::pwrite(w_.fd, b, width, static_cast<off_t>(w_.base + offset));
  if (n != static_cast<ssize_t>(width))
    throw_sys(Errc::io_failed, label_, std::to_string(width * 8) + "-bit pwrite", n < 0 ? errno : EIO, offset);
}

}  // namespace uiokit
