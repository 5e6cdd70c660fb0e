// SPDX-License-Identifier: MIT
#include "uiokit/portio/portio.hpp"

#include <cerrno>

#if defined(__x86_64__) || defined(__i386__)
#include <sys/io.h>
#define UIOKIT_HAVE_PORTS 1
#endif

namespace uiokit::portio {

PortTransport::PortTransport(std::uint32_t first, std::uint32_t size, std::string label, std::shared_ptr<void> owner)
    : first_(first), size_(size), label_(std::move(label)), owner_(std::move(owner)) {
  if (size_ == 0 || first_ + size_ > 0x10000)
    throw Error(Errc::out_of_range, label_, "I/O ports run from 0x0 to 0xffff");
#ifdef UIOKIT_HAVE_PORTS
  if (::ioperm(first_, size_, 1) != 0) {
    const int err = errno;
    if (err == ENOSYS)
      throw Error(Errc::unsupported, label_, "ioperm of " + std::to_string(size_) + " ports", first_, err,
                  "this kernel (or the sandbox it runs in) has no ioperm");
    throw_sys(Errc::permission_denied, label_, "ioperm of " + std::to_string(size_) + " ports", err, first_,
              "port I/O needs root (CAP_SYS_RAWIO)");
  }
#else
  throw Error(Errc::unsupported, label_, "this CPU has no I/O port space");
#endif
}

PortTransport::~PortTransport() {
#ifdef UIOKIT_HAVE_PORTS
  ::ioperm(first_, size_, 0);
#endif
}

std::uint64_t PortTransport::load(std::uint64_t offset, unsigned width) {
#ifdef UIOKIT_HAVE_PORTS
  const auto port = static_cast<unsigned short>(first_ + offset);
  switch (width) {
    case 1: return ::inb(port);
    case 2: return ::inw(port);
    case 4: return ::inl(port);
  }
#endif
  throw Error(Errc::bad_width, label_, std::to_string(width * 8) + "-bit port read", first_ + offset);
}

void PortTransport::store(std::uint64_t offset, unsigned width, std::uint64_t value) {
#ifndef UIOKIT_HAVE_PORTS
  (void)value;  // no port instructions on this architecture: every width is refused below
#else
  const auto port = static_cast<unsigned short>(first_ + offset);
  switch (width) {
    case 1: ::outb(static_cast<unsigned char>(value), port); return;
    case 2: ::outw(static_cast<unsigned short>(value), port); return;
    case 4: ::outl(static_cast<unsigned>(value), port); return;
  }
#endif
  throw Error(Errc::bad_width, label_, std::to_string(width * 8) + "-bit port write", first_ + offset);
}

}  // namespace uiokit::portio
