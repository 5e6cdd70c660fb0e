// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <cerrno>
#include <string>

#include "uiokit/error.hpp"

using uiokit::Errc;

TEST_CASE("Error composes a message naming the subject, address and errno") {
  uiokit::Error e(Errc::mmap_failed, "/dev/mem", "mmap of 0x1000 bytes", 0xfed00000, EPERM, "boot with iomem=relaxed");
  const std::string m = e.what();
  CHECK(m.find("/dev/mem") == 0);
  CHECK(m.find("0xfed00000") != std::string::npos);
  CHECK(m.find("Operation not permitted") != std::string::npos);
  CHECK(m.find("iomem=relaxed") != std::string::npos);
  CHECK(e.address() == 0xfed00000u);
  CHECK(e.sys_errno() == EPERM);
}

TEST_CASE("throw_sys picks the code from errno") {
  auto code = [](int err) {
    try {
      uiokit::throw_sys(Errc::io_failed, "x", "y", err);
    } catch (const uiokit::Error& e) {
      return e.code();
    }
    return Errc::unsupported;
  };
  CHECK(code(ENOENT) == Errc::not_found);
  CHECK(code(EACCES) == Errc::permission_denied);
  CHECK(code(EBUSY) == Errc::busy);
  CHECK(code(EIO) == Errc::io_failed);
}

TEST_CASE("every code has a name and distinct classes have distinct exit statuses") {
  CHECK(uiokit::to_string(Errc::vfio_iommu_map_dma) == "vfio_iommu_map_dma");
  CHECK(uiokit::exit_status(Errc::not_found) != uiokit::exit_status(Errc::permission_denied));
  CHECK(uiokit::exit_status(Errc::timeout) != uiokit::exit_status(Errc::busy));
  CHECK(uiokit::exit_status(Errc::bad_hardware_value) != uiokit::exit_status(Errc::invalid_argument));
  CHECK(uiokit::exit_status(Errc::io_failed) != 0);
}
