// SPDX-License-Identifier: MIT
// The module's hot calls as CPython method and getter descriptors, beside pybind11's bindings of
// everything else.
//
// pybind11 (2.10) binds a method as a builtin function inside an instancemethod: every call
// makes a bound method, packs the arguments into a tuple, and the dispatcher converts them and
// self through its type casters. For Region.read32 that was most of the call. A method
// descriptor (PyDescr_NewMethod) with the vectorcall convention (METH_FASTCALL | METH_KEYWORDS)
// is what CPython's own types use: the interpreter calls it with the arguments where they lie,
// no bound method, no tuple. A getter descriptor (PyDescr_NewGetSet) does the same for a
// property. The functions here take self straight from pybind11's instance, parse arguments by
// position or keyword, and turn C++ exceptions into Python ones through pybind11's registered
// translators, so errors are exactly those of the pybind11 bindings.
#pragma once

#include <cstddef>
#include <exception>

#include "common.hpp"

namespace uiokit::python::fast {

// The C++ object of a pybind11 instance of T (or of a Python subclass of it).
template <class T>
T& self_of(PyObject* self) {
  auto* inst = reinterpret_cast<py::detail::instance*>(self);
  // The common case: pybind11's simple layout (one C++ object, pointer first), built.
  if (inst->simple_layout && inst->simple_holder_constructed && inst->simple_value_holder[0])
    return *static_cast<T*>(inst->simple_value_holder[0]);
  return py::handle(self).cast<T&>();  // pybind11's general path (and its error)
}

// Sets the Python error for the exception being handled, as pybind11's dispatcher does.
void set_error() noexcept;

// f() as the result of a descriptor: a new reference, or nullptr with the error set.
template <class F>
PyObject* guarded(F&& f) noexcept {
  try {
    return f();
  } catch (...) {
    set_error();
    return nullptr;
  }
}

// The arguments of a METH_FASTCALL | METH_KEYWORDS call, by position or by name, into `out`
// (nullptr for those not given); TypeError (as py::type_error) for a missing one, an extra or an
// unknown name. `required` first names must be given.
void parse(const char* function, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
           const char* const* names, std::size_t count, std::size_t required, PyObject** out);

// A boolean argument: its truth value, false when absent.
bool flag(PyObject* v);

// A vectorcall function (METH_FASTCALL | METH_KEYWORDS) as PyMethodDef holds it; the cast goes
// through void(*)(), as CPython's own headers do.
using Vectorcall = PyObject* (*)(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);
inline PyCFunction method(Vectorcall f) { return reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f)); }
constexpr int kFlags = METH_FASTCALL | METH_KEYWORDS;

// Adds `defs` (ended by an entry with a null name) to a pybind11 class as method descriptors,
// replacing pybind11's methods of the same names. The arrays must outlive the class.
void add_methods(py::handle cls, PyMethodDef* defs);
// The same for read-only properties.
void add_getters(py::handle cls, PyGetSetDef* defs);

// Makes attribute lookup of a class with a __getattr__ that remembers its answers (svd.hpp's
// remember()) look in the instance's __dict__ first. Sound because only names that the normal
// lookup did not find are remembered, so none of them is hidden by an attribute of the class;
// the normal lookup (then __getattr__) follows when the name is not there.
void remembered_first(py::handle cls);

}  // namespace uiokit::python::fast
