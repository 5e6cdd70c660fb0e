// Opening a DeviceAddress (uiokit/address/open.hpp).
//
// UIO and PCI sysfs are reached here with map_fd on the device file, which is all their
// backends do for a mapping; when the dedicated backends (uiokit/uio, uiokit/pci, uiokit/vfio)
// land, open_uio/open_pci become calls into them.
#include "uiokit/address/open.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "uiokit/address/sysfs.hpp"
#include "uiokit/backend/devmem.hpp"
#include "uiokit/backend/file.hpp"
#include "uiokit/backend/map_fd.hpp"
#ifdef UIOKIT_HAVE_LIBFDT
#include "uiokit/fdt/tree.hpp"
#include "uiokit/fdt/uio_match.hpp"
#endif

namespace uiokit {

namespace {

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Region map_device_file(const std::string& path, const MapRequest& req_in) {
  Fd fd{::open(path.c_str(), (req_in.writable ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_SYNC)};
  if (fd.fd < 0) throw_sys(Errc::open_failed, path, "open", errno);
  return map_fd(fd.fd, req_in);
}

std::string names_of(const std::vector<sysfs::UioDevice>& devs) {
  std::string s;
  for (const auto& d : devs) s += (s.empty() ? "" : ", ") + ("uio" + std::to_string(d.number) + " (" + d.name + ")");
  return s.empty() ? "none" : s;
}

Region open_uio_map(const sysfs::UioDevice& d, unsigned k, const OpenOptions& o, const std::string& what) {
  auto m = std::find_if(d.maps.begin(), d.maps.end(), [&](const auto& x) { return x.index == k; });
  if (m == d.maps.end())
    throw Error(Errc::not_found, what, "uio" + std::to_string(d.number) + " has no map" + std::to_string(k) + " (" +
                                           std::to_string(d.maps.size()) + " maps)");
  // The stub and uio_pci_generic export page-aligned maps; a map starting inside its page
  // (offset != 0) would need the Region to start there, which map_fd does not offer yet.
  if (m->offset != 0)
    throw Error(Errc::unsupported, what, "UIO map starting " + hex(m->offset) + " bytes into its page", m->addr);
  // UIO selects map K by the mmap offset K * page size.
  MapRequest req;
  req.offset = std::uint64_t{k} * page_size();
  req.size = static_cast<std::size_t>(m->size);
  req.writable = o.writable;
  req.info.name = m->name.empty() ? "map" + std::to_string(k) : m->name;
  req.info.source = o.dev_root + "/uio" + std::to_string(d.number);
  if (m->addr) req.info.phys = m->addr;
  return map_device_file(req.info.source, req);
}

Region open_uio(const DeviceAddress& a, const OpenOptions& o) {
  const auto devs = sysfs::list_uio(o.sysfs_root);
  const auto num = parse_number(a.uio_device);
  auto d = std::find_if(devs.begin(), devs.end(),
                        [&](const auto& x) { return num ? x.number == *num : x.name == a.uio_device; });
  if (d == devs.end())
    throw Error(Errc::not_found, a.text, "no such UIO device", {}, 0, "UIO devices here: " + names_of(devs));
  unsigned k = 0;
  if (!a.uio_map.empty()) {
    if (auto n = parse_number(a.uio_map)) {
      k = static_cast<unsigned>(*n);
    } else {
      auto m = std::find_if(d->maps.begin(), d->maps.end(), [&](const auto& x) { return x.name == a.uio_map; });
      if (m == d->maps.end()) throw Error(Errc::not_found, a.text, "uio" + std::to_string(d->number) + " has no map named " + a.uio_map);
      k = m->index;
    }
  }
  return open_uio_map(*d, k, o, a.text);
}

const sysfs::PciDevice& select_pci(const std::vector<sysfs::PciDevice>& devs, const DeviceAddress& a) {
  std::vector<const sysfs::PciDevice*> hits;
  for (const auto& d : devs)
    if (a.pci.bdf.empty() ? (d.vendor == a.pci.vendor && d.device == a.pci.device) : d.bdf == a.pci.bdf) hits.push_back(&d);
  if (a.pci.index >= hits.size())
    throw Error(Errc::not_found, a.text, hits.empty() ? "no such PCI device" : "fewer matching PCI devices than #" + std::to_string(a.pci.index),
                {}, 0, "`uiokit list` shows the PCI devices");
  return *hits[a.pci.index];
}

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

Region open_mem(std::uint64_t phys, std::uint64_t size, const OpenOptions& o, std::string name = {}) {
  DevmemOptions dm;
  dm.writable = o.writable;
  dm.path = o.devmem;
  dm.name = std::move(name);
  return map_devmem(phys, static_cast<std::size_t>(size ? size : page_size()), dm);
}

#ifdef UIOKIT_HAVE_LIBFDT
Region open_dt(const DeviceAddress& a, const OpenOptions& o) {
  const fdt::Tree tree = o.dtb.empty() ? fdt::Tree::running_system() : fdt::Tree::from_file(o.dtb);
  const fdt::Node node = fdt::select(tree, a.dt_selector, a.dt_index);
  const auto regs = tree.reg(node);
  if (a.dt_reg >= regs.size())
    throw Error(Errc::not_found, a.text, tree.path(node) + " has " + std::to_string(regs.size()) + " reg entries");
  const auto& r = regs[a.dt_reg];
  if (a.via != DeviceAddress::Via::mem) {
    if (auto m = fdt::find_uio(tree, node, sysfs::list_uio(o.sysfs_root), a.dt_reg)) return open_uio_map(m->device, m->map, o, a.text);
    if (a.via == DeviceAddress::Via::uio)
      throw Error(Errc::not_found, a.text, "no UIO device exports " + tree.path(node), {}, 0,
                  "bind it to uio-stub (compatible \"uiokit,uio-stub\"), or use :mem for /dev/mem");
  }
  if (!r.cpu)
    throw Error(Errc::unsupported, a.text, tree.path(node) + ": reg is not in the CPU's address space (a parent bus has no ranges)");
  return open_mem(*r.cpu, r.size, o, tree.name(node));
}
#endif

}  // namespace

Region open(const DeviceAddress& a, const OpenOptions& o) {
  using S = DeviceAddress::Scheme;
  switch (a.scheme) {
    case S::uio: return open_uio(a, o);
    case S::pci: return open_pci(a, o);
    case S::vfio:
      throw Error(Errc::unsupported, a.text, "open through VFIO", {}, 0,
                  "this build has no VFIO backend yet; use pci: (sysfs) with the device unbound");
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
  }
  throw Error(Errc::invalid_argument, a.text, "unknown scheme");
}

}  // namespace uiokit
