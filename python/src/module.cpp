// SPDX-License-Identifier: MIT
// The `uiokit` extension module: device registers, SVD names and interrupts from Python, over
// the C++ library (regions: region.cpp, errors: errors.cpp, SVD devices: svd_*.cpp,
// interrupts: interrupt.cpp).
#include "common.hpp"

PYBIND11_MODULE(uiokit, m) {
  m.doc() =
      "Device registers from Python over the uiokit C++ library.\n\n"
      "uiokit.open(address) maps registers (uio:, pci:, vfio:, dt:, mem:, file:) as a Region;\n"
      "uiokit.Device(address, svd=FILE) names them from a CMSIS-SVD description;\n"
      "uiokit.interrupt(address) waits for a UIO or VFIO interrupt.";
  using namespace uiokit::python;
  bind_errors(m);
  bind_region(m);
  bind_svd(m);
  bind_interrupt(m);
}
