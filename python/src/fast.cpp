// SPDX-License-Identifier: MIT
// Method and getter descriptors for the module's hot calls (fast.hpp).
#include "fast.hpp"

#include <cstring>
#include <string>

namespace uiokit::python::fast {

void set_error() noexcept {
  // pybind11's dispatcher, in order: a Python error already set, then the module-local and the
  // global translators (the latter hold uiokit::Error's, errors.cpp, and pybind11's own).
  try {
    throw;
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (...) {
    if (py::detail::apply_exception_translators(py::detail::get_local_internals().registered_exception_translators)) return;
    if (py::detail::apply_exception_translators(py::detail::get_internals().registered_exception_translators)) return;
    PyErr_SetString(PyExc_SystemError, "an exception escaped the exception translators");
  }
}

void parse(const char* function, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
           const char* const* names, std::size_t count, std::size_t required, PyObject** out) {
  if (nargs < 0 || static_cast<std::size_t>(nargs) > count)
    throw py::type_error(std::string(function) + "() takes at most " + std::to_string(count) + " argument(s) (" +
                         std::to_string(nargs) + " given)");
  for (std::size_t i = 0; i < count; ++i) out[i] = i < static_cast<std::size_t>(nargs) ? args[i] : nullptr;
  const Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  for (Py_ssize_t k = 0; k < nkw; ++k) {
    const char* key = PyUnicode_AsUTF8(PyTuple_GET_ITEM(kwnames, k));
    if (!key) throw py::error_already_set();
    std::size_t i = 0;
    while (i < count && std::strcmp(names[i], key) != 0) ++i;
    if (i == count) throw py::type_error(std::string(function) + "() got an unexpected keyword argument '" + key + "'");
    if (out[i]) throw py::type_error(std::string(function) + "() got multiple values for argument '" + key + "'");
    out[i] = args[nargs + k];
  }
  for (std::size_t i = 0; i < required; ++i)
    if (!out[i]) throw py::type_error(std::string(function) + "() missing required argument '" + names[i] + "'");
}

bool flag(PyObject* v) {
  if (!v) return false;
  const int t = PyObject_IsTrue(v);
  if (t < 0) throw py::error_already_set();
  return t != 0;
}

void add_methods(py::handle cls, PyMethodDef* defs) {
  auto* type = reinterpret_cast<PyTypeObject*>(cls.ptr());
  for (auto* d = defs; d->ml_name; ++d)
    cls.attr(d->ml_name) = py::reinterpret_steal<py::object>(PyDescr_NewMethod(type, d));
}

void add_getters(py::handle cls, PyGetSetDef* defs) {
  auto* type = reinterpret_cast<PyTypeObject*>(cls.ptr());
  for (auto* d = defs; d->name; ++d)
    cls.attr(d->name) = py::reinterpret_steal<py::object>(PyDescr_NewGetSet(type, d));
}

namespace {

getattrofunc normal_getattro = nullptr;  // the slot CPython gives a class with __getattr__

PyObject* remembered_getattro(PyObject* self, PyObject* name) {
  // The instance's __dict__ (pybind11 asks CPython 3.11 to manage it: no fixed offset; the first
  // call makes it a real dict, later ones return it).
  PyObject* dict = PyObject_GenericGetDict(self, nullptr);
  if (!dict) return nullptr;
  PyObject* v = PyDict_GetItemWithError(dict, name);
  Py_DECREF(dict);  // self holds it
  if (v) {
    Py_INCREF(v);
    return v;
  }
  if (PyErr_Occurred()) return nullptr;
  return normal_getattro(self, name);
}

}  // namespace

void remembered_first(py::handle cls) {
  auto* type = reinterpret_cast<PyTypeObject*>(cls.ptr());
  if (type->tp_getattro == remembered_getattro) return;
  // Every class with a __getattr__ gets the same slot function from CPython; one saved pointer
  // serves them all, and a class that had another would be a mistake here.
  if (normal_getattro && type->tp_getattro != normal_getattro)
    throw std::logic_error(std::string(type->tp_name) + ": unexpected attribute lookup slot");
  normal_getattro = type->tp_getattro;
  type->tp_getattro = remembered_getattro;
}

}  // namespace uiokit::python::fast
