// SPDX-License-Identifier: MIT
// The Python module `uiokit` over the C++ library: what its binding files share.
//
// A Python Region owns one uiokit::Region. Its buffer (memoryview) exports are counted, and
// close() refuses (BufferError) while one is alive, as Python's own mmap does, so a view can
// never reach memory that was unmapped. Every uiokit::Error becomes the uiokit.Error subclass of
// its category (errors.cpp); Devices, Peripherals, Registers and Fields (svd_*.cpp) are thin
// handles over the parsed SVD model shared by one Device.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "uiokit/region.hpp"

namespace uiokit::python {

namespace py = pybind11;

class PyRegion {
 public:
  PyRegion(Region r, std::string address) : region_(std::move(r)), address_(std::move(address)) {}

  // The open Region; uiokit.Error(invalid_argument) once closed.
  Region& get();
  const Region& get() const { return const_cast<PyRegion*>(this)->get(); }
  bool closed() const noexcept { return !region_.has_value(); }
  // BufferError while memoryviews are alive.
  void close();
  const std::string& address() const noexcept { return address_; }

  int exports = 0;
  std::shared_ptr<void> vfio;  // the VFIO device of a vfio: Region (vfio.hpp), for its interrupts

 private:
  std::optional<Region> region_;
  std::string address_;
};

// A Python int as an unsigned 64-bit number: TypeError for other types, uiokit errors
// (`code`) for negative or too large numbers. `what` names it in the message.
std::uint64_t to_u64(py::handle h, const char* what, Errc code);

void bind_errors(py::module_& m);
void bind_region(py::module_& m);
void bind_svd(py::module_& m);
void bind_interrupt(py::module_& m);

}  // namespace uiokit::python
