// SPDX-License-Identifier: MIT
// uiokit.Device and uiokit.Peripheral: an SVD description over one Region, each peripheral read
// once, when first used (svd::Outline), its peripherals and registers as attributes (dir() lists
// them), a repr that is `uiokit reg dump` and to_dict() that is `uiokit reg dump --json` for the
// same Region.
#include <pybind11/stl.h>

#include "fast.hpp"
#include "svd.hpp"
#include "uiokit/reg/dump.hpp"
#include "uiokit/address/open.hpp"
#include "uiokit/svd/cache.hpp"
#include "uiokit/svd/locate.hpp"
#include "uiokit/svd/lookup.hpp"
#include "uiokit/svd/parse.hpp"

namespace uiokit::python {

std::string identifier(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (ok) out += c;
    else if (!out.empty() && out.back() != '_') out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (!out.empty() && out[0] >= '0' && out[0] <= '9') out.insert(out.begin(), '_');
  return out;
}

void no_such(const std::string& what, const std::string& name, const std::vector<std::string>& candidates) {
  std::string msg = what + " has no " + name;
  const auto near = svd::nearest(name, candidates);
  if (!near.empty()) {
    msg += "; did you mean ";
    for (std::size_t i = 0; i < near.size(); ++i) msg += (i ? ", " : "") + near[i];
    msg += "?";
  }
  throw py::attribute_error(msg);
}

py::object remember(py::handle self, const std::string& name, py::object child) {
  // Interned, as the attribute names in compiled code are: a lookup then matches the key by
  // identity instead of comparing characters.
  PyObject* key = PyUnicode_FromStringAndSize(name.data(), static_cast<Py_ssize_t>(name.size()));
  if (!key) throw py::error_already_set();
  PyUnicode_InternInPlace(&key);
  const int status = PyObject_GenericSetAttr(self.ptr(), key, child.ptr());
  Py_DECREF(key);
  if (status != 0) throw py::error_already_set();
  return child;
}

py::object to_python(const nlohmann::ordered_json& j) {
  if (j.is_object()) {
    py::dict d;
    for (const auto& [k, v] : j.items()) d[py::str(k)] = to_python(v);
    return d;
  }
  if (j.is_array()) {
    py::list l;
    for (const auto& v : j) l.append(to_python(v));
    return l;
  }
  if (j.is_string()) return py::str(j.get<std::string>());
  if (j.is_boolean()) return py::bool_(j.get<bool>());
  if (j.is_number_unsigned()) return py::int_(j.get<std::uint64_t>());
  if (j.is_number_integer()) return py::int_(j.get<std::int64_t>());
  if (j.is_number_float()) return py::float_(j.get<double>());
  return py::none();
}

const std::unordered_map<std::string, const svd::Register*>& DeviceState::registers_of(const svd::Peripheral& p) {
  auto [it, fresh] = registers.try_emplace(&p);
  if (fresh)
    for (const auto& r : p.registers) {
      it->second.emplace(r.name, &r);
      it->second.emplace(identifier(r.name), &r);
    }
  return it->second;
}

std::uint64_t DeviceState::base_of(const svd::Peripheral& p) {
  if (auto at = phys(); at && p.base >= *at && p.base - *at < size()) return p.base - *at;
  return 0;
}

Transport& DeviceState::open_transport() {
  if (!transport) throw Error(Errc::invalid_argument, "Device", "the Device is closed");
  return *transport;
}

void DeviceState::close() {
  if (region) return region->close();
  transport.reset();  // a GDB stub serves one debugger: let the next one connect
}

namespace {

using Dev = std::shared_ptr<DeviceState>;

std::shared_ptr<DeviceState> make_device(py::object address, const std::string& svd_name, bool writable, std::optional<std::string> dtb) {
  auto d = std::make_shared<DeviceState>();
  if (py::isinstance<PyRegion>(address)) {
    d->region_object = address;
  } else {
    const auto text = address.cast<std::string>();
    const auto a = parse_address(text);
    if (a.scheme == DeviceAddress::Scheme::gdb || a.scheme == DeviceAddress::Scheme::io || a.uio_port) {
      OpenOptions o;
      if (dtb) o.dtb = *dtb;
      d->transport = uiokit::open_transport(a, o);
    } else {
      d->region_object = py::module_::import("uiokit").attr("open")(text, writable, dtb);
    }
  }
  if (!d->transport) d->region = &d->region_object.cast<PyRegion&>();
  d->svd.emplace(svd::locate(svd_name));
  for (std::size_t i = 0; i < d->svd->size(); ++i) {
    d->peripherals.emplace(d->svd->name(i), i);
    d->peripherals.emplace(identifier(d->svd->name(i)), i);
  }
  return d;
}

std::vector<std::string> peripheral_names(const DeviceState& d) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < d.svd->size(); ++i) out.push_back(identifier(d.svd->name(i)));
  return out;
}

std::vector<std::string> register_names(const svd::Peripheral& p) {
  std::vector<std::string> out;
  for (const auto& r : p.registers) out.push_back(identifier(r.name));
  return out;
}

const svd::Peripheral& peripheral(const Dev& d, const std::string& name) {
  auto it = d->peripherals.find(name);
  if (it == d->peripherals.end()) no_such(d->svd->name().empty() ? "the device" : d->svd->name(), name, peripheral_names(*d));
  return d->svd->peripheral(it->second);
}

RegisterHandle reg_handle(const PeripheralHandle& h, const std::string& name) {
  const auto& regs = h.d->registers_of(*h.p);
  auto it = regs.find(name);
  if (it == regs.end()) no_such(h.p->name, name, register_names(*h.p));
  return RegisterHandle{h.d, h.p, it->second};
}

// The dump of one peripheral: text (repr) or the --json entries (to_dict), as the tool makes them.
void dump(const PeripheralHandle& h, bool force, std::string* text, nlohmann::ordered_json* entries) {
  reg::DumpIo io;
  io.place = [&h](reg::Shown& s) {
    s.offset = RegisterHandle{h.d, h.p, s.reg}.offset();
    return std::string();
  };
  io.load = [&h](const reg::Shown& s) { return RegisterHandle{h.d, h.p, s.reg}.read(true); };
  reg::DumpOptions o;
  o.force = force;
  o.address = h.d->phys();
  std::function<void(const std::string&)> print;
  if (text) print = [text](const std::string& t) { *text += t; };
  reg::dump(*h.p, io, o, print, entries);
}

std::string dump_text(const Dev& d, const std::vector<const svd::Peripheral*>& ps, bool force) {
  std::string out;
  for (const auto* p : ps) dump(PeripheralHandle{d, p}, force, &out, nullptr);
  return out;
}

py::object dump_dict(const Dev& d, const std::vector<const svd::Peripheral*>& ps, bool force) {
  auto out = nlohmann::ordered_json::array();
  for (const auto* p : ps) dump(PeripheralHandle{d, p}, force, nullptr, &out);
  return to_python(out);
}

std::vector<const svd::Peripheral*> all(const Dev& d) {
  std::vector<const svd::Peripheral*> out;
  for (const auto& p : d->svd->whole().peripherals) out.push_back(&p);
  return out;
}

py::object lookup(const Dev& d, const std::string& name) {
  // The peripheral named first, resolved alone; anything else is the whole file's answer (the
  // one-peripheral shorthand, or the error with the nearest names).
  const auto dot = name.find('.');
  std::optional<svd::Target> in;
  if (const auto i = d->svd->find(std::string_view(name).substr(0, dot)))
    in = svd::find_in(d->svd->peripheral(*i), dot == std::string::npos ? std::string_view{} : std::string_view(name).substr(dot + 1));
  const auto t = in ? *in : svd::find(d->svd->whole(), name);
  if (t.field) return py::cast(FieldHandle{RegisterHandle{d, t.peripheral, t.reg}, t.field});
  if (t.reg) return py::cast(RegisterHandle{d, t.peripheral, t.reg});
  return py::cast(PeripheralHandle{d, t.peripheral});
}

}  // namespace

void bind_svd(py::module_& m) {
  auto device = py::class_<DeviceState, std::shared_ptr<DeviceState>>(m, "Device", py::dynamic_attr(),
      "A device's registers by name from a CMSIS-SVD description, over one Region or transport.\n\n"
      "Device(address, svd=FILE_OR_NAME): address is a device address string or an open Region\n"
      "(gdb:, io: and uio:NAME:portK addresses are read through their transport: no region);\n"
      "svd a file or a shipped name (pl111, hpet, ...). Opening finds the file's peripherals;\n"
      "each is read when first used (an error in it is raised then). Peripherals are attributes\n"
      "(dev.RTC.RTCCON.CTLEN = 1); dev['RTC.RTCCON'] takes a dotted name. repr() is the tool's\n"
      "dump, to_dict() its --json. Reads with side effects need force=True.")
      .def(py::init(&make_device), py::arg("address"), py::arg("svd"), py::arg("writable") = true, py::arg("dtb") = py::none())
      .def("__getattr__", [](py::handle self, const std::string& name) {
        const Dev d = self.cast<Dev>();
        return remember(self, name, py::cast(PeripheralHandle{d, &peripheral(d, name)}));
      })
      .def("__setattr__", [](const Dev& d, const std::string& name, py::handle) {
        peripheral(d, name);
        throw py::attribute_error("a peripheral cannot be assigned; assign its registers");
      })
      .def("__getitem__", &lookup, py::arg("name"), "PERIPH, PERIPH.REG or PERIPH.REG.FIELD.")
      .def("__dir__", [](const Dev& d) {
        auto names = peripheral_names(*d);
        for (const char* a : {"region", "name", "peripherals", "to_dict", "close", "interrupt"}) names.push_back(a);
        return names;
      })
      .def_property_readonly("region", [](const Dev& d) { return d->region_object; })
      .def_property_readonly("name", [](const Dev& d) { return d->svd->name(); })
      .def_property_readonly("peripherals", &peripheral_names)
      .def("to_dict", [](const Dev& d, bool force) { return dump_dict(d, all(d), force); }, py::arg("force") = false,
           "Every register decoded: the list `uiokit reg dump --json` prints.")
      .def("interrupt", [](const Dev& d) {
        if (!d->region)
          throw Error(Errc::unsupported, d->open_transport().describe(), "a Device over a transport has no interrupt",
                      {}, 0, "interrupts come through UIO or VFIO: open the device by a uio:, dt: or vfio: address");
        (void)d->region->get();  // closed: not a fresh device opened behind the user's back
        if (d->region->vfio) return d->region_object.attr("interrupt")();
        return py::module_::import("uiokit").attr("interrupt")(d->region->address());
      }, "The device's interrupt: the VFIO device's own (MSI, else INTx), or uiokit.interrupt(address).")
      .def("close", [](const Dev& d) { d->close(); })
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](const Dev& d, py::args) { d->close(); })
      .def("__repr__", [](const Dev& d) { return dump_text(d, all(d), false); });

  auto peripheral_class = py::class_<PeripheralHandle>(m, "Peripheral", py::dynamic_attr(), "A peripheral of a Device: its registers as attributes.")
      .def("__getattr__", [](py::handle self, const std::string& name) {
        return remember(self, name, py::cast(reg_handle(self.cast<const PeripheralHandle&>(), name)));
      })
      .def("__setattr__", [](const PeripheralHandle& h, const std::string& name, py::handle v) {
        reg_handle(h, name).write(to_u64(v, "value", Errc::invalid_argument));
      })
      .def("__getitem__", &reg_handle)
      .def("__dir__", [](const PeripheralHandle& h) {
        auto names = register_names(*h.p);
        for (const char* a : {"name", "base", "description", "registers", "to_dict"}) names.push_back(a);
        return names;
      })
      .def_property_readonly("name", [](const PeripheralHandle& h) { return h.p->name; })
      .def_property_readonly("base", [](const PeripheralHandle& h) { return h.p->base; })
      .def_property_readonly("description", [](const PeripheralHandle& h) { return std::string(h.p->description); })
      .def_property_readonly("registers", [](const PeripheralHandle& h) { return register_names(*h.p); })
      .def("to_dict", [](const PeripheralHandle& h, bool force) { return dump_dict(h.d, {h.p}, force); }, py::arg("force") = false,
           "Every register of the peripheral: `uiokit reg dump PERIPH --json`.")
      .def("__repr__", [](const PeripheralHandle& h) { return dump_text(h.d, {h.p}, false); });

  // dev.RTC.RTCCON: each step a lookup in the instance's __dict__, where __getattr__ left it.
  fast::remembered_first(device);
  fast::remembered_first(peripheral_class);
  bind_svd_fields(m);
}

}  // namespace uiokit::python
