// SPDX-License-Identifier: MIT
// Transport: how one window of device registers is reached, whatever carries the accesses.
//
// A transport loads and stores 8, 16, 32 or 64 bits at an offset into a window of size() bytes,
// as Genode's Register_set<PLAIN_ACCESS> and Linux regmap's bus callbacks do. The rules are
// those of mmio.hpp: one access of exactly the requested width, in program order, never split,
// merged or repeated by the transport; values are the bytes at the offset read as a
// little-endian word (what a little-endian CPU's load returns), and big-endian registers are
// swapped above this layer (Endian). A transport that cannot do a width as one access says so
// in widths() and refuses it rather than splitting it.
//
// Transports: an mmap'd Region (RegionTransport, here), the GDB remote protocol
// (uiokit/gdb/transport.hpp), and whatever docs/transports.md shows how to add. open_transport()
// (uiokit/address/open.hpp) turns a device address into one.
//
// Typed blocks run over any transport through TransportIo, one virtual call per access; a
// driver instantiated for MmioIo (zero-cost mmap) and TransportIo runs on every transport.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "uiokit/error.hpp"
#include "uiokit/mmio.hpp"
#include "uiokit/reg/block.hpp"
#include "uiokit/region.hpp"

namespace uiokit {

class Transport {
 public:
  virtual ~Transport() = default;

  // Bytes of the window; offsets run from 0 to size() - 1.
  virtual std::uint64_t size() const noexcept = 0;
  // For messages: the transport and where the window is ("gdb unix:/run/q.sock mem 0x10017000+0x1000").
  virtual std::string describe() const = 0;
  // The address of byte 0 as the device's bus or the CPU sees it, if known.
  virtual std::optional<std::uint64_t> address() const noexcept { return std::nullopt; }
  virtual bool writable() const noexcept { return true; }
  // The access widths in bytes the transport does as one access: bit w set for width w.
  virtual unsigned widths() const noexcept { return 1 | 2 | 4 | 8; }

  // Unchecked accesses, what typed blocks use (through TransportIo). They may still throw
  // uiokit::Error when the carrier fails (a remote stub refusing the access).
  virtual std::uint64_t load(std::uint64_t offset, unsigned width) = 0;
  virtual void store(std::uint64_t offset, unsigned width, std::uint64_t value) = 0;

  // Bytes, not registers (a framebuffer, a buffer in RAM): the transport picks the widths.
  // The default does byte accesses; transports with a bulk path override it.
  virtual void read_bytes(std::uint64_t offset, std::span<std::byte> out);
  virtual void write_bytes(std::uint64_t offset, std::span<const std::byte> in);

  // A hint that each register in [offset, offset + length) is about to be read once: a remote
  // transport fetches the range in as few round trips as it can and serves each byte from
  // that fetch once; later loads go to the device again. Only ranges whose every register may
  // be read belong here (no read side effects the caller has not agreed to). Default: nothing.
  virtual void prefetch(std::uint64_t offset, std::uint64_t length) { (void)offset, (void)length; }

  // Checked accesses, for tools: bounds, alignment, width (widths()) and, for writes,
  // writable() and the value's fit, each refused with an Error naming describe().
  std::uint64_t read(std::uint64_t offset, unsigned width, Endian e = Endian::little);
  void write(std::uint64_t offset, unsigned width, std::uint64_t value, Endian e = Endian::little);
  void check(std::uint64_t offset, unsigned width, bool for_write = false) const;
  // The same for `length` bytes from `offset` (read_bytes, write_bytes, prefetch).
  void check_span(std::uint64_t offset, std::uint64_t length, bool for_write = false) const;
};

// An mmap'd Region as a transport: the loads and stores of mmio.hpp at base() + offset.
class RegionTransport final : public Transport {
 public:
  explicit RegionTransport(Region region) : region_(std::move(region)) {}

  std::uint64_t size() const noexcept override { return region_.size(); }
  std::string describe() const override { return region_.describe(); }
  std::optional<std::uint64_t> address() const noexcept override { return region_.phys(); }
  bool writable() const noexcept override { return region_.writable(); }
  std::uint64_t load(std::uint64_t offset, unsigned width) override;
  void store(std::uint64_t offset, unsigned width, std::uint64_t value) override;
  void read_bytes(std::uint64_t offset, std::span<std::byte> out) override;
  void write_bytes(std::uint64_t offset, std::span<const std::byte> in) override;

  Region& region() noexcept { return region_; }

 private:
  Region region_;
};

// "8-bit", "16- and 32-bit": the widths (bytes) set in a mask, for messages.
std::string widths_text(unsigned mask);

// A typed block's accesses sent through a Transport (reg::Bound<Block, TransportIo>).
namespace reg {
struct TransportIo {
  Transport* transport = nullptr;
  std::uint64_t at = 0;  // where the block starts in the window
  template <mmio::MmioWord T>
  T load(std::size_t off) const {
    return static_cast<T>(transport->load(at + off, sizeof(T)));
  }
  template <mmio::MmioWord T>
  void store(std::size_t off, T v) const {
    transport->store(at + off, sizeof(T), v);
  }
};

namespace detail {
template <class... Rs>
constexpr unsigned widths_of(Registers<Rs...>) {
  return (0u | ... | unsigned(sizeof(typename Rs::word)));
}
}  // namespace detail

// Binds block B at byte `at` of a transport; refuses a window too small for the block or a
// transport that cannot do one of the block's register widths.
template <class B>
Bound<B, TransportIo> bind(Transport& t, std::uint64_t at = 0) {
  if (at > t.size() || t.size() - at < B::size)
    throw Error(Errc::region_too_small, t.describe(),
                "register block " + std::string(B::name) + " needs " + hex(B::size) + " bytes from offset " + hex(at));
  if (const unsigned missing = detail::widths_of(typename B::registers{}) & ~t.widths())
    throw Error(Errc::bad_width, t.describe(),
                "register block " + std::string(B::name) + " has " + widths_text(missing) +
                    " registers, which this transport cannot access");
  return Bound<B, TransportIo>(TransportIo{&t, at});
}
}  // namespace reg

}  // namespace uiokit
