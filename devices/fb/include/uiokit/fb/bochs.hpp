// SPDX-License-Identifier: MIT
// BochsDisplay: QEMU's bochs-display as a Framebuffer.
//
// The driver needs two windows, the framebuffer (BAR0) and the registers (BAR2); a BochsDevice
// is whatever provides them: the PCI sysfs resource files, a VFIO device, or two plain Regions
// (memfd in unit tests). Modes are 16 bpp (RGB565) or 32 bpp (XRGB8888, little-endian: the
// driver sets QEMU's byte-order register), pages stacked vertically in a virtual screen of
// VIRT_WIDTH x VIRT_HEIGHT, and show(page) sets Y_OFFSET to page * height.
#pragma once

#include <memory>
#include <string>

#include "uiokit/fb/bochs_regs.hpp"
#include "uiokit/fb/framebuffer.hpp"
#include "uiokit/region.hpp"

namespace uiokit::fb {

class BochsDevice {
 public:
  virtual ~BochsDevice() = default;
  virtual Region& framebuffer() = 0;
  virtual Region& registers() = 0;
  virtual std::string name() const = 0;
  virtual std::string via() const = 0;
};

// Two Regions handed over as they are (tests, or a caller that mapped the BARs itself).
std::unique_ptr<BochsDevice> bochs_from_regions(Region framebuffer, Region registers, std::string name = "bochs-display");

class BochsDisplay final : public Framebuffer {
 public:
  // Checks the DISPI ID (0xB0C5) and the BAR sizes; Errc::not_found when it is not a bochs display.
  explicit BochsDisplay(std::unique_ptr<BochsDevice> device);

  std::string name() const override { return device_->name(); }
  std::string via() const override { return device_->via(); }
  std::vector<PixelFormat> formats() const override { return {PixelFormat::xrgb8888, PixelFormat::rgb565}; }
  std::size_t memory_size() const override;
  std::vector<std::pair<std::string, std::string>> details() const override;
  std::optional<Mode> mode() const override;
  Mode validate(const ModeRequest& request) const override;
  Mode set_mode(const ModeRequest& request) override;
  void show(unsigned page) override;
  unsigned shown() const override;

 protected:
  std::byte* memory() const override { return device_->framebuffer().data(); }

 private:
  // Resources in acquisition order: the device (and its mappings), then the registers bound to it.
  std::unique_ptr<BochsDevice> device_;
  reg::Bound<bochs::Dispi, reg::MmioIo> dispi_;
};

}  // namespace uiokit::fb
