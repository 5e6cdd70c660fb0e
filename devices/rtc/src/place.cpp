// SPDX-License-Identifier: MIT
#include "uiokit/rtc/place.hpp"

namespace uiokit::rtc {

Place open_place(const DeviceAddress& a, const OpenOptions& o) {
  Place p;
  if (auto u = uio_address(a, o)) {
    p.dev = uio::Device::open(u->uio_device, uio::Device::Options{uio::Access::exclusive, uio_paths(o)});
    Region r = map_uio(*p.dev, *u);
    p.what = "uio" + std::to_string(p.dev->info().number) + " (" + p.dev->info().name + "), " + r.describe();
    p.regs = std::make_unique<RegionTransport>(std::move(r));
    return p;
  }
  if (a.scheme == DeviceAddress::Scheme::mem) p.lock = LockFile(o.run_dir + "/mem-" + hex(a.offset) + ".lock");
  p.regs = open_transport(a, o);
  if (a.scheme == DeviceAddress::Scheme::dt)
    if (auto phys = p.regs->address()) p.lock = LockFile(o.run_dir + "/mem-" + hex(*phys) + ".lock");
  p.what = p.regs->describe();
  return p;
}

}  // namespace uiokit::rtc
