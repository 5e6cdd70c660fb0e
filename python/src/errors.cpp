// SPDX-License-Identifier: MIT
// uiokit::Error as Python exceptions: uiokit.Error, and one subclass per category of Errc
// (NotFound, PermissionDenied, OutOfRange, InvalidArgument, ParseError, ...). Each instance
// carries .code (the Errc name, "out_of_range"), .subject, .address (None when there is
// none), .errno (0 when no system call failed) and .hint; str() is the library's message.
#include <pybind11/eval.h>

#include "common.hpp"

namespace uiokit::python {
namespace {

// Python classes, by category; the extra bases let `except ValueError` and the like work too.
constexpr const char* kClasses = R"(
class Error(Exception):
    """A uiokit failure: .code (the library's Errc name), .subject, .address, .errno, .hint."""
    code = "unknown"; subject = ""; address = None; errno = 0; hint = ""
class NotFound(Error, LookupError):
    """A path, device or name that does not exist."""
class PermissionDenied(Error):
    """Opening or mapping was refused (EACCES/EPERM)."""
class OutOfRange(Error, IndexError):
    """An offset, width or alignment outside what the Region allows."""
class InvalidArgument(Error, ValueError):
    """A value or access that cannot be used: a field value that does not fit, a read-only
    register written, a read with side effects without force=True, a closed Region."""
class ParseError(Error, ValueError):
    """A malformed address, SVD file or device tree."""
class Busy(Error):
    """Held by another process or driver."""
class Timeout(Error):
    """The operation timed out."""
class DeviceRemoved(Error):
    """The device went away while mapped."""
class Unsupported(Error):
    """The platform or the device cannot do it."""
class HardwareError(Error):
    """A value read from the device that cannot be right."""
class SystemFailure(Error, OSError):
    """A system call (open, mmap, ioctl, read) failed."""
)";

const char* category(Errc c) {
  switch (c) {
    case Errc::not_found: return "NotFound";
    case Errc::permission_denied: return "PermissionDenied";
    case Errc::out_of_range:
    case Errc::misaligned:
    case Errc::bad_width:
    case Errc::file_too_short:
    case Errc::region_too_small: return "OutOfRange";
    case Errc::invalid_argument: return "InvalidArgument";
    case Errc::parse_error:
    case Errc::fdt_error: return "ParseError";
    case Errc::busy: return "Busy";
    case Errc::timeout: return "Timeout";
    case Errc::device_removed: return "DeviceRemoved";
    case Errc::unsupported: return "Unsupported";
    case Errc::bad_hardware_value: return "HardwareError";
    default: return "SystemFailure";
  }
}

py::module_* the_module = nullptr;

void raise(const Error& e) {
  py::object type = the_module->attr(category(e.code()));
  py::object exc = type(py::str(e.what()));
  exc.attr("code") = py::str(std::string(to_string(e.code())));
  exc.attr("subject") = e.subject();
  exc.attr("address") = e.address() ? py::object(py::int_(*e.address())) : py::none();
  exc.attr("errno") = e.sys_errno();
  exc.attr("hint") = e.hint();
  PyErr_SetObject(type.ptr(), exc.ptr());
}

}  // namespace

void bind_errors(py::module_& m) {
  py::dict ns;
  ns["__name__"] = "uiokit";
  ns["__builtins__"] = py::module_::import("builtins");
  py::exec(kClasses, ns);
  for (auto item : ns) {
    py::object v = py::reinterpret_borrow<py::object>(item.second);
    if (PyType_Check(v.ptr())) m.attr(item.first) = v;
  }
  the_module = new py::module_(m);  // lives as long as the process: the translator may run until exit
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      raise(e);
    }
  });
}

}  // namespace uiokit::python
