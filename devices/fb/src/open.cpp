// SPDX-License-Identifier: MIT
#include "uiokit/fb/open.hpp"

#include <optional>
#include <utility>

#include "uiokit/address/open.hpp"
#include "uiokit/backend/devmem.hpp"
#include "uiokit/error.hpp"
#include "uiokit/fb/bochs.hpp"
#include "uiokit/fb/clcd.hpp"
#include "uiokit/uio/uio.hpp"

#include "uiokit/pci/bind.hpp"
#include "uiokit/pci/device.hpp"
#include "uiokit/pci/discover.hpp"
#include "uiokit/vfio/vfio.hpp"

namespace uiokit::fb {
namespace {

DevmemOptions named(std::string name) {
  DevmemOptions o;
  o.name = std::move(name);
  return o;
}

// ---- PL110/PL111 CLCD -----------------------------------------------------------------------
// Both paths take the same lock file for a controller (the UIO path also holds /dev/uioN's own
// lock), so a /dev/mem driver and a UIO driver of one CLCD refuse each other.
std::string clcd_lock_name(std::uint64_t regs) { return "clcd@" + hex(regs); }

class UioClcd final : public ClcdDevice {
 public:
  UioClcd(const std::string& uio_name, std::uint64_t regs, std::string board, const std::string& lock_dir)
      : lock_(lock_dir, clcd_lock_name(regs)), dev_(uio::Device::open(uio_name)), regs_(dev_.map("regs")),
        vram_(dev_.map("vram")), board_(std::move(board)) {}
  Transport& registers() override { return regs_; }
  Region& vram() override { return vram_; }
  std::string name() const override { return board_ + " CLCD (" + dev_.info().dev_path + ")"; }
  std::string via() const override { return "uio"; }

 private:
  LockFile lock_;
  uio::Device dev_;  // holds the exclusive lock on /dev/uioN
  RegionTransport regs_;
  Region vram_;
  std::string board_;
};

class DevmemClcd final : public ClcdDevice {
 public:
  DevmemClcd(std::uint64_t regs, std::string board, const std::string& lock_dir)
      : lock_(lock_dir, clcd_lock_name(regs)),
        regs_(map_devmem(regs, 0x1000, named("clcd@" + hex(regs)))),
        vram_(map_devmem(vexpress_vram, vexpress_vram_size, named("vram@" + hex(vexpress_vram)))),
        board_(std::move(board)) {}
  Transport& registers() override { return regs_; }
  Region& vram() override { return vram_; }
  std::string name() const override { return board_ + " CLCD (/dev/mem)"; }
  std::string via() const override { return "devmem"; }

 private:
  LockFile lock_;
  RegionTransport regs_;
  Region vram_;
  std::string board_;
};

bool uio_has(const std::string& name) {
  try {
    (void)uio::find(name);
    return true;
  } catch (const Error& e) {
    if (e.code() == Errc::not_found) return false;
    throw;
  }
}

// Two maps of one UIO device are mapped from one open of it (see uiokit::map_uio).
std::pair<Region, Region> open_regions(const std::string& regs, const std::string& vram) {
  const auto r = parse_address(regs), v = parse_address(vram);
  if (r.scheme == DeviceAddress::Scheme::uio && v.scheme == DeviceAddress::Scheme::uio && r.uio_device == v.uio_device) {
    const auto dev = uio::Device::open(r.uio_device);
    return {map_uio(dev, r), map_uio(dev, v)};
  }
  Region first = uiokit::open(r);
  return {std::move(first), uiokit::open(v)};
}

// A CLCD at two device addresses. The lock is the presets' (by the registers' physical
// address), so a preset's driver and this one of the same CLCD refuse each other.
class AddressClcd final : public ClcdDevice {
 public:
  AddressClcd(const DeviceSpec& s, std::pair<Region, Region> regions)
      : regs_(std::move(regions.first)),
        lock_(s.lock_dir, clcd_lock_name(regs_.address().value_or(0))),
        vram_(std::move(regions.second)),
        what_(s.registers) {}
  Transport& registers() override { return regs_; }
  Region& vram() override { return vram_; }
  std::string name() const override { return "CLCD at " + what_; }
  std::string via() const override { return what_.substr(0, what_.find(':')); }

 private:
  RegionTransport regs_;
  LockFile lock_;
  Region vram_;
  std::string what_;
};

std::unique_ptr<Framebuffer> open_clcd_at(const DeviceSpec& s) {
  if (s.vram.empty())
    throw Error(Errc::invalid_argument, s.registers, "a CLCD named by its registers' address needs its video memory's too",
                {}, 0, "give --vram ADDRESS (uio:NAME:vram, mem:ADDR+SIZE, ...)");
  if (!s.via.empty()) throw Error(Errc::invalid_argument, s.via, "--via goes with the presets; an address says the path");
  return std::make_unique<ClcdDisplay>(std::make_unique<AddressClcd>(s, open_regions(s.registers, s.vram)),
                                       running_board());
}

std::unique_ptr<Framebuffer> open_clcd(const DeviceSpec& s) {
  if (!s.registers.empty()) return open_clcd_at(s);
  if (s.board != "daughter" && s.board != "mother")
    throw Error(Errc::invalid_argument, s.board, "unknown CLCD: use daughter (0x10020000) or mother (0x1001f000)");
  const bool daughter = s.board == "daughter";
  const std::string uio_name = daughter ? "clcd" : "clcd-mb";
  const std::uint64_t regs = daughter ? vexpress_clcd_daughter : vexpress_clcd_mother;
  std::string via = s.via.empty() ? "auto" : s.via;
  if (via == "auto") via = uio_has(uio_name) ? "uio" : "devmem";
  std::unique_ptr<ClcdDevice> dev;
  if (via == "uio")
    dev = std::make_unique<UioClcd>(uio_name, regs, s.board + "board", s.lock_dir);
  else if (via == "devmem")
    dev = std::make_unique<DevmemClcd>(regs, s.board + "board", s.lock_dir);
  else
    throw Error(Errc::invalid_argument, via, "a PL111 is reached via uio, devmem or auto");
  return std::make_unique<ClcdDisplay>(std::move(dev));
}

// ---- bochs-display --------------------------------------------------------------------------
// Found by pci::list, which is libpci's scan where the build has libpci and sysfs alone where it
// has not (the static ARM builds): the names it leaves out are not needed here.
pci::Address find_bochs(const std::string& address) {
  pci::Filter f;
  f.set_id("1234:1111");
  f.set_class("0x0380");  // bochs-display; the standard VGA (0x0300) has the same ID
  if (!address.empty()) f.address = pci::Address::parse(address);
  pci::DiscoverOptions opts;
  opts.names = false;
  auto found = pci::list(f, opts);
  if (found.empty())
    throw Error(Errc::not_found, address.empty() ? "bochs-display" : address,
                "no PCI display 1234:1111 of class 0x0380 found (QEMU: -device bochs-display)");
  if (found.size() > 1)
    throw Error(Errc::invalid_argument, "bochs-display", "several found: name one by its PCI address");
  return found.front().address;
}

class SysfsBochs final : public BochsDevice {
 public:
  SysfsBochs(pci::Address a, const std::string& lock_dir) : lock_(lock_dir, a.str()), dev_(a) {
    dev_.enable();
    fb_ = &dev_.bar_wc(0);  // resource0_wc: rows are written faster (devices/fb/README.md)
    regs_ = &dev_.bar(2);
  }
  Region& framebuffer() override { return *fb_; }
  Region& registers() override { return *regs_; }
  std::string name() const override { return "bochs-display " + dev_.address().str(); }
  std::string via() const override { return "sysfs"; }

 private:
  LockFile lock_;
  pci::SysfsDevice dev_;  // owns the BAR mappings
  Region *fb_ = nullptr, *regs_ = nullptr;
};

// Binds the device to vfio-pci for the object's lifetime, then gives it back.
class VfioBinding {
 public:
  explicit VfioBinding(const pci::Address& a) : a_(a) { binder_.bind(a, "vfio-pci"); }
  ~VfioBinding() {
    try {
      binder_.restore(a_);
    } catch (const Error&) {
      // Restoring is best effort: `uiokit pci restore` can finish it.
    }
  }
  VfioBinding(const VfioBinding&) = delete;
  VfioBinding& operator=(const VfioBinding&) = delete;

 private:
  pci::Address a_;
  pci::Binder binder_;
};

class VfioBochs final : public BochsDevice {
 public:
  explicit VfioBochs(pci::Address a)
      : binding_(a), container_(), group_(vfio::Group::of(container_, a)), dev_(group_.open(a)),
        fb_(&dev_.region(vfio::bar0)), regs_(&dev_.region(2)) {}
  Region& framebuffer() override { return *fb_; }
  Region& registers() override { return *regs_; }
  std::string name() const override { return "bochs-display " + dev_.address().str(); }
  std::string via() const override { return "vfio"; }

 private:
  // Acquisition order; destroyed in reverse: device, group, container, then the binding.
  VfioBinding binding_;
  vfio::Container container_;
  vfio::Group group_;  // the group's /dev/vfio/N is exclusive: a second user gets busy
  vfio::Device dev_;
  Region *fb_, *regs_;
};

std::unique_ptr<Framebuffer> open_bochs(const DeviceSpec& s) {
  const auto a = find_bochs(s.address);
  const std::string via = s.via.empty() ? "sysfs" : s.via;
  std::unique_ptr<BochsDevice> dev;
  if (via == "sysfs") dev = std::make_unique<SysfsBochs>(a, s.lock_dir);
  else if (via == "vfio") dev = std::make_unique<VfioBochs>(a);
  else throw Error(Errc::invalid_argument, via, "a bochs-display is reached via sysfs or vfio");
  return std::make_unique<BochsDisplay>(std::move(dev));
}

}  // namespace

std::unique_ptr<Framebuffer> open_framebuffer(const DeviceSpec& spec) {
  return spec.kind == DeviceSpec::Kind::bochs ? open_bochs(spec) : open_clcd(spec);
}

}  // namespace uiokit::fb
