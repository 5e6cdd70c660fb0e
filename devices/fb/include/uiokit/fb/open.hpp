// SPDX-License-Identifier: MIT
// Opening a display by what the user names: which device, and the path to it.
//
//   bochs-display   found by class 0x0380 and ID 1234:1111 (the standard VGA shares the ID with
//                   class 0x0300), or by its address; reached through the PCI sysfs resource
//                   files (no driver bound, or uio_pci_generic) or through VFIO (the device is
//                   bound to vfio-pci for as long as it is open, then given back).
//   PL111           the vexpress daughterboard CLCD (0x10020000, the one QEMU shows as console 0)
//                   or the motherboard one (0x1001f000), both scanning out of vram@4c000000;
//                   reached through our UIO stub ("clcd", "clcd-mb" with maps "regs" and "vram")
//                   or /dev/mem (iomem=relaxed). "auto" takes UIO when the stub has the device.
//   PL110/PL111     any other CLCD: its registers and its video memory as two device addresses
//                   (uio:clcd:regs, dt:compatible=arm,pl111, mem:ADDR+SIZE, ...); the variant is
//                   told by the peripheral ID and the running system's board (clcd.hpp), and
//                   the video memory must have a bus address (a UIO map's or /dev/mem's
//                   physical address) the controller can use.
//                   Two maps of one UIO device are named as uio: maps of it (uio:clcd:regs and
//                   uio:clcd:vram): a UIO mapping holds the device's exclusive lock, so a dt:
//                   address and a uio: map of the same UIO device cannot be held together.
// Paths without a kernel-side lock (sysfs, /dev/mem) take a lock file under /run/uiokit, so a
// second driver of the same display is refused with Errc::busy naming the first one's PID. Both
// PL111 paths take the controller's lock file (UIO also locks /dev/uioN), so a /dev/mem driver
// and a UIO driver of one CLCD refuse each other too.
#pragma once

#include <memory>
#include <string>

#include "uiokit/fb/framebuffer.hpp"

namespace uiokit::fb {

struct DeviceSpec {
  enum class Kind { bochs, clcd };
  Kind kind = Kind::clcd;
  std::string address;        // bochs: a PCI address; empty: the only bochs-display present
  std::string via;            // bochs: sysfs | vfio; clcd: uio | devmem | auto
  std::string board = "daughter";  // clcd: daughter | mother (the vexpress PL111 presets)
  std::string registers;      // clcd: the registers' device address, instead of a preset
  std::string vram;           // clcd with `registers`: the video memory's device address
  std::string lock_dir = "/run/uiokit";
};

std::unique_ptr<Framebuffer> open_framebuffer(const DeviceSpec& spec);

// Vexpress-a9 addresses (motherboard peripherals behind the iofpga ranges at 0x10000000).
inline constexpr std::uint64_t vexpress_clcd_daughter = 0x10020000, vexpress_clcd_mother = 0x1001f000;
inline constexpr std::uint64_t vexpress_vram = 0x4c000000, vexpress_vram_size = 0x800000;
inline constexpr std::uint64_t vexpress_pl031 = 0x10017000;

// An exclusive lock file with the holder's PID: Errc::busy "... is in use by PID N".
class LockFile {
 public:
  LockFile() = default;
  LockFile(const std::string& dir, const std::string& what);
  ~LockFile();
  LockFile(LockFile&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  LockFile& operator=(LockFile&&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace uiokit::fb
