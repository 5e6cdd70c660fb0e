// SPDX-License-Identifier: MIT
// A window of a file descriptor read and written with pread/pwrite: how the kernel hands out
// I/O port BARs, which cannot be mapped.
//
// VFIO exposes every region of a device at an offset of the device fd (vfio/vfio.hpp); a memory
// BAR may be mmap'd, an I/O BAR only read and written, one pread/pwrite per access, which the
// kernel turns into one inb/inw/inl or outb/outw/outl of the same width. PCI sysfs does the same
// for the resourceK file of an I/O BAR (1, 2 and 4 bytes, on x86). Each load and store here is
// exactly one pread or pwrite of the access's width at base + offset; a short transfer or an
// error is Errc::io_failed with the errno, naming the window and the offset. There is no 64-bit
// port access, so the usual widths are 8, 16 and 32 bits and a 64-bit access is refused with
// Errc::bad_width before the kernel is asked.
//
// The transport keeps `owner` alive as long as it lives: the VFIO container, group and device
// behind the fd, or the fd itself (PreadTransport::own_fd).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "uiokit/transport.hpp"

namespace uiokit {

class PreadTransport final : public Transport {
 public:
  struct Window {
    int fd = -1;
    std::uint64_t base = 0;              // file offset of byte 0
    std::uint64_t size = 0;
    unsigned widths = 1 | 2 | 4;         // bit w: w-byte accesses allowed
    bool writable = true;
    std::optional<std::uint64_t> address;  // the first port (or bus address), for describe()
  };

  // label: the transport and address for messages ("vfio 0000:00:04.0 BAR1").
  PreadTransport(Window window, std::string label, std::shared_ptr<void> owner = {});

  // An owner that closes `fd` (for a file this process opened only for the transport).
  static std::shared_ptr<void> own_fd(int fd);

  std::uint64_t size() const noexcept override { return w_.size; }
  std::string describe() const override { return label_; }
  std::optional<std::uint64_t> address() const noexcept override { return w_.address; }
  bool writable() const noexcept override { return w_.writable; }
  unsigned widths() const noexcept override { return w_.widths; }
  std::uint64_t load(std::uint64_t offset, unsigned width) override;
  void store(std::uint64_t offset, unsigned width, std::uint64_t value) override;

 private:
  void refuse_width(std::uint64_t offset, unsigned width, const char* what) const;
  Window w_;
  std::string label_;
  std::shared_ptr<void> owner_;
};

}  // namespace uiokit
