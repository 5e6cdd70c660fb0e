// SPDX-License-Identifier: MIT
// Opening a DeviceAddress (uiokit/address/open.hpp).
//
// UIO goes through the UIO backend (uiokit/uio/uio.hpp); a PCI BAR through sysfs is a
// map_file of resourceN (what pci::SysfsDevice does too, which owns its Regions instead); vfio:
// through the VFIO backend (uiokit/vfio/vfio.hpp).
#include "uiokit/address/open.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "uiokit/address/sysfs.hpp"
#include "uiokit/backend/devmem.hpp"
#include "uiokit/backend/file.hpp"
#include "uiokit/backend/map_fd.hpp"
#include "uiokit/uio/uio.hpp"
#include "uiokit/vfio/vfio.hpp"
#ifdef UIOKIT_HAVE_LIBFDT
#include "uiokit/fdt/tree.hpp"
#include "uiokit/fdt/uio_match.hpp"
#endif

namespace uiokit {

uio::Paths uio_paths(const OpenOptions& o) {
  uio::Paths p;
  p.sysfs = o.sysfs_root + "/class/uio";
  p.dev = o.dev_root;
  p.run = o.run_dir;
  return p;
}

namespace {

// Read-only opens take no lock, so a tool can look at a device a driver is running.
Region open_uio(const DeviceAddress& a, const OpenOptions& o) {
  uio::Device::Options opt;
  opt.paths = uio_paths(o);
  opt.access = o.writable ? uio::Access::exclusive : uio::Access::shared_read_only;
  return map_uio(uio::Device::open(a.uio_device, opt), a);
}

}  // namespace

Region map_uio(const uio::Device& device, const DeviceAddress& a) {
  if (a.uio_map.empty()) return device.map(0u);
  if (auto n = parse_number(a.uio_map)) return device.map(static_cast<unsigned>(*n));
  return device.map(std::string_view(a.uio_map));
}

const sysfs::PciDevice& select_pci(const std::vector<sysfs::PciDevice>& devs, const DeviceAddress& a) {
  std::vector<const sysfs::PciDevice*> hits;
  for (const auto& d : devs)
    if (a.pci.bdf.empty() ? (d.vendor == a.pci.vendor && d.device == a.pci.device) : d.bdf == a.pci.bdf) hits.push_back(&d);
  if (hits.empty()) throw Error(Errc::not_found, a.text, "no such PCI device", {}, 0, "`uiokit list` shows the PCI devices");
  auto listing = [&] {
    std::string s;
    for (std::size_t i = 0; i < hits.size(); ++i) s += (i ? ", " : "") + hits[i]->bdf + " #" + std::to_string(i);
    return std::to_string(hits.size()) + " PCI devices match (" + s + ")";
  };
  // Taking the first of several identical devices would silently drive another board's card.
  if (!a.pci.index && hits.size() > 1) throw Error(Errc::invalid_argument, a.text, listing() + ": add #N to say which");
  if (a.pci.index && *a.pci.index >= hits.size())
    throw Error(Errc::not_found, a.text, listing() + ", no #" + std::to_string(*a.pci.index), {}, 0,
                "`uiokit list` shows the PCI devices");
  return *hits[a.pci.index.value_or(0)];
}

namespace {

Region open_pci(const DeviceAddress& a, const OpenOptions& o) {
  const auto devs = sysfs::list_pci(o.sysfs_root);
  const auto& d = select_pci(devs, a);
  auto bar = std::find_if(d.bars.begin(), d.bars.end(), [&](const auto& b) { return b.index == a.bar; });
  if (bar == d.bars.end()) throw Error(Errc::not_found, a.text, d.bdf + " has no BAR " + std::to_string(a.bar));
  if (bar->io()) throw Error(Errc::unsupported, a.text, "BAR " + std::to_string(a.bar) + " is an I/O port BAR; only memory BARs can be mapped");
  FileMapOptions fo;
  fo.writable = o.writable;
  fo.name = "bar" + std::to_string(a.bar);
  Region r = map_file(o.sysfs_root + "/bus/pci/devices/" + d.bdf + "/resource" + std::to_string(a.bar), fo);
  return r;
}

// vfio:. The VFIO device (with its group and container) is owned by a handle that the returned
// Region's unmapper holds: the Region points at the Device's own mapping of the BAR, which
// stays valid exactly as long as the Device is open, and which the surprise-removal guard
// turns into all-ones memory in place. Dropping the Region closes the device.
Region open_vfio(const DeviceAddress& a, const OpenOptions& o) {
  const auto devs = sysfs::list_pci(o.sysfs_root);
  const auto address = pci::Address::parse(select_pci(devs, a).bdf);
  vfio::Options vo;
  vo.dev = o.dev_root;
  vo.sysfs = pci::Sysfs{o.sysfs_root};
  struct Handle {
    vfio::Container container;
    vfio::Group group;
    vfio::Device device;
    explicit Handle(vfio::Options opt, const pci::Address& at)
        : container(std::move(opt)), group(vfio::Group::of(container, at)), device(group.open(at)) {}
  };
  auto h = std::make_shared<Handle>(std::move(vo), address);
  Region& bar = h->device.region(a.bar);
  Region::Info info = bar.info();
  info.writable = info.writable && o.writable;  // a read-only open refuses writes through Region::write
  void* base = const_cast<std::byte*>(bar.base());
  const std::size_t size = bar.size();
  return Region(base, size, 0, size, std::move(info), [h = std::move(h)](void*, std::size_t) mutable { h.reset(); });
}

Region open_mem(std::uint64_t phys, std::uint64_t size, const OpenOptions& o, std::string name = {}) {
  DevmemOptions dm;
  dm.writable = o.writable;
  dm.path = o.devmem;
  dm.name = std::move(name);
  return map_devmem(phys, static_cast<std::size_t>(size ? size : page_size()), dm);
}

#ifdef UIOKIT_HAVE_LIBFDT
struct DtNode {
  fdt::Tree tree;
  fdt::Node node;
  fdt::RegEntry reg;
};

DtNode select_dt(const DeviceAddress& a, const OpenOptions& o) {
  fdt::Tree tree = o.dtb.empty() ? fdt::Tree::running_system() : fdt::Tree::from_file(o.dtb);
  const fdt::Node node = fdt::select(tree, a.dt_selector, a.dt_index);
  const auto regs = tree.reg(node);
  if (a.dt_reg >= regs.size())
    throw Error(Errc::not_found, a.text, tree.path(node) + " has " + std::to_string(regs.size()) + " reg entries");
  const fdt::RegEntry r = regs[a.dt_reg];
  return {std::move(tree), node, r};
}

std::optional<DeviceAddress> dt_uio_address(const DtNode& d, const DeviceAddress& a, const OpenOptions& o) {
  if (a.via == DeviceAddress::Via::mem) return std::nullopt;
  if (auto m = fdt::find_uio(d.tree, d.node, sysfs::list_uio(o.sysfs_root), a.dt_reg)) {
    DeviceAddress u;
    u.scheme = DeviceAddress::Scheme::uio;
    u.text = a.text;
    u.uio_device = std::to_string(m->device.number);
    u.uio_map = std::to_string(m->map);
    return u;
  }
  if (a.via == DeviceAddress::Via::uio)
    throw Error(Errc::not_found, a.text, "no UIO device exports " + d.tree.path(d.node), {}, 0,
                "bind it to uio-stub (compatible \"uiokit,uio-stub\"), or use :mem for /dev/mem");
  return std::nullopt;
}

Region open_dt(const DeviceAddress& a, const OpenOptions& o) {
  const DtNode d = select_dt(a, o);
  if (auto u = dt_uio_address(d, a, o)) return open_uio(*u, o);
  if (!d.reg.cpu)
    throw Error(Errc::unsupported, a.text,
                d.tree.path(d.node) + ": reg is not in the CPU's address space (a parent bus has no ranges)");
  return open_mem(*d.reg.cpu, d.reg.size, o, d.tree.name(d.node));
}
#endif

}  // namespace

std::optional<DeviceAddress> uio_address(const DeviceAddress& a, const OpenOptions& o) {
  if (a.scheme == DeviceAddress::Scheme::uio) return a;
  if (a.scheme != DeviceAddress::Scheme::dt || a.via == DeviceAddress::Via::mem) return std::nullopt;
#ifdef UIOKIT_HAVE_LIBFDT
  return dt_uio_address(select_dt(a, o), a, o);
#else
  if (a.via == DeviceAddress::Via::uio)
    throw Error(Errc::unsupported, a.text, "read a device tree", {}, 0, "this build has no libfdt");
  return std::nullopt;
#endif
}

Region open(const DeviceAddress& a, const OpenOptions& o) {
  using S = DeviceAddress::Scheme;
  switch (a.scheme) {
    case S::uio: return open_uio(a, o);
    case S::pci: return open_pci(a, o);
    case S::vfio: return open_vfio(a, o);
    case S::dt:
#ifdef UIOKIT_HAVE_LIBFDT
      return open_dt(a, o);
#else
      throw Error(Errc::unsupported, a.text, "read a device tree", {}, 0, "this build has no libfdt");
#endif
    case S::mem: return open_mem(a.offset, a.size, o);
    case S::file: {
      FileMapOptions fo;
      fo.offset = a.offset;
      fo.size = static_cast<std::size_t>(a.size);
      fo.writable = o.writable;
      return map_file(a.path, fo);
    }
    case S::gdb:
      throw Error(Errc::unsupported, a.text, "a GDB stub's memory cannot be mapped into this process", {}, 0,
                  "open it with open_transport()");
    case S::io:
      throw Error(Errc::unsupported, a.text, "I/O ports cannot be mapped", {}, 0, "open them with open_transport()");
  }
  throw Error(Errc::invalid_argument, a.text, "unknown scheme");
}

}  // namespace uiokit
