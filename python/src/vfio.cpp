// SPDX-License-Identifier: MIT
// One VFIO device for a Region and its interrupts (vfio.hpp).
#include "vfio.hpp"

#include "uiokit/address/open.hpp"
#include "uiokit/address/sysfs.hpp"
#include "uiokit/vfio/vfio.hpp"

namespace uiokit::python {
namespace {

struct VfioHandle {
  vfio::Container container;
  vfio::Group group;
  vfio::Device device;
  std::vector<std::shared_ptr<vfio::IrqSet>> irqs;  // kept while an Interrupt uses them
  explicit VfioHandle(const pci::Address& at) : group(vfio::Group::of(container, at)), device(group.open(at)) {}
};

pci::Address resolve(const DeviceAddress& a) {
  if (!a.pci.bdf.empty()) return pci::Address::parse(a.pci.bdf);
  return pci::Address::parse(select_pci(sysfs::list_pci(), a).bdf);
}

}  // namespace

PyRegion open_vfio_region(const DeviceAddress& a, bool writable) {
  auto h = std::make_shared<VfioHandle>(resolve(a));
  Region& bar = h->device.region(a.bar);
  Region::Info info = bar.info();
  info.writable = info.writable && writable;
  auto* base = const_cast<std::byte*>(bar.base());
  const std::size_t size = bar.size();
  PyRegion r(Region(base, size, 0, size, std::move(info), [h](void*, std::size_t) {}), a.text);
  r.vfio = h;
  return r;
}

Interrupt& vfio_interrupt(const PyRegion& region, const std::string& kind, unsigned vector, std::shared_ptr<void>& owner) {
  (void)region.get();  // a closed Region has no device left to ask
  auto h = std::static_pointer_cast<VfioHandle>(region.vfio);
  if (!h) throw Error(Errc::unsupported, region.address(), "not opened through vfio:");
  vfio::Irq index;
  if (kind == "msi") index = vfio::Irq::msi;
  else if (kind == "msix") index = vfio::Irq::msix;
  else if (kind == "intx") index = vfio::Irq::intx;
  else if (kind.empty()) index = h->device.irq_info(vfio::Irq::msi).count ? vfio::Irq::msi : vfio::Irq::intx;
  else throw Error(Errc::invalid_argument, kind, "an interrupt kind is msi, msix or intx");
  if (index != vfio::Irq::intx) h->device.enable_bus_master();
  auto set = std::make_shared<vfio::IrqSet>(h->device.enable_irqs(index, vector + 1));
  h->irqs.push_back(set);
  owner = std::shared_ptr<void>(h, set.get());
  return (*set)[vector];
}

}  // namespace uiokit::python
