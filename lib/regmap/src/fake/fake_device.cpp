// SPDX-License-Identifier: MIT
#include "uiokit/fake/fake_device.hpp"

#include <algorithm>
#include <cstring>

namespace uiokit::fake {

FakeDevice::FakeDevice(std::size_t size, std::string name) : name_(std::move(name)), mem_(size, 0) {}

void FakeDevice::check(std::size_t offset, unsigned width) const { check_access(name_, mem_.size(), offset, width); }

std::uint64_t FakeDevice::peek(std::size_t offset, unsigned width) const {
  check(offset, width);
  std::uint64_t v = 0;
  std::memcpy(&v, mem_.data() + offset, width);  // little-endian host, as the tests assume
  return v;
}

void FakeDevice::poke(std::size_t offset, unsigned width, std::uint64_t value) {
  check(offset, width);
  std::memcpy(mem_.data() + offset, &value, width);
}

std::uint64_t FakeDevice::read(std::size_t offset, unsigned width) {
  std::uint64_t stored = peek(offset, width);
  std::uint64_t seen = stored;
  if (auto it = read_hooks_.find(offset); it != read_hooks_.end()) {
    seen = it->second(stored);
    poke(offset, width, stored);
  }
  log_.push_back({false, offset, width, seen});
  return seen;
}

void FakeDevice::write(std::size_t offset, unsigned width, std::uint64_t value) {
  check(offset, width);
  log_.push_back({true, offset, width, value});
  std::uint64_t next = value;
  if (auto it = write_hooks_.find(offset); it != write_hooks_.end()) next = it->second(peek(offset, width), value);
  poke(offset, width, next);
}

void FakeDevice::read_to_clear(std::size_t offset, std::uint64_t mask) {
  on_read(offset, [mask](std::uint64_t& stored) {
    const auto seen = stored;
    stored &= ~mask;
    return seen;
  });
  read_only(offset);
}

void FakeDevice::write_one_to_clear(std::size_t offset, std::uint64_t mask) {
  on_write(offset, [mask](std::uint64_t stored, std::uint64_t written) {
    // Bits in mask clear where 1 is written; other bits are ordinary read-write bits.
    return (stored & mask & ~written) | (written & ~mask);
  });
}

void FakeDevice::read_only(std::size_t offset) {
  on_write(offset, [](std::uint64_t stored, std::uint64_t) { return stored; });
}

void FakeDevice::sequence(std::size_t offset, std::vector<std::uint64_t> values) {
  on_read(offset, [values = std::move(values), i = std::size_t{0}](std::uint64_t& stored) mutable {
    if (values.empty()) return stored;
    stored = values[std::min(i, values.size() - 1)];
    ++i;
    return stored;
  });
}

std::size_t FakeDevice::writes_to(std::size_t offset) const {
  return static_cast<std::size_t>(
      std::count_if(log_.begin(), log_.end(), [offset](const Access& a) { return a.write && a.offset == offset; }));
}

std::size_t FakeDevice::reads_of(std::size_t offset) const {
  return static_cast<std::size_t>(
      std::count_if(log_.begin(), log_.end(), [offset](const Access& a) { return !a.write && a.offset == offset; }));
}

Region FakeDevice::region() {
  Region::Info info;
  info.name = name_;
  info.source = "fake:" + name_;
  return Region(mem_.data(), mem_.size(), 0, mem_.size(), std::move(info), nullptr);
}

}  // namespace uiokit::fake
