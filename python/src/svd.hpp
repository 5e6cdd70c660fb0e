// SPDX-License-Identifier: MIT
// The SVD handles of the Python module. A Device holds the SVD file's outline (shared by every
// handle taken from it: a peripheral is resolved when first used, uiokit/svd/outline.hpp) and the
// Region; a Peripheral, Register or Field handle is a pointer into the resolved model plus the
// shared state, so handles are cheap and stay valid as long as any of them lives.
// Every access goes through the same guards and placement as `uiokit reg` (uiokit/svd/write.hpp,
// report.hpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common.hpp"
#include "uiokit/transport.hpp"
#include "uiokit/svd/model.hpp"
#include "uiokit/svd/outline.hpp"
#include "uiokit/reg/report.hpp"

namespace uiokit::python {

// A Device reads through the Region it was given or opened (mapped addresses), or through a
// transport for the addresses that are not mappings: gdb:, io: and port regions
// (uiokit/transport.hpp). Then `region_object` is None and `region` null.
struct DeviceState {
  std::optional<svd::Outline> svd;
  py::object region_object = py::none();  // the PyRegion
  PyRegion* region = nullptr;
  std::unique_ptr<Transport> transport;  // null after close()

  std::uint64_t read(std::uint64_t offset, unsigned width) {
    if (region) return region->get().read(static_cast<std::size_t>(offset), width);
    return open_transport().read(offset, width);
  }
  void write(std::uint64_t offset, unsigned width, std::uint64_t value) {
    if (region) return region->get().write(static_cast<std::size_t>(offset), width, value);
    open_transport().write(offset, width, value);
  }
  std::optional<std::uint64_t> phys() { return region ? region->get().phys() : open_transport().address(); }
  std::uint64_t size() { return region ? region->get().size() : open_transport().size(); }
  Transport& open_transport();  // the transport; uiokit.Error once closed (reset)
  void close();
  // Lookup by exact name and by Python identifier ("CH[2].CTRL" is also CH_2_CTRL).
  std::unordered_map<std::string, std::size_t> peripherals;  // index in the outline
  std::unordered_map<const svd::Peripheral*, std::unordered_map<std::string, const svd::Register*>> registers;

  const std::unordered_map<std::string, const svd::Register*>& registers_of(const svd::Peripheral& p);
  // Where the peripheral's registers start in the Region: relative to the Region's physical
  // address when it holds the peripheral's base, else at 0 (the Region is the peripheral).
  std::uint64_t base_of(const svd::Peripheral& p);
};

struct PeripheralHandle {
  std::shared_ptr<DeviceState> d;
  const svd::Peripheral* p;
};

struct RegisterHandle {
  std::shared_ptr<DeviceState> d;
  const svd::Peripheral* p;
  const svd::Register* r;

  reg::Shown shown(const svd::Field* f = nullptr) const;
  std::uint64_t offset() const;  // in the Region
  std::uint64_t read(bool force) const;
  // The current value for a read-modify-write; nothing when the register cannot be read.
  std::optional<std::uint64_t> current(bool force) const;
  void store(std::uint64_t v) const;
  // A whole-register write, as `uiokit reg write PERIPH.REG VALUE`: checked writable and fitting.
  void write(std::uint64_t v) const;
  const svd::Field* field(const std::string& name) const;  // null when none
};

struct FieldHandle {
  RegisterHandle reg;
  const svd::Field* f;
};

// "CH[2].CTRL" -> "CH_2_CTRL": a name usable as a Python attribute.
std::string identifier(const std::string& name);
// AttributeError naming `name` and the nearest of `candidates`.
[[noreturn]] void no_such(const std::string& what, const std::string& name, const std::vector<std::string>& candidates);
// Keeps `child` in self's __dict__ as `name`, so that the next self.name is a plain attribute
// lookup instead of a call to __getattr__ (dev.RTC.RTCCON.CTLEN costs three dict lookups).
py::object remember(py::handle self, const std::string& name, py::object child);
// A value converted from nlohmann JSON (the tool's --json) to Python objects.
py::object to_python(const nlohmann::ordered_json& j);

void bind_svd_fields(py::module_& m);

}  // namespace uiokit::python
