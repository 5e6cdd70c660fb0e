// SPDX-License-Identifier: MIT
// VFIO parts that run on the host: the IOVA allocator and the group viability explanation.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "uiokit/vfio/dma.hpp"
#include "uiokit/vfio/vfio.hpp"

namespace fs = std::filesystem;
using namespace uiokit;

TEST_CASE("vfio: the IOVA allocator hands out page-aligned ranges below the limit") {
  vfio::IovaAllocator a(0x1000, 0x10000);
  const auto x = a.allocate(1);
  const auto y = a.allocate(0x2000);
  CHECK(x == 0x1000);
  CHECK(y == 0x2000);
  a.release(x);
  CHECK(a.allocate(0x1000) == 0x1000);  // first fit reuses the hole
  CHECK(a.allocate(0x1001) == 0x4000);
  try {
    a.allocate(0x10000);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::out_of_range);
  }
  CHECK_THROWS_AS(a.allocate(0), Error);
}

TEST_CASE("vfio: reserving names collisions, misalignment and ranges past the limit") {
  vfio::IovaAllocator a(0, 1ull << 28);
  a.reserve(0x100000, 0x2000);
  auto code = [&](std::uint64_t iova, std::size_t size) {
    try {
      a.reserve(iova, size);
    } catch (const Error& e) {
      return e.code();
    }
    return Errc::not_found;  // "no error" marker
  };
  CHECK(code(0x101000, 0x1000) == Errc::invalid_argument);
  CHECK(code(0x0ff000, 0x2000) == Errc::invalid_argument);
  CHECK(code(0x100800, 0x1000) == Errc::misaligned);
  CHECK(code(0x200000, 0x1800) == Errc::misaligned);
  CHECK(code((1ull << 28) - 0x1000, 0x2000) == Errc::out_of_range);
  CHECK(code(0x102000, 0x1000) == Errc::not_found);  // adjacent is fine
  try {
    a.reserve(0x100000, 0x1000);
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("0x100000") != std::string::npos);
  }
  CHECK_THROWS_AS(vfio::IovaAllocator(0x10, 0x1000), Error);
  CHECK_THROWS_AS(vfio::IovaAllocator(0x2000, 0x1000), Error);
}

TEST_CASE("vfio: a non-viable group names the devices still bound to kernel drivers") {
  const auto top = fs::temp_directory_path() / ("uiokit-vfio-" + std::to_string(::getpid()));
  const auto sys = top / "sys";
  const auto grp = sys / "kernel/iommu_groups/5/devices";
  fs::create_directories(grp);
  fs::create_directories(sys / "bus/pci/drivers/e1000e");
  fs::create_directories(sys / "bus/pci/drivers/vfio-pci");
  auto add = [&](const std::string& bdf, const char* driver) {
    const auto real = sys / "devices" / bdf;
    fs::create_directories(real);
    if (driver) fs::create_directory_symlink(sys / "bus/pci/drivers" / driver, real / "driver");
    fs::create_directory_symlink(real, grp / bdf);
    fs::create_directories(sys / "bus/pci/devices");
    fs::create_directory_symlink(real, sys / "bus/pci/devices" / bdf);
  };
  add("0000:00:03.0", "vfio-pci");
  add("0000:00:03.1", "e1000e");
  add("0000:00:03.2", nullptr);
  auto why = vfio::viability_blockers(pci::Sysfs{sys}, 5);
  REQUIRE(why.size() == 1);
  CHECK(why[0] == "0000:00:03.1 is bound to e1000e");
  fs::remove_all(top);
}

TEST_CASE("vfio: no container without /dev/vfio, the path is named") {
  vfio::Options o;
  o.dev = fs::temp_directory_path() / "uiokit-no-such-dev";
  try {
    vfio::Container c(o);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(std::string(e.what()).find("vfio/vfio") != std::string::npos);
  }
}
