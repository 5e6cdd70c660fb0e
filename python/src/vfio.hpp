// SPDX-License-Identifier: MIT
// vfio: addresses as the Python module opens them: one VFIO device (container, group, device)
// shared by the Region of its BAR and by its interrupts, because a process can open a VFIO group
// only once. The Region holds the handle; Region.interrupt() and Device.interrupt() take vectors
// from it (MSI when the device has it, else INTx).
#pragma once

#include <memory>

#include "common.hpp"
#include "uiokit/address/address.hpp"
#include "uiokit/irq/interrupt.hpp"

namespace uiokit::python {

PyRegion open_vfio_region(const DeviceAddress& a, bool writable);
// The interrupt of a Region opened by open_vfio_region: kind "msi", "msix" or "intx" ("" picks
// MSI when the device has it), vector of that kind. `owner` keeps the device and the vectors open.
Interrupt& vfio_interrupt(const PyRegion& region, const std::string& kind, unsigned vector, std::shared_ptr<void>& owner);

}  // namespace uiokit::python
