// SPDX-License-Identifier: MIT
// uiokit.Interrupt: a device interrupt as a file descriptor (uiokit/irq/interrupt.hpp).
// wait(timeout) blocks (with the GIL released) and returns Events(count, missed, total), or None
// on timeout; fileno() is the descriptor that turns readable, so asyncio's loop.add_reader and
// selectors work: on readable call consume(), handle the device, then enable().
// uiokit.interrupt("uio:NAME") opens a UIO device's interrupt; uiokit.eventfd_interrupt(fd)
// takes an eventfd (or any counter descriptor with 8-byte reads, e.g. a timerfd) the caller owns,
// as a stand-in for a device in tests and simulations.
#include <pybind11/stl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <memory>

#include "common.hpp"
#include "vfio.hpp"
#include "uiokit/address/address.hpp"
#include "uiokit/irq/interrupt.hpp"
#include "uiokit/uio/uio.hpp"

namespace uiokit::python {
namespace {

class CounterInterrupt final : public Interrupt {
 public:
  explicit CounterInterrupt(int fd) : fd_(fd) {}
  int fd() const noexcept override { return fd_; }
  IrqEvents consume() override {
    std::uint64_t n = 0;
    if (::read(fd_, &n, sizeof n) != static_cast<ssize_t>(sizeof n)) throw_sys(Errc::io_failed, describe(), "read of the counter", errno);
    total_ += n;
    return IrqEvents{n, total_};
  }
  void enable() override {}
  void disable() override {}
  std::string describe() const override { return "counter fd " + std::to_string(fd_); }

 private:
  int fd_;
  std::uint64_t total_ = 0;
};

// The interrupt and whatever must stay open for it.
struct PyInterrupt {
  std::shared_ptr<void> owner;
  Interrupt* irq = nullptr;

  Interrupt& get() const {
    if (!irq) throw Error(Errc::invalid_argument, "interrupt", "the Interrupt is closed");
    return *irq;
  }
  void close() {
    irq = nullptr;
    owner.reset();
  }
};

PyInterrupt open_interrupt(const std::string& address) {
  const auto a = parse_address(address);
  if (a.scheme == DeviceAddress::Scheme::uio) {
    auto dev = std::make_shared<uio::Device>(uio::Device::open(a.uio_device));
    Interrupt* irq = &dev->irq();
    return PyInterrupt{std::move(dev), irq};
  }
  if (a.scheme == DeviceAddress::Scheme::vfio) {
    auto region = std::make_shared<PyRegion>(open_vfio_region(a, true));
    PyInterrupt i;
    i.irq = &vfio_interrupt(*region, "", 0, i.owner);
    i.owner = std::shared_ptr<void>(std::make_shared<std::pair<std::shared_ptr<void>, std::shared_ptr<PyRegion>>>(i.owner, region), i.irq);
    return i;
  }
  throw Error(Errc::unsupported, address, "interrupts come from uio: and vfio: devices");
}

py::object events(const IrqEvents& e) {
  static auto* type = new py::object(py::module_::import("collections").attr("namedtuple")("Events", "count missed total"));
  return (*type)(e.count, e.missed(), e.total);
}

}  // namespace

void bind_interrupt(py::module_& m) {
  py::class_<PyInterrupt>(m, "Interrupt",
      "A device interrupt: wait(timeout) -> Events(count, missed, total) or None; fileno() for\n"
      "asyncio/selectors (then consume()); enable() re-arms it after the device is handled.")
      .def("wait", [](PyInterrupt& i, std::optional<double> timeout) -> py::object {
        std::optional<std::chrono::milliseconds> ms;
        if (timeout) {
          if (*timeout < 0) throw Error(Errc::invalid_argument, "timeout", "must not be negative");
          ms = std::chrono::milliseconds(static_cast<long long>(*timeout * 1000.0));
        }
        std::optional<IrqEvents> e;
        {
          py::gil_scoped_release nogil;
          e = i.get().wait(ms);
        }
        if (!e) return py::none();
        return events(*e);
      }, py::arg("timeout") = py::none(), "Blocks until the interrupt (timeout in seconds; None: forever).")
      .def("consume", [](PyInterrupt& i) { return events(i.get().consume()); },
           "Reads the pending events once fileno() is readable (blocks otherwise).")
      .def("enable", [](PyInterrupt& i) { i.get().enable(); }, "Unmasks (re-arms) the interrupt.")
      .def("disable", [](PyInterrupt& i) { i.get().disable(); }, "Masks the interrupt.")
      .def("fileno", [](const PyInterrupt& i) { return i.get().fd(); })
      .def("close", &PyInterrupt::close)
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](PyInterrupt& i, py::args) { i.close(); })
      .def("__repr__", [](const PyInterrupt& i) {
        return std::string("<uiokit.Interrupt ") + (i.irq ? i.irq->describe() : "(closed)") + ">";
      });
  m.def("interrupt", &open_interrupt, py::arg("address"),
        "The interrupt of a device: uio:NAME or uio:N, or vfio:BDF (MSI when it has it, else INTx; the\n"
        "VFIO device is opened for it, so for a Region and its interrupt use region.interrupt()).");
  py::object region_cls = m.attr("Region");
  region_cls.attr("interrupt") = py::cpp_function(
      [](PyRegion& r, const std::string& kind, unsigned vector) {
        PyInterrupt i;
        i.irq = &vfio_interrupt(r, kind, vector, i.owner);
        return i;
      },
      py::name("interrupt"), py::is_method(region_cls), py::arg("kind") = "", py::arg("vector") = 0,
      "An interrupt of a vfio: Region's device: kind 'msi', 'msix' or 'intx' ('' = MSI if it has it).");
  m.def("eventfd_interrupt", [](int fd) {
    auto c = std::make_shared<CounterInterrupt>(fd);
    Interrupt* irq = c.get();
    return PyInterrupt{std::move(c), irq};
  }, py::arg("fd"), "An Interrupt over a counter descriptor the caller owns (eventfd, timerfd): for tests.");
}

}  // namespace uiokit::python
