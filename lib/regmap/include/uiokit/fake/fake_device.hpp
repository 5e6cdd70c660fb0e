// SPDX-License-Identifier: MIT
// FakeDevice: device memory simulated in the process, for unit tests only.
//
// Registers are bytes in a vector, and any register can be given behaviour: read-to-clear,
// write-1-to-clear, a value that changes on every read, or an arbitrary function. Bind a typed
// block to it (FakeDevice::bind<Block>()) and driver code templated on the I/O policy runs
// unchanged against it, so the driver's logic (the RTC's re-read rule, w1c handling) can be
// tested on the host. Every access is logged, so tests can assert what was written and how often.
// Drivers are verified against QEMU's device models in the guest rig, never against this.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "uiokit/error.hpp"
#include "uiokit/mmio.hpp"
#include "uiokit/reg/block.hpp"
#include "uiokit/region.hpp"

namespace uiokit::fake {

struct Access {
  bool write = false;
  std::size_t offset = 0;
  unsigned width = 0;       // bytes
  std::uint64_t value = 0;  // what was read, or what the CPU wrote
};

class FakeDevice {
 public:
  // on_read(stored) -> value the CPU sees (may change `stored` for side effects).
  using ReadHook = std::function<std::uint64_t(std::uint64_t& stored)>;
  // on_write(stored, written) -> new stored value.
  using WriteHook = std::function<std::uint64_t(std::uint64_t stored, std::uint64_t written)>;

  explicit FakeDevice(std::size_t size, std::string name = "fake");

  std::size_t size() const noexcept { return mem_.size(); }
  const std::string& name() const noexcept { return name_; }

  // CPU accesses: run the hooks, log, bounds- and alignment-checked (throws uiokit::Error).
  std::uint64_t read(std::size_t offset, unsigned width);
  void write(std::size_t offset, unsigned width, std::uint64_t value);

  // The device's side: set or inspect the stored value without hooks or logging.
  std::uint64_t peek(std::size_t offset, unsigned width) const;
  void poke(std::size_t offset, unsigned width, std::uint64_t value);

  void on_read(std::size_t offset, ReadHook hook) { read_hooks_[offset] = std::move(hook); }
  void on_write(std::size_t offset, WriteHook hook) { write_hooks_[offset] = std::move(hook); }
  // Common behaviours.
  void read_to_clear(std::size_t offset, std::uint64_t mask = ~0ULL);
  void write_one_to_clear(std::size_t offset, std::uint64_t mask = ~0ULL);
  void read_only(std::size_t offset);                                     // writes ignored
  void sequence(std::size_t offset, std::vector<std::uint64_t> values);  // successive reads; last repeats

  const std::vector<Access>& log() const noexcept { return log_; }
  void clear_log() { log_.clear(); }
  std::size_t writes_to(std::size_t offset) const;
  std::size_t reads_of(std::size_t offset) const;

  // A Region over the raw bytes (no hooks), for code that takes a Region, e.g. the tools.
  Region region();

  template <class B>
  reg::Bound<B, class FakeIo> bind();

 private:
  void check(std::size_t offset, unsigned width) const;

  std::string name_;
  std::vector<std::uint8_t> mem_;
  std::map<std::size_t, ReadHook> read_hooks_;
  std::map<std::size_t, WriteHook> write_hooks_;
  std::vector<Access> log_;
};

// The I/O policy that sends a typed block's accesses through a FakeDevice.
class FakeIo {
 public:
  explicit FakeIo(FakeDevice& dev) : dev_(&dev) {}
  template <mmio::MmioWord T>
  T load(std::size_t off) const {
    return static_cast<T>(dev_->read(off, sizeof(T)));
  }
  template <mmio::MmioWord T>
  void store(std::size_t off, T v) const {
    dev_->write(off, sizeof(T), v);
  }
  FakeDevice& device() const noexcept { return *dev_; }

 private:
  FakeDevice* dev_;
};

template <class B>
reg::Bound<B, FakeIo> FakeDevice::bind() {
  if (size() < B::size)
    throw Error(Errc::region_too_small, name_,
                "register block " + std::string(B::name) + " needs " + hex(B::size) + " bytes, the fake has " +
                    hex(size()));
  return reg::Bound<B, FakeIo>(FakeIo(*this));
}

}  // namespace uiokit::fake
