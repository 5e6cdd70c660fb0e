// SPDX-License-Identifier: MIT
// FakeTransport: a FakeDevice seen through the Transport seam, for unit tests only.
//
// Drivers that run over any transport (reg::Bound<Block, reg::TransportIo>) are tested on the
// host through this: every load and store goes to the FakeDevice's hooks and log, exactly as
// FakeIo sends a typed block's accesses. The device must outlive the transport.
#pragma once

#include <string>

#include "uiokit/fake/fake_device.hpp"
#include "uiokit/transport.hpp"

namespace uiokit::fake {

class FakeTransport final : public Transport {
 public:
  explicit FakeTransport(FakeDevice& dev) : dev_(&dev) {}

  std::uint64_t size() const noexcept override { return dev_->size(); }
  std::string describe() const override { return "fake " + dev_->name(); }
  std::uint64_t load(std::uint64_t offset, unsigned width) override { return dev_->read(offset, width); }
  void store(std::uint64_t offset, unsigned width, std::uint64_t value) override { dev_->write(offset, width, value); }

  FakeDevice& device() const noexcept { return *dev_; }

 private:
  FakeDevice* dev_;
};

}  // namespace uiokit::fake
