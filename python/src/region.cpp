// SPDX-License-Identifier: MIT
// uiokit.Region: a mapped window of registers or memory. read8..read64/write8..write64 are the
// library's checked accesses (offset inside the window, aligned to the width); the buffer
// protocol gives a memoryview over the mapping itself (no copy), read-only when the Region is.
// close() raises BufferError while a memoryview is alive, so no view outlives the mapping.
#include <pybind11/stl.h>

#include <climits>

#include "common.hpp"
#include "fast.hpp"
#include "vfio.hpp"
#include "uiokit/address/open.hpp"
#include "uiokit/backend/file.hpp"

namespace uiokit::python {

Region& PyRegion::get() {
  if (!region_) throw Error(Errc::invalid_argument, address_, "the Region is closed");
  return *region_;
}

void PyRegion::close() {
  if (!region_) return;
  if (exports > 0)
    throw py::buffer_error("cannot close " + address_ + ": " + std::to_string(exports) +
                           " memoryview(s) of it are alive; release them first");
  region_.reset();
  // A vfio: Region's device closes with the last of the Region and its Interrupts: until then
  // the kernel cannot give the device back to a driver (an unbind waits for it).
  vfio.reset();
}

std::uint64_t to_u64(py::handle h, const char* what, Errc code) {
  if (PyLong_CheckExact(h.ptr())) {  // the usual case, in one call
    const unsigned long long u = PyLong_AsUnsignedLongLong(h.ptr());
    if (u != static_cast<unsigned long long>(-1) || !PyErr_Occurred()) return u;
    PyErr_Clear();  // negative or too large: said below
  }
  if (!PyIndex_Check(h.ptr()) || PyBool_Check(h.ptr()))
    throw py::type_error(std::string(what) + " must be an int, not " + std::string(py::str(py::type::handle_of(h).attr("__name__"))));
  py::int_ v = py::reinterpret_steal<py::int_>(PyNumber_Index(h.ptr()));
  int overflow = 0;
  const long long s = PyLong_AsLongLongAndOverflow(v.ptr(), &overflow);
  if (overflow < 0 || (overflow == 0 && s < 0))
    throw Error(code, what, std::string(py::str(v)) + " is negative");
  if (overflow == 0) return static_cast<std::uint64_t>(s);
  const unsigned long long u = PyLong_AsUnsignedLongLong(v.ptr());
  if (u == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
    PyErr_Clear();
    throw Error(code, what, std::string(py::str(v)) + " does not fit 64 bits");
  }
  return u;
}

namespace {

std::size_t offset_of(py::handle h) {
  return static_cast<std::size_t>(to_u64(h, "offset", Errc::out_of_range));
}

// The methods' names, for their argument errors.
template <class T>
constexpr const char* read_name = sizeof(T) == 1 ? "read8" : sizeof(T) == 2 ? "read16" : sizeof(T) == 4 ? "read32" : "read64";
template <class T>
constexpr const char* write_name = sizeof(T) == 1 ? "write8" : sizeof(T) == 2 ? "write16" : sizeof(T) == 4 ? "write32" : "write64";

// read8..read64 and write8..write64 as method descriptors (fast.hpp): they are what a register
// loop calls, and pybind11's dispatch was most of their time.
template <class T>
PyObject* read_n(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  return fast::guarded([&] {
    static constexpr const char* names[] = {"offset"};
    PyObject* a[1];
    fast::parse(read_name<T>, args, nargs, kwnames, names, 1, 1, a);
    return PyLong_FromUnsignedLongLong(fast::self_of<PyRegion>(self).get().read<T>(offset_of(a[0])));
  });
}

template <class T>
PyObject* write_n(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  return fast::guarded([&] {
    static constexpr const char* names[] = {"offset", "value"};
    PyObject* a[2];
    fast::parse(write_name<T>, args, nargs, kwnames, names, 2, 2, a);
    const auto off = offset_of(a[0]);
    const auto v = to_u64(a[1], "value", Errc::invalid_argument);
    if constexpr (sizeof(T) < 8)
      if (v >> (sizeof(T) * 8))
        throw Error(Errc::invalid_argument, hex(v), "does not fit " + std::to_string(sizeof(T) * 8) + " bits; nothing written");
    fast::self_of<PyRegion>(self).get().write(off, static_cast<T>(v));
    Py_RETURN_NONE;
  });
}

// The buffer protocol, by hand: pybind11's own cannot count exports.
int get_buffer(PyObject* self, Py_buffer* view, int flags) {
  try {
    auto& r = py::handle(self).cast<PyRegion&>();
    if (r.closed()) {
      PyErr_SetString(PyExc_BufferError, ("the Region " + r.address() + " is closed").c_str());
      return -1;
    }
    Region& reg = r.get();
    if (PyBuffer_FillInfo(view, self, reg.data(), static_cast<Py_ssize_t>(reg.size()), reg.writable() ? 0 : 1, flags) < 0) return -1;
    ++r.exports;
    return 0;
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_BufferError, e.what());
    return -1;
  }
}

void release_buffer(PyObject* self, Py_buffer*) {
  try {
    --py::handle(self).cast<PyRegion&>().exports;
  } catch (...) {
  }
}

PyRegion open_address(const std::string& address, bool writable, std::optional<std::string> dtb) {
  const auto a = parse_address(address);
  if (a.scheme == DeviceAddress::Scheme::vfio) return open_vfio_region(a, writable);
  OpenOptions o;
  o.writable = writable;
  if (dtb) o.dtb = *dtb;
  return PyRegion(open(a, o), address);
}

}  // namespace

void bind_region(py::module_& m) {
  auto cls = py::class_<PyRegion>(m, "Region", py::buffer_protocol(),
      "A mapped window of device registers or memory (uiokit.open, uiokit.memfd).\n\n"
      "readN/writeN are checked accesses (inside the window, aligned to the width); len() is its\n"
      "size; memoryview(region) is the mapping itself. close() (or leaving a `with` block) unmaps\n"
      "it and raises BufferError while a memoryview of it is alive.");
  auto* heap = reinterpret_cast<PyHeapTypeObject*>(cls.ptr());
  heap->as_buffer.bf_getbuffer = get_buffer;
  heap->as_buffer.bf_releasebuffer = release_buffer;

  using fast::method;
  constexpr int flags = fast::kFlags;
  static PyMethodDef accesses[] = {
      {"read8", method(read_n<std::uint8_t>), flags, "read8($self, /, offset)\n--\n\nThe byte at offset."},
      {"read16", method(read_n<std::uint16_t>), flags, "read16($self, /, offset)\n--\n\nThe 16-bit word at offset (little-endian)."},
      {"read32", method(read_n<std::uint32_t>), flags, "read32($self, /, offset)\n--\n\nThe 32-bit word at offset (little-endian)."},
      {"read64", method(read_n<std::uint64_t>), flags, "read64($self, /, offset)\n--\n\nThe 64-bit word at offset (little-endian)."},
      {"write8", method(write_n<std::uint8_t>), flags, "write8($self, /, offset, value)\n--\n\nStores a byte at offset."},
      {"write16", method(write_n<std::uint16_t>), flags, "write16($self, /, offset, value)\n--\n\nStores a 16-bit word at offset."},
      {"write32", method(write_n<std::uint32_t>), flags, "write32($self, /, offset, value)\n--\n\nStores a 32-bit word at offset."},
      {"write64", method(write_n<std::uint64_t>), flags, "write64($self, /, offset, value)\n--\n\nStores a 64-bit word at offset."},
      {nullptr, nullptr, 0, nullptr}};
  fast::add_methods(cls, accesses);

  cls      .def("__len__", [](const PyRegion& r) { return r.get().size(); })
      .def("close", &PyRegion::close, "Unmaps the Region. BufferError while memoryviews of it are alive.")
      .def_property_readonly("closed", &PyRegion::closed)
      .def_property_readonly("address", &PyRegion::address, "The address it was opened with.")
      .def_property_readonly("name", [](const PyRegion& r) { return r.get().name(); })
      .def_property_readonly("phys", [](const PyRegion& r) { return r.get().phys(); },
                             "The physical or bus address of byte 0, or None when unknown.")
      .def_property_readonly("writable", [](const PyRegion& r) { return r.get().writable(); })
      .def("sync", [](PyRegion& r) { r.get().sync(); }, "Writes a file-backed mapping back (msync).")
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](PyRegion& r, py::args) { r.close(); })
      .def("__repr__", [](const PyRegion& r) {
        if (r.closed()) return "<uiokit.Region " + r.address() + " (closed)>";
        return "<uiokit.Region " + r.get().describe() + ">";
      });

  m.def("open", &open_address, py::arg("address"), py::arg("writable") = true, py::arg("dtb") = py::none(),
        "Maps the registers at a device address: uio:NAME[:mapK], pci:BDF[:barK], vfio:BDF[:barK],\n"
        "dt:/path|compatible=C[:regK], mem:ADDR[+SIZE], file:PATH[+OFF[+SIZE]].");
  m.def("memfd", [](std::size_t size, const std::string& name) { return PyRegion(map_memfd(name, size), "memfd:" + name); },
        py::arg("size"), py::arg("name") = "uiokit", "An anonymous zero-filled shared memory Region of `size` bytes.");
  m.def("parse_address", [](const std::string& text) { return to_string(parse_address(text)); }, py::arg("address"),
        "The canonical spelling of a device address; ParseError says what was expected.");
}

}  // namespace uiokit::python
