// SPDX-License-Identifier: MIT
// uiokit.Register and uiokit.Field: one register of an SVD peripheral and one field of it.
// Reads, writes and read-modify-writes apply `uiokit reg`'s rules (uiokit/svd/write.hpp):
// write-1-to-clear flags are never written back, a read with side effects needs force=True,
// read-only registers and fields refuse writes, and values that do not fit are refused before
// anything is stored. Fields take numbers or their enumerated value names.
#include <pybind11/stl.h>

#include "fast.hpp"
#include "svd.hpp"
#include "uiokit/svd/write.hpp"

namespace uiokit::python {

reg::Shown RegisterHandle::shown(const svd::Field* f) const {
  reg::Shown s;
  s.name = p->name + "." + r->name + (f ? "." + f->name : "");
  s.offset = offset();
  s.bits = r->size;
  s.peripheral = p;
  s.reg = r;
  s.field = f;
  return s;
}

std::uint64_t RegisterHandle::offset() const { return d->base_of(*p) + r->offset; }

std::uint64_t RegisterHandle::read(bool force) const {
  // check_readable's own conditions first: its message names the register, a string made only
  // when it is needed (this is every field read's path).
  if (!reg::can_read(r->access) || (!force && r->read_has_side_effects())) svd::check_readable(*r, force, shown().name);
  return d->read(offset(), r->bytes());
}

std::optional<std::uint64_t> RegisterHandle::current(bool force) const {
  if (!reg::can_read(r->access)) return std::nullopt;
  const auto s = shown();
  svd::check_readable(*r, force, s.name + " (read for read-modify-write)");
  return d->read(s.offset, r->bytes());
}

void RegisterHandle::store(std::uint64_t v) const {
  d->write(offset(), r->bytes(), v);
}

void RegisterHandle::write(std::uint64_t v) const {
  const auto name = shown().name;
  svd::check_writable(*r, nullptr, name);
  store(svd::check_register_value(*r, v, name));
}

const svd::Field* RegisterHandle::field(const std::string& name) const {
  for (const auto& f : r->fields)
    if (f.name == name || identifier(f.name) == name) return &f;
  return nullptr;
}

namespace {

std::vector<std::string> field_names(const svd::Register& r) {
  std::vector<std::string> out;
  for (const auto& f : r.fields) out.push_back(identifier(f.name));
  return out;
}

FieldHandle field_handle(const RegisterHandle& h, const std::string& name) {
  const auto* f = h.field(name);
  if (!f) no_such(h.shown().name, name, field_names(*h.r));
  return FieldHandle{h, f};
}

// A field value from Python: an int or an enumerated value name, checked to fit.
std::uint64_t field_value(const svd::Field& f, py::handle v, const std::string& name) {
  if (py::isinstance<py::str>(v)) return svd::parse_field_value(f, v.cast<std::string>(), name);
  return svd::parse_field_value(f, std::to_string(to_u64(v, "value", Errc::invalid_argument)), name);
}

// `uiokit reg write PERIPH.REG.FIELD VALUE`.
void write_field(const FieldHandle& h, py::handle v, bool force) {
  const auto name = h.reg.shown(h.f).name;
  svd::check_writable(*h.reg.r, h.f, name);
  const auto value = field_value(*h.f, v, name);
  h.reg.store(svd::plan_field_write(*h.reg.r, *h.f, value, h.reg.current(force)));
}

// `uiokit reg modify PERIPH.REG FIELD=VALUE...`.
void modify(const RegisterHandle& h, bool force, const py::kwargs& fields) {
  std::uint64_t set = 0, clear = 0;
  for (auto [k, v] : fields) {
    const auto fh = field_handle(h, k.cast<std::string>());
    const auto name = h.shown(fh.f).name;
    svd::check_writable(*h.r, fh.f, name);
    const auto value = field_value(*fh.f, v, name);
    clear |= fh.f->mask() & ~(value << fh.f->lsb);
    set |= (value << fh.f->lsb) & fh.f->mask();
  }
  svd::check_writable(*h.r, nullptr, h.shown().name);
  h.store(svd::plan_modify(*h.r, set, clear, h.current(force)));
}

std::string register_repr(const RegisterHandle& h) {
  const auto s = h.shown();
  const auto skip = reg::dump_skip(*h.r, false);
  if (!skip.empty()) return reg::format_skipped(s, skip);
  return reg::format_value(s, h.read(true));
}

py::object register_dict(const RegisterHandle& h, bool force) {
  const auto s = h.shown();
  const auto skip = reg::dump_skip(*h.r, force);
  if (!skip.empty()) return to_python(reg::skipped_json(s, skip));
  return to_python(reg::value_json(s, h.read(true), h.d->phys()));
}

std::uint64_t all_ones(const svd::Field& f) { return reg::ones(f.width); }

// The calls a register loop makes, as descriptors (fast.hpp): read(force=False) of a Register and
// a Field, their int(), a Field's value and enum.
bool force_argument(const char* function, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  if (nargs == 0 && !kwnames) return false;
  static constexpr const char* names[] = {"force"};
  PyObject* a[1];
  fast::parse(function, args, nargs, kwnames, names, 1, 0, a);
  return fast::flag(a[0]);
}

PyObject* register_read(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  return fast::guarded([&] {
    const bool force = force_argument("read", args, nargs, kwnames);
    return PyLong_FromUnsignedLongLong(fast::self_of<RegisterHandle>(self).read(force));
  });
}

PyObject* field_read(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  return fast::guarded([&] {
    const bool force = force_argument("read", args, nargs, kwnames);
    const auto& h = fast::self_of<FieldHandle>(self);
    return PyLong_FromUnsignedLongLong(h.f->extract(h.reg.read(force)));
  });
}

PyObject* field_value(PyObject* self, void*) {
  return fast::guarded([&] {
    const auto& h = fast::self_of<FieldHandle>(self);
    return PyLong_FromUnsignedLongLong(h.f->extract(h.reg.read(false)));
  });
}

// int(reg), int(field), hex(field): the value without force, as METH_NOARGS descriptors.
PyObject* register_int(PyObject* self, PyObject*) {
  return fast::guarded([&] { return PyLong_FromUnsignedLongLong(fast::self_of<RegisterHandle>(self).read(false)); });
}

PyObject* field_int(PyObject* self, PyObject*) { return field_value(self, nullptr); }

// read(force=False), int() and operator.index() of a Register or Field class, as descriptors.
void add_reading_methods(py::handle cls, fast::Vectorcall read, PyCFunction value) {
  // The table lives as long as the class (the module's classes live until the process ends).
  auto* defs = new PyMethodDef[4]{
      {"read", fast::method(read), fast::kFlags,
       "read($self, /, force=False)\n--\n\nThe value. A read with side effects (SVD readAction) needs force=True."},
      {"__int__", value, METH_NOARGS, "int(x): read() without force."},
      {"__index__", value, METH_NOARGS, "hex(x), operator.index(x): read() without force."},
      {nullptr, nullptr, 0, nullptr}};
  fast::add_methods(cls, defs);
}

PyObject* field_enum(PyObject* self, void*) {
  return fast::guarded([&] {
    const auto& h = fast::self_of<FieldHandle>(self);
    const auto* e = h.f->enum_for(h.f->extract(h.reg.read(false)));
    if (!e) Py_RETURN_NONE;
    return PyUnicode_FromStringAndSize(e->name.data(), static_cast<Py_ssize_t>(e->name.size()));
  });
}

}  // namespace

void bind_svd_fields(py::module_& m) {
  auto reg = py::class_<RegisterHandle>(m, "Register", py::dynamic_attr(),
      "A register of a Peripheral: its fields as attributes (reg.CTLEN = 1 writes one field,\n"
      "keeping the others and leaving write-1-to-clear flags alone).");
  reg.def("write", [](const RegisterHandle& h, py::handle v) { h.write(to_u64(v, "value", Errc::invalid_argument)); },
           py::arg("value"), "Stores the whole register, as given (w1c bits set in it do clear).")
      .def("modify", &modify, py::arg("force") = false,
           "Read-modify-write of the named fields: reg.modify(EN=1, MODE='fast'); w1c flags not written back.")
      .def("__getattr__", [](py::handle self, const std::string& name) {
        return remember(self, name, py::cast(field_handle(self.cast<const RegisterHandle&>(), name)));
      })
      .def("__setattr__", [](const RegisterHandle& h, const std::string& name, py::handle v) { write_field(field_handle(h, name), v, false); })
      .def("__getitem__", &field_handle)
      .def("__dir__", [](const RegisterHandle& h) {
        auto names = field_names(*h.r);
        for (const char* a : {"read", "write", "modify", "name", "offset", "address", "size", "access", "reset_value",
                              "description", "fields", "to_dict"})
          names.push_back(a);
        return names;
      })
      .def_property_readonly("name", [](const RegisterHandle& h) { return h.shown().name; })
      .def_property_readonly("offset", [](const RegisterHandle& h) { return h.shown().offset; }, "Offset in the Region.")
      .def_property_readonly("address", [](const RegisterHandle& h) -> std::optional<std::uint64_t> {
        if (auto phys = h.d->phys()) return *phys + h.shown().offset;
        return std::nullopt;
      })
      .def_property_readonly("size", [](const RegisterHandle& h) { return h.r->size; }, "Bits.")
      .def_property_readonly("access", [](const RegisterHandle& h) { return std::string(reg::svd_name(h.r->access)); })
      .def_property_readonly("reset_value", [](const RegisterHandle& h) { return h.r->reset_value; })
      .def_property_readonly("description", [](const RegisterHandle& h) { return std::string(h.r->description); })
      .def_property_readonly("fields", [](const RegisterHandle& h) { return field_names(*h.r); })
      .def("to_dict", &register_dict, py::arg("force") = false, "`uiokit reg read PERIPH.REG --json`.")
      .def("__repr__", &register_repr);

  auto field = py::class_<FieldHandle>(m, "Field", "A field of a Register: read(), write(v), clear(), set(); int(field) reads it.");
  field.def("write", &write_field, py::arg("value"), py::arg("force") = false,
           "Sets the field (a number or an enumerated value name); other fields keep their value.")
      .def("clear", [](const FieldHandle& h, bool force) {
        const bool w1c = reg::on_write(h.f->access) == reg::OnWrite::one_clears;
        write_field(h, py::int_(w1c ? all_ones(*h.f) : 0), force);
      }, py::arg("force") = false, "Clears the field: writes 1s to a write-1-to-clear flag, 0 otherwise.")
      .def("set", [](const FieldHandle& h, bool force) { write_field(h, py::int_(all_ones(*h.f)), force); },
           py::arg("force") = false, "Sets every bit of the field.")
      .def_property_readonly("name", [](const FieldHandle& h) { return h.reg.shown(h.f).name; })
      .def_property_readonly("lsb", [](const FieldHandle& h) { return h.f->lsb; })
      .def_property_readonly("width", [](const FieldHandle& h) { return h.f->width; })
      .def_property_readonly("access", [](const FieldHandle& h) { return std::string(reg::svd_name(h.f->access)); })
      .def_property_readonly("w1c", [](const FieldHandle& h) { return reg::on_write(h.f->access) == reg::OnWrite::one_clears; })
      .def_property_readonly("description", [](const FieldHandle& h) { return std::string(h.f->description); })
      .def_property_readonly("enums", [](const FieldHandle& h) {
        py::dict d;
        for (const auto& e : h.f->enums) d[py::str(e.name)] = e.value;
        return d;
      }, "The enumerated values: name -> value.")
      .def("to_dict", [](const FieldHandle& h, bool force) {
        return to_python(reg::value_json(h.reg.shown(h.f), h.reg.read(force), h.reg.d->phys()));
      }, py::arg("force") = false, "`uiokit reg read PERIPH.REG.FIELD --json`.")
      .def("__eq__", [](const FieldHandle& h, py::handle other) -> py::object {
        const auto v = h.f->extract(h.reg.read(false));
        if (py::isinstance<py::str>(other)) {
          const auto* e = h.f->enum_for(v);
          return py::bool_(e && e->name == other.cast<std::string>());
        }
        if (PyIndex_Check(other.ptr())) return py::bool_(py::int_(v).equal(other));
        return py::reinterpret_borrow<py::object>(Py_NotImplemented);
      })
      .def("__repr__", [](const FieldHandle& h) {
        const auto skip = reg::dump_skip(*h.reg.r, false);
        if (!skip.empty()) return h.reg.shown(h.f).name + " (not read: " + skip + ")";
        auto s = reg::format_value(h.reg.shown(h.f), h.reg.read(true));
        s.pop_back();
        return s;
      });

  add_reading_methods(reg, register_read, register_int);
  fast::remembered_first(reg);
  add_reading_methods(field, field_read, field_int);
  static PyGetSetDef field_getters[] = {
      {"value", field_value, nullptr, "The field's value (read()).", nullptr},
      {"enum", field_enum, nullptr, "The name of the current enumerated value, or None.", nullptr},
      {nullptr, nullptr, nullptr, nullptr, nullptr}};
  fast::add_getters(field, field_getters);
}

}  // namespace uiokit::python
