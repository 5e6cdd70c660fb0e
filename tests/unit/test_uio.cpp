// SPDX-License-Identifier: MIT
// UIO backend against a fake sysfs tree: discovery, parsing, mapping, exclusive use, errors.
// A regular file stands in for /dev/uioN: it maps and flocks like the device does.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "uiokit/backend/map_fd.hpp"
#include "uiokit/error.hpp"
#include "uiokit/uio/uio.hpp"

namespace fs = std::filesystem;
using uiokit::Errc;
using uiokit::Error;
namespace uio = uiokit::uio;

namespace {

struct FakeUio {
  fs::path root;
  uio::Paths paths;

  FakeUio() {
    std::string tmpl = (fs::temp_directory_path() / "uiokit-uio-XXXXXX").string();
    root = ::mkdtemp(tmpl.data());
    paths.sysfs = (root / "class/uio").string();
    paths.dev = (root / "dev").string();
    paths.run = (root / "run").string();
    paths.modules = (root / "module").string();
    fs::create_directories(paths.dev);
  }
  ~FakeUio() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  static void put(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  // A device with maps given as {name, addr, size}; the device file backs every map.
  void device(unsigned n, const std::string& name,
              std::initializer_list<std::tuple<std::string, std::string, std::string>> maps) {
    const fs::path d = fs::path(paths.sysfs) / ("uio" + std::to_string(n));
    put(d / "name", name + "\n");
    put(d / "version", "1\n");
    put(d / "event", "7\n");
    unsigned i = 0;
    for (const auto& [mname, addr, size] : maps) {
      const fs::path m = d / "maps" / ("map" + std::to_string(i++));
      put(m / "name", mname + "\n");
      put(m / "addr", addr + "\n");
      put(m / "size", size + "\n");
      put(m / "offset", "0x0\n");
    }
    const fs::path dev = fs::path(paths.dev) / ("uio" + std::to_string(n));
    std::ofstream(dev).close();
    fs::resize_file(dev, (i + 1) * uiokit::page_size());
  }
};

}  // namespace

TEST_CASE("uio: discovery lists devices and parses their maps") {
  FakeUio f;
  f.device(0, "hpet", {{"hpet", "0xfed00000", "0x1000"}, {"vmalloc", "0x0", "0x2000"}});
  f.device(3, "rtc", {{"regs", "0x10070000", "0x1000"}});
  auto all = uio::list(f.paths);
  REQUIRE(all.size() == 2);
  CHECK(all[0].number == 0);
  CHECK(all[1].number == 3);
  CHECK(all[0].name == "hpet");
  REQUIRE(all[0].maps.size() == 2);
  CHECK(all[0].maps[0].addr == 0xfed00000u);
  CHECK(all[0].maps[0].size == 0x1000u);
  CHECK(all[0].maps[1].name == "vmalloc");
  CHECK(all[0].maps[1].size == 0x2000u);
  CHECK(all[0].dev_path == f.paths.dev + "/uio0");

  CHECK(uio::find("rtc", f.paths).number == 3);
  CHECK(uio::find("uio3", f.paths).name == "rtc");
  CHECK(uio::find("0", f.paths).name == "hpet");
  CHECK(uio::find("/dev/uio3", f.paths).name == "rtc");
  CHECK(uio::find("hpet", f.paths).map("vmalloc").index == 1);
}

TEST_CASE("uio: no UIO class folder means no devices") {
  uio::Paths p;
  p.sysfs = "/nonexistent/uiokit/class/uio";
  CHECK(uio::list(p).empty());
}

TEST_CASE("uio: a missing device is not_found and names what exists") {
  FakeUio f;
  f.device(0, "hpet", {{"hpet", "0xfed00000", "0x1000"}});
  try {
    (void)uio::find("rtc", f.paths);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(std::string(e.what()).find("uio0 (hpet)") != std::string::npos);
  }
  CHECK_THROWS_AS((void)uio::info(5, f.paths), Error);
}

TEST_CASE("uio: a missing device names uio_stub's load and the kernel to build it for, unless it is loaded") {
  FakeUio f;
  struct utsname u {};
  REQUIRE(::uname(&u) == 0);
  const auto message = [&] {
    try {
      (void)uio::find("rtc", f.paths);
    } catch (const Error& e) {
      CHECK(e.code() == Errc::not_found);
      return std::string(e.what());
    }
    FAIL("expected an error");
    return std::string();
  };
  std::string what = message();
  CHECK(what.find("there are no UIO devices; uio_stub is not loaded: modprobe uio_stub") != std::string::npos);
  CHECK(what.find("'Invalid module format', it was built for another kernel") != std::string::npos);
  CHECK(what.find(std::string("dkms autoinstall -k ") + u.release) != std::string::npos);
  f.device(0, "hpet", {});
  CHECK(message().find("the devices are uio0 (hpet); uio_stub is not loaded") != std::string::npos);

  fs::create_directories(f.root / "module/uio_stub");  // loaded: the device is simply not there
  what = message();
  CHECK(what.find("uio_stub") == std::string::npos);
  CHECK(what.find("the devices are uio0 (hpet)") != std::string::npos);
}

TEST_CASE("uio: two devices with one name must be picked by number") {
  FakeUio f;
  f.device(0, "same", {});
  f.device(1, "same", {});
  try {
    (void)uio::find("same", f.paths);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid_argument);
  }
}

TEST_CASE("uio: malformed sysfs files are parse errors naming the file") {
  FakeUio f;
  f.device(0, "bad", {{"regs", "0xzz", "0x1000"}});
  try {
    (void)uio::find("0", f.paths);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::parse_error);
    CHECK(e.subject().find("map0/addr") != std::string::npos);
  }
  FakeUio g;
  g.device(0, "zero", {{"regs", "0x1000", "0"}});
  CHECK_THROWS_AS((void)uio::find("0", g.paths), Error);
  FakeUio h;
  h.device(0, "noname", {});
  fs::remove(fs::path(h.paths.sysfs) / "uio0/name");
  try {
    (void)uio::find("0", h.paths);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::parse_error);
  }
}

TEST_CASE("uio: map N is the device file at N pages, named and sized after the map") {
  FakeUio f;
  f.device(0, "hpet", {{"hpet", "0xfed00000", "0x1000"}, {"buf", "0x0", "0x1000"}});
  {
    // Distinct content per page so the offset is checked.
    std::fstream dev(f.paths.dev + "/uio0", std::ios::in | std::ios::out | std::ios::binary);
    dev.seekp(static_cast<std::streamoff>(uiokit::page_size()));
    const std::uint32_t marker = 0xcafef00d;
    dev.write(reinterpret_cast<const char*>(&marker), sizeof marker);
  }
  auto d = uio::Device::open("hpet", {uio::Access::exclusive, f.paths});
  auto r0 = d.map(0u);
  CHECK(r0.name() == "hpet");
  CHECK(r0.size() == 0x1000);
  REQUIRE(r0.phys());
  CHECK(*r0.phys() == 0xfed00000u);
  auto r1 = d.map("buf");
  CHECK(!r1.phys());  // addr 0: a vmalloc map has no single address
  CHECK(r1.read<std::uint32_t>(0) == 0xcafef00du);
  r1.write<std::uint32_t>(4, 0x12345678u);
  CHECK(d.map(1u).read<std::uint32_t>(4) == 0x12345678u);  // a second mapping sees it
}

TEST_CASE("uio: a map out of range is not_found and lists the maps") {
  FakeUio f;
  f.device(0, "hpet", {{"hpet", "0xfed00000", "0x1000"}});
  auto d = uio::Device::open("0", {uio::Access::exclusive, f.paths});
  try {
    (void)d.map(4u);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(std::string(e.what()).find("0 (hpet)") != std::string::npos);
  }
  CHECK_THROWS_AS((void)d.map("nothing"), Error);
}

TEST_CASE("uio: a second driver is refused with the holder's PID, observers are not") {
  FakeUio f;
  f.device(0, "rtc", {{"regs", "0x10070000", "0x1000"}});
  auto first = uio::Device::open("rtc", {uio::Access::exclusive, f.paths});
  CHECK(fs::exists(f.paths.run + "/uio0.pid"));
  try {
    (void)uio::Device::open("rtc", {uio::Access::exclusive, f.paths});
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::busy);
    const std::string msg = e.what();
    CHECK(msg.find("/dev/uio0 is in use by PID " + std::to_string(::getpid())) != std::string::npos);
  }
  auto observer = uio::Device::open("rtc", {uio::Access::shared_read_only, f.paths});
  CHECK(observer.read_only());
  auto r = observer.map(0u);
  CHECK_FALSE(r.writable());
  CHECK_THROWS_AS(observer.irq(), Error);

  // The lock goes with the driver; the record too.
  first = uio::Device::open("rtc", {uio::Access::shared_read_only, f.paths});
  CHECK_FALSE(fs::exists(f.paths.run + "/uio0.pid"));
  auto second = uio::Device::open("rtc", {uio::Access::exclusive, f.paths});
  CHECK_FALSE(second.read_only());
}

TEST_CASE("uio: a busy device with a stale record says 'another process'") {
  FakeUio f;
  f.device(0, "rtc", {{"regs", "0x10070000", "0x1000"}});
  auto first = uio::Device::open("rtc", {uio::Access::exclusive, f.paths});
  FakeUio::put(f.paths.run + "/uio0.pid", "999999999\n");  // no such process
  try {
    (void)uio::Device::open("rtc", {uio::Access::exclusive, f.paths});
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("in use by another process") != std::string::npos);
  }
}

TEST_CASE("uio: interrupt counts are deltas of the kernel's wrapping 32-bit count") {
  // A FIFO stands in for /dev/uioN's read side: each 4-byte write is a count the "kernel"
  // reports; sysfs event (7) is the count before we opened.
  FakeUio f;
  f.device(0, "tick", {});
  const std::string dev = f.paths.dev + "/uio0";
  fs::remove(dev);
  REQUIRE(::mkfifo(dev.c_str(), 0600) == 0);
  auto d = uio::Device::open("tick", {uio::Access::exclusive, f.paths});
  const int kernel = ::open(dev.c_str(), O_WRONLY | O_CLOEXEC);
  REQUIRE(kernel >= 0);
  auto& irq = d.irq();
  CHECK_FALSE(irq.wait(std::chrono::milliseconds(10)).has_value());  // nothing pending: timeout

  auto post = [&](std::uint32_t count) { REQUIRE(::write(kernel, &count, sizeof count) == sizeof count); };
  post(8);
  auto ev = irq.wait(std::chrono::milliseconds(1000));
  REQUIRE(ev);
  CHECK(ev->count == 1);
  CHECK(ev->missed() == 0);
  post(12);
  ev = irq.wait();
  REQUIRE(ev);
  CHECK(ev->count == 4);
  CHECK(ev->missed() == 3);
  CHECK(ev->total == 5);
  post(0xfffffffeu);
  (void)irq.consume();
  post(1);  // wrapped: 0xfffffffe -> 0xffffffff -> 0 -> 1
  CHECK(irq.consume().count == 3);
  CHECK(irq.describe() == "uio0 (tick)");
  ::close(kernel);
}
