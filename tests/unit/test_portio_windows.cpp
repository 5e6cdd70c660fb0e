// SPDX-License-Identifier: MIT
// The port transports that need no port (uiokit/portio/pread.hpp, uiokit/address/open.hpp):
// PreadTransport over a file and a pipe (what a VFIO I/O BAR region and a sysfs resourceK file
// are to it), pci: I/O BARs of a fake sysfs tree opened through open_transport(), the address
// forms of UIO port regions and their sysfs description.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "uiokit/address/open.hpp"
#include "uiokit/portio/pread.hpp"
#include "uiokit/uio/uio.hpp"

using namespace uiokit;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("uiokit-portio-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  void put(const fs::path& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << text;
  }
};

std::string error_of(auto&& f) {
  try {
    f();
  } catch (const Error& e) {
    return std::string(to_string(e.code())) + ": " + e.what();
  }
  return "";
}

// A fake PCI function 0000:00:04.0 (1b36:0005) with a memory BAR0 and an I/O BAR1 of 256 ports
// at 0xc000, and BAR2 whose flags are neither memory nor I/O.
void fake_testdev(const TempDir& t) {
  const fs::path d = "sys/bus/pci/devices/0000:00:04.0";
  t.put(d / "vendor", "0x1b36\n");
  t.put(d / "device", "0x0005\n");
  t.put(d / "class", "0x00ff00\n");
  t.put(d / "resource",
        "0x00000000fe000000 0x00000000fe000fff 0x0000000000040200\n"
        "0x000000000000c000 0x000000000000c0ff 0x0000000000040101\n"
        "0x00000000fd000000 0x00000000fd000fff 0x0000000000001000\n");
  std::string ports(256, '\0');
  for (unsigned i = 0; i < 256; ++i) ports[i] = static_cast<char>(i);
  t.put(d / "resource1", ports);
}

}  // namespace

TEST_CASE("pread transport: one pread/pwrite of the access's width at base + offset, little-endian") {
  TempDir t;
  t.put("region", std::string(0x40, '\0') + "\x01\x02\x03\x04\x05\x06\x07\x08" + std::string(0x38, '\0'));
  const int fd = ::open((t.path / "region").c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(fd >= 0);
  PreadTransport::Window w;
  w.fd = fd;
  w.base = 0x40;
  w.size = 0x40;
  w.address = 0xc000;
  PreadTransport p(w, "vfio 0000:00:04.0 BAR1", PreadTransport::own_fd(fd));
  CHECK(p.size() == 0x40);
  CHECK(p.address() == 0xc000u);
  CHECK(p.widths() == (1u | 2u | 4u));
  CHECK(p.read(0, 1) == 0x01);
  CHECK(p.read(0, 2) == 0x0201);
  CHECK(p.read(4, 4) == 0x08070605);
  p.write(2, 2, 0xbeef);
  CHECK(p.read(0, 4) == 0xbeef0201);
  char raw[4] = {};
  REQUIRE(::pread(fd, raw, 4, 0x40) == 4);  // the bytes went to base + offset, low byte first
  CHECK(std::string(raw, 4) == std::string("\x01\x02\xef\xbe", 4));

  // The widths it cannot do, and offsets past the window, are refused naming it.
  CHECK(error_of([&] { (void)p.read(0, 8); }) ==
        "bad_width: vfio 0000:00:04.0 BAR1: 64-bit access at offset 0x0: this transport does 8, 16 and 32-bit accesses only");
  CHECK(error_of([&] { (void)p.load(0, 8); }) ==
        "bad_width: vfio 0000:00:04.0 BAR1: 64-bit read at offset 0x0: this transport does 8, 16 and 32-bit accesses only");
  CHECK(error_of([&] { p.store(0, 8, 0); }).rfind("bad_width: vfio 0000:00:04.0 BAR1: 64-bit write", 0) == 0);
  CHECK(error_of([&] { (void)p.read(0x3e, 4); }).rfind("out_of_range: vfio 0000:00:04.0 BAR1", 0) == 0);
  CHECK(error_of([&] { p.write(0, 1, 0x100); }).rfind("invalid_argument: vfio 0000:00:04.0 BAR1", 0) == 0);

  // A short transfer (the file ends inside the window) is io_failed at that offset.
  fs::resize_file(t.path / "region", 0x42);
  CHECK(error_of([&] { (void)p.read(0, 4); }) == "io_failed: vfio 0000:00:04.0 BAR1: 32-bit pread at 0x0: Input/output error");
}

TEST_CASE("pread transport: a file descriptor that cannot pread (a pipe) fails each access with its errno") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  PreadTransport::Window w;
  w.fd = fds[0];
  w.size = 4;
  PreadTransport p(w, "pipe", PreadTransport::own_fd(fds[0]));
  ::close(fds[1]);
  CHECK(error_of([&] { (void)p.read(0, 1); }) == "io_failed: pipe: 8-bit pread at 0x0: Illegal seek");
  CHECK(error_of([&] { p.write(0, 1, 1); }) == "io_failed: pipe: 8-bit pwrite at 0x0: Illegal seek");
  CHECK_THROWS_AS(PreadTransport(PreadTransport::Window{}, "none"), Error);
}

TEST_CASE("pci: an I/O BAR opens as a pread transport, mapping it, or a BAR that is neither, is refused") {
  TempDir t;
  fake_testdev(t);
  OpenOptions o;
  o.sysfs_root = (t.path / "sys").string();
  auto tr = open_transport("pci:1b36:0005:bar1", o);
  const std::string where = "pci 0000:00:04.0 BAR1 (I/O ports 0xc000+0x100) via " + o.sysfs_root +
                            "/bus/pci/devices/0000:00:04.0/resource1";
  CHECK(tr->describe() == where);
  CHECK(tr->size() == 0x100);
  CHECK(tr->address() == 0xc000u);
  CHECK(tr->read(0x10, 4) == 0x13121110);
  tr->write(0x83, 1, 0xfa);
  CHECK(tr->read(0x80, 4) == 0xfa828180u);  // the byte went to offset 0x83 of resource1
  CHECK(error_of([&] { (void)tr->read(0, 8); }) ==
        "bad_width: " + where + ": 64-bit access at offset 0x0: this transport does 8, 16 and 32-bit accesses only");
  CHECK(error_of([&] { (void)tr->read(0xfe, 4); }).rfind("out_of_range: " + where, 0) == 0);

  CHECK(error_of([&] { (void)open("pci:1b36:0005:bar1", o); }) ==
        "unsupported: pci:1b36:0005:bar1: BAR 1 is an I/O port BAR, which cannot be mapped (open it with open_transport() "
        "(uiokit reg does): the ports are read and written with pread/pwrite)");
  CHECK(error_of([&] { (void)open_transport("pci:1b36:0005:bar2", o); }) ==
        "unsupported: pci:1b36:0005:bar2: BAR 2 of 0000:00:04.0 is neither memory nor I/O ports (resource flags 0x1000)");
  CHECK(error_of([&] { (void)open_transport("pci:1b36:0005:bar3", o); }) ==
        "not_found: pci:1b36:0005:bar3: 0000:00:04.0 has no BAR 3");
  CHECK(exit_status(Errc::unsupported) == 69);
  // A memory BAR is still a mapping (open_ports has nothing to say about it).
  CHECK(open_ports(parse_address("pci:1b36:0005:bar0"), o) == nullptr);
  // Read-only: writes refused before the file is touched.
  o.writable = false;
  auto ro = open_transport("pci:1b36:0005:bar1", o);
  CHECK_FALSE(ro->writable());
  CHECK(error_of([&] { ro->write(0, 1, 0); }).rfind("permission_denied: " + where, 0) == 0);
}

TEST_CASE("uio: port regions: uio:NAME:portK, their sysfs description, and what open refuses") {
  auto a = parse_address("uio:testdev:port1");
  CHECK(a.uio_port == 1u);
  CHECK(a.uio_map.empty());
  CHECK(to_string(a) == "uio:testdev:port1");
  CHECK(to_string(parse_address("uio:uio3:port0x2")) == "uio:3:port2");
  CHECK_FALSE(same_place(parse_address("uio:x:port0"), parse_address("uio:x:map0")));
  CHECK(parse_address("uio:x:portal").uio_map == "portal");  // a map name, not a port index

  TempDir t;
  const fs::path u = "sys/class/uio/uio0";
  t.put(u / "name", "testdev\n");
  t.put(u / "version", "1\n");
  t.put(u / "portio/port0/name", "testdev\n");
  t.put(u / "portio/port0/start", "0xc000\n");
  t.put(u / "portio/port0/size", "0x100\n");
  t.put(u / "portio/port0/porttype", "port_x86\n");
  t.put(u / "portio/port1/name", "gpio\n");
  t.put(u / "portio/port1/start", "0x10\n");
  t.put(u / "portio/port1/size", "0x8\n");
  t.put(u / "portio/port1/porttype", "port_gpio\n");
  t.put("dev/uio0", "");
  uio::Paths paths{(t.path / "sys/class/uio").string(), (t.path / "dev").string(), (t.path / "run").string()};
  const auto info = uio::find("testdev", paths);
  REQUIRE(info.ports.size() == 2);
  CHECK(info.port(0).start == 0xc000u);
  CHECK(info.port(0).size == 0x100u);
  CHECK(info.port(0).porttype == "port_x86");
  CHECK(info.port(1).name == "gpio");
  CHECK(error_of([&] { (void)info.port(4); }).find("its port regions are 0 (testdev) 1 (gpio)") != std::string::npos);

  OpenOptions o;
  o.sysfs_root = (t.path / "sys").string();
  o.dev_root = (t.path / "dev").string();
  o.run_dir = (t.path / "run").string();
  o.writable = false;
  CHECK(error_of([&] { (void)open("uio:testdev:port0", o); }) ==
        "unsupported: uio:testdev:port0: I/O ports cannot be mapped (open them with open_transport())");
  CHECK(error_of([&] { (void)open_transport("uio:testdev:port1", o); }) ==
        "unsupported: uio:testdev:port1 (" + o.dev_root +
            "/uio0 portio/port1 'gpio', ports 0x10+0x8): port region of type 'port_gpio' (only x86 I/O ports "
            "(port_x86) can be reached from userspace)");
  CHECK(error_of([&] { (void)open_transport("uio:testdev:port3", o); }).rfind("not_found: ", 0) == 0);
}
