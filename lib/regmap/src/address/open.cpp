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
#include "uiokit/portio/portio.hpp"
#include "uiokit/portio/pread.hpp"
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
uio::Device open_uio_device(const DeviceAddress& a, const OpenOptions& o) {
  uio::Device::Options opt;
  opt.paths = uio_paths(o);
  opt.access = o.writable ? uio::Access::exclusive : uio::Access::shared_read_only;
  return uio::Device::open(a.uio_device, opt);
}

Region open_uio(const DeviceAddress& a, const OpenOptions& o) {
  if (a.uio_port)
    throw Error(Errc::unsupported, a.text, "I/O ports cannot be mapped", {}, 0, "open them with open_transport()");
  return map_uio(open_uio_device(a, o), a);
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

// The BAR a pci: or vfio: address names, with its device; not_found when the device has no
// such BAR, unsupported when the BAR is neither memory nor I/O ports.
struct PciBarAt {
  sysfs::PciDevice device;
  sysfs::PciBar bar;
};

PciBarAt select_bar(const DeviceAddress& a, const OpenOptions& o) {
  const auto devs = sysfs::list_pci(o.sysfs_root);
  const auto& d = select_pci(devs, a);
  auto bar = std::find_if(d.bars.begin(), d.bars.end(), [&](const auto& b) { return b.index == a.bar; });
  if (bar == d.bars.end()) throw Error(Errc::not_found, a.text, d.bdf + " has no BAR " + std::to_string(a.bar));
  if (!bar->io() && !bar->mem())
    throw Error(Errc::unsupported, a.text,
                "BAR " + std::to_string(a.bar) + " of " + d.bdf + " is neither memory nor I/O ports (resource flags " +
                    hex(bar->flags) + ")");
  return {d, *bar};
}

[[noreturn]] void refuse_io_map(const DeviceAddress& a) {
  throw Error(Errc::unsupported, a.text, "BAR " + std::to_string(a.bar) + " is an I/O port BAR, which cannot be mapped", {}, 0,
              "open it with open_transport() (uiokit reg does): the ports are read and written with pread/pwrite");
}

Region open_pci(const DeviceAddress& a, const OpenOptions& o) {
  const auto [d, bar] = select_bar(a, o);
  if (bar.io()) refuse_io_map(a);
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
struct VfioHandle {
  vfio::Container container;
  vfio::Group group;
  vfio::Device device;
  explicit VfioHandle(vfio::Options opt, const pci::Address& at)
      : container(std::move(opt)), group(vfio::Group::of(container, at)), device(group.open(at)) {}
};

std::shared_ptr<VfioHandle> open_vfio_device(const std::string& bdf, const OpenOptions& o) {
  vfio::Options vo;
  vo.dev = o.dev_root;
  vo.sysfs = pci::Sysfs{o.sysfs_root};
  return std::make_shared<VfioHandle>(std::move(vo), pci::Address::parse(bdf));
}

Region open_vfio(const DeviceAddress& a, const OpenOptions& o) {
  const auto [d, io_bar] = select_bar(a, o);
  if (io_bar.io()) refuse_io_map(a);
  auto h = open_vfio_device(d.bdf, o);
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
  return map_devmem(phys, size ? window_size(size, hex(phys)) : page_size(), dm);
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

std::unique_ptr<Transport> open_ports(const DeviceAddress& a, const OpenOptions& o) {
  using S = DeviceAddress::Scheme;
  if (a.scheme == S::uio && a.uio_port) {
    auto device = std::make_shared<uio::Device>(open_uio_device(a, o));
    const auto& info = device->info();
    const auto& port = info.port(*a.uio_port);
    const std::string label = to_string(a) + " (" + info.dev_path + " portio/port" + std::to_string(port.index) +
                              (port.name.empty() ? "" : " '" + port.name + "'") + ", ports " + hex(port.start) + "+" +
                              hex(port.size) + ")";
    if (port.porttype != "port_x86")
      throw Error(Errc::unsupported, label, "port region of type '" + port.porttype + "'", {}, 0,
                  "only x86 I/O ports (port_x86) can be reached from userspace");
    if (port.start + port.size > 0x10000 || port.start + port.size < port.start)
      throw Error(Errc::out_of_range, label, "the region runs past the 64 Ki I/O port space");
    return std::make_unique<portio::PortTransport>(static_cast<std::uint32_t>(port.start),
                                                   static_cast<std::uint32_t>(port.size), label, std::move(device));
  }
  if (a.scheme != S::pci && a.scheme != S::vfio) return nullptr;
  const auto [d, bar] = select_bar(a, o);
  if (!bar.io()) return nullptr;
  const std::string where = " BAR" + std::to_string(bar.index) + " (I/O ports " + hex(bar.start) + "+" + hex(bar.size) + ")";
  PreadTransport::Window w;
  w.widths = 1 | 2 | 4;  // no 64-bit port access exists
  w.writable = o.writable;
  w.address = bar.start;
  if (a.scheme == S::pci) {
    const std::string path = o.sysfs_root + "/bus/pci/devices/" + d.bdf + "/resource" + std::to_string(bar.index);
    const int fd = ::open(path.c_str(), (o.writable ? O_RDWR : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) throw_sys(Errc::open_failed, path, "open of an I/O BAR's resource file", errno);
    auto owner = PreadTransport::own_fd(fd);
    w.fd = fd;
    w.size = bar.size;
    return std::make_unique<PreadTransport>(w, "pci " + d.bdf + where + " via " + path, std::move(owner));
  }
  auto h = open_vfio_device(d.bdf, o);
  const auto region = h->device.region_info(bar.index);
  w.fd = h->device.fd();
  w.base = region.offset;
  w.size = region.size;
  w.writable = w.writable && region.writable();
  return std::make_unique<PreadTransport>(w, "vfio " + d.bdf + where, std::move(h));
}

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
      fo.size = window_size(a.size, a.text);
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
