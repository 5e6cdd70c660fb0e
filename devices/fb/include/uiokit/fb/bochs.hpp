// SPDX-License-Identifier: MIT
// BochsDisplay: QEMU's bochs-display as a Framebuffer.
//
// The driver needs two windows, the framebuffer (BAR0) and the registers (BAR2); a BochsDevice
// is whatever provides them: the PCI sysfs resource files, a VFIO device, or two plain Regions
// (memfd in unit tests). QEMU's BAR2 holds the EDID at 0x000, the Bochs VBE "DISPI" registers
// at 0x500 (the 16-bit registers a PC reaches through I/O ports 0x1ce/0x1cf, here at 0x500 +
// index * 2) and QEMU's extension registers at 0x600 (hw/display/bochs-vbe.h); their block is
// generated from tools/svd/devices/bochs-dispi.svd. Modes are 16 bpp (RGB565) or 32 bpp
// (XRGB8888, little-endian: the driver sets QEMU's byte-order register), pages stacked
// vertically in a virtual screen of VIRT_WIDTH x VIRT_HEIGHT, and show(page) sets Y_OFFSET to
// page * height.
#pragma once

#include <memory>
#include <string>

#include "uiokit/fb/framebuffer.hpp"
#include "uiokit/region.hpp"

namespace uiokit::fb {

class BochsDevice : public DisplayDevice {
 public:
  virtual Region& framebuffer() = 0;
  virtual Region& registers() = 0;
};

// Two Regions handed over as they are (tests, or a caller that mapped the BARs itself).
std::unique_ptr<BochsDevice> bochs_from_regions(Region framebuffer, Region registers, std::string name = "bochs-display");

class BochsDisplay final : public Framebuffer {
 public:
  // Checks the DISPI ID (0xB0C0..0xB0C5) and the register BAR's size; Errc::not_found when it is
  // not a bochs display.
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
  // The generated block bound to the device's register BAR (bochs.cpp).
  auto dispi() const;

  std::unique_ptr<BochsDevice> device_;  // owns the mappings
};

}  // namespace uiokit::fb
