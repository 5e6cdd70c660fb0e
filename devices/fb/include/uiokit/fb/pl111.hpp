// SPDX-License-Identifier: MIT
// Pl111Display: an ARM PL110/PL111 CLCD controller scanning out of a video RAM window.
//
// The controller is only a DMA engine with timing generators: it fetches pixels from the bus
// address in UPBASE. So the driver needs the register window and a window of memory the
// controller can reach, plus that memory's bus address (on vexpress: the 8 MiB reserved-memory
// vram@4c000000, which a UIO map or /dev/mem gives us). A Pl111Device provides both.
//
// The part is identified from its peripheral ID, which decides where CONTROL lives (see
// pl111_regs.hpp); TFT timings are programmed from the mode (QEMU takes the size from TIM0.PPL
// and TIM1.LPP: widths are multiples of 16, at most 1024 by 1024), then UPBASE, then CONTROL
// with the format, then LCDEN, then LCDPWR (the power-up order of the TRM). Pages are laid out
// back to back in video RAM (as many as fit, at most two), and show() moves UPBASE and waits
// (at most 50 ms) until the controller's current address (UPCURR) is inside the new page: the
// flip takes effect at a vertical sync, and drawing into the old page before would tear.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "uiokit/fb/framebuffer.hpp"
#include "uiokit/region.hpp"

namespace uiokit::fb {

class Pl111Device {
 public:
  virtual ~Pl111Device() = default;
  virtual Region& registers() = 0;
  virtual Region& vram() = 0;
  virtual std::string name() const = 0;
  virtual std::string via() const = 0;
  // The bus address the controller must be given for byte 0 of vram(): its phys() by default.
  virtual std::uint64_t vram_bus() { return vram().phys().value_or(0); }
};

std::unique_ptr<Pl111Device> pl111_from_regions(Region registers, Region vram, std::uint64_t vram_bus,
                                                std::string name = "pl111");

class Pl111Display final : public Framebuffer {
 public:
  enum class Part { pl110, pl111 };

  // Reads the peripheral ID: Errc::not_found when it is neither part (naming the bytes read).
  explicit Pl111Display(std::unique_ptr<Pl111Device> device);

  Part part() const noexcept { return part_; }
  std::string name() const override;
  std::string via() const override { return device_->via(); }
  std::vector<PixelFormat> formats() const override;
  std::size_t memory_size() const override { return device_->vram().size(); }
  std::vector<std::pair<std::string, std::string>> details() const override;
  std::optional<Mode> mode() const override;
  Mode validate(const ModeRequest& request) const override;
  Mode set_mode(const ModeRequest& request) override;
  void show(unsigned page) override;
  unsigned shown() const override;

  // Powers down and disables the controller (LCDPWR, then LCDEN).
  void disable();

 protected:
  std::byte* memory() const override { return device_->vram().data(); }

 private:
  template <class F>
  decltype(auto) regs(F&& f) const;

  // Resources in acquisition order: the device with its two windows; the part found on it.
  std::unique_ptr<Pl111Device> device_;
  Part part_ = Part::pl111;
  std::uint64_t vram_bus_ = 0;
};

std::string_view to_string(Pl111Display::Part p) noexcept;

}  // namespace uiokit::fb
