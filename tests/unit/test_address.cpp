// SPDX-License-Identifier: MIT
// The device-address syntax (uiokit/address/address.hpp) and opening file:/mem:/uio: addresses.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "uiokit/address/address.hpp"
#include "uiokit/address/open.hpp"

using namespace uiokit;
using S = DeviceAddress::Scheme;

namespace {
// Each input prints as the canonical spelling written beside it, and that spelling parses back
// to the same place.
template <std::size_t N>
void check_spellings(const std::pair<const char*, const char*> (&spellings)[N]) {
  for (const auto& [in, canonical] : spellings) {
    CAPTURE(in);
    const auto a = parse_address(in);
    CHECK(to_string(a) == canonical);
    CHECK(same_place(parse_address(canonical), a));
  }
}
}  // namespace

TEST_CASE("address: every scheme parses and prints back") {
  auto a = parse_address("uio:rtc");
  CHECK(a.scheme == S::uio);
  CHECK(a.uio_device == "rtc");
  CHECK(a.uio_map.empty());
  a = parse_address("uio:0:map1");
  CHECK(a.uio_device == "0");
  CHECK(a.uio_map == "1");
  CHECK(parse_address("uio:uio2").uio_device == "2");
  CHECK(parse_address("uio:clcd:vram").uio_map == "vram");

  a = parse_address("pci:0000:00:03.0:bar2");
  CHECK(a.scheme == S::pci);
  CHECK(a.pci.bdf == "0000:00:03.0");
  CHECK(a.bar == 2);
  CHECK(parse_address("pci:00:03.0").pci.bdf == "0000:00:03.0");
  a = parse_address("pci:1234:11e8:bar0");
  CHECK(a.pci.vendor == 0x1234);
  CHECK(a.pci.device == 0x11e8);
  CHECK(parse_address("vfio:1234:1111#1:bar2").pci.index == 1);
  CHECK(parse_address("vfio:1234:1111#1:bar2").scheme == S::vfio);

  a = parse_address("dt:/soc/rtc@10070000");
  CHECK(a.scheme == S::dt);
  CHECK(a.dt_selector == "/soc/rtc@10070000");
  a = parse_address("dt:compatible=samsung,s3c6410-rtc#1:reg1:mem");
  CHECK(a.dt_selector == "compatible=samsung,s3c6410-rtc");
  CHECK(a.dt_index == 1);
  CHECK(a.dt_reg == 1);
  CHECK(a.via == DeviceAddress::Via::mem);
  CHECK(parse_address("dt:/bus@40000000/motherboard-bus@40000000/iofpga@7,00000000/rtc@17000").dt_selector ==
        "/bus@40000000/motherboard-bus@40000000/iofpga@7,00000000/rtc@17000");

  a = parse_address("mem:0xfed00000+0x1000");
  CHECK(a.scheme == S::mem);
  CHECK(a.offset == 0xfed00000);
  CHECK(a.size == 0x1000);
  CHECK(parse_address("mem:0x10000000+4K").size == 4096);

  a = parse_address("file:/tmp/a+b/regs.bin+0x100+64");
  CHECK(a.path == "/tmp/a+b/regs.bin");
  CHECK(a.offset == 0x100);
  CHECK(a.size == 64);
  CHECK(parse_address("file:/x").offset == 0);

  // Canonical spellings print back exactly; other spellings print as their canonical form.
  const std::pair<const char*, const char*> spellings[] = {
      {"uio:rtc", "uio:rtc"},
      {"uio:0:map1", "uio:0:map1"},
      {"uio:clcd:vram", "uio:clcd:vram"},
      {"uio:uio2", "uio:2"},
      {"uio:rtc:1", "uio:rtc:map1"},
      {"uio:testdev:port1", "uio:testdev:port1"},
      {"uio:uio0:port01", "uio:0:port1"},
      {"vfio:1b36:0005:bar1", "vfio:1b36:0005:bar1"},
      {"pci:0000:00:03.0:bar2", "pci:0000:00:03.0:bar2"},
      {"pci:00:03.0", "pci:0000:00:03.0:bar0"},
      {"pci:1234:11e8:bar0", "pci:1234:11e8:bar0"},
      {"vfio:1234:1111#1:bar2", "vfio:1234:1111#1:bar2"},
      {"vfio:1234:1111#0:bar2", "vfio:1234:1111#0:bar2"},  // a chosen #0 is not "any"
      {"dt:/soc/rtc@10070000", "dt:/soc/rtc@10070000"},
      {"dt:compatible=arm,pl111#1:reg1:uio", "dt:compatible=arm,pl111#1:reg1:uio"},
      {"dt:compatible=arm,pl111#0", "dt:compatible=arm,pl111#0"},
      {"dt:compatible=samsung,s3c6410-rtc#1:reg1:mem", "dt:compatible=samsung,s3c6410-rtc#1:reg1:mem"},
      {"mem:0xfed00000+0x1000", "mem:0xfed00000+0x1000"},
      {"mem:0x10000000+4K", "mem:0x10000000+0x1000"},
      {"file:/tmp/x+0x10+0x20", "file:/tmp/x+0x10+0x20"},
      {"file:/x", "file:/x"},
  };
  check_spellings(spellings);
}

TEST_CASE("address: malformed input is a parse_error naming what was expected") {
  for (const char* s : {"", "rtc", "nope:1", "uio:", "uio:a:b:c", "pci:zz:zz", "pci:1234:11e8:bar9", "pci:0000:00:03.9",
                        "dt:soc/rtc", "dt:/x:bogus", "dt:compatible=", "mem:", "mem:xyz", "mem:0x10+0", "mem:0xffffffffffffffff+2",
                        "file:", "mem:1+2+3", "uio:testdev:port0:map0"}) {
    CAPTURE(s);
    try {
      parse_address(s);
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(e.code() == Errc::parse_error);
    }
  }
}

// A bare map number is the map's index ("uio:x:00" is map 0, printed "uio:x:map0"); a path
// with '+' in it is printed with both numbers, so "+07" is never read back as the offset.
TEST_CASE("address: a bare map number is the map index, printed canonically") {
  const std::pair<const char*, const char*> spellings[] = {
      {"uio:rtc:00", "uio:rtc:map0"},
      {"uio:rtc:0x1", "uio:rtc:map1"},
      {"uio:rtc:map01", "uio:rtc:map1"},
      {"uio:rtc:909999", "uio:rtc:909999"},  // too large for a map index: a map name
      {"file:re+07+00+00", "file:re+07+0x0+0x0"},
      {"file:a+b", "file:a+b+0x0+0x0"},
  };
  check_spellings(spellings);
  CHECK(parse_address("uio:rtc:00").uio_map == "0");
  CHECK(parse_address("uio:rtc:vram").uio_map == "vram");
  CHECK(parse_address(to_string(parse_address("file:re+07+00+00"))).path == "re+07");
}

TEST_CASE("address: numbers") {
  CHECK(parse_number("0x1f") == 31u);
  CHECK(parse_number("0b101") == 5u);
  CHECK(parse_number("12") == 12u);
  CHECK_FALSE(parse_number("12k"));
  CHECK(parse_number("12k", true) == 12288u);
  CHECK_FALSE(parse_number("0x"));
  CHECK_FALSE(parse_number("99999999999999999999"));
}

TEST_CASE("address: open file: and a fake UIO device") {
  const auto dir = std::filesystem::temp_directory_path() / ("uiokit-addr-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "sys/class/uio/uio0/maps/map0");
  std::filesystem::create_directories(dir / "dev");
  {
    std::ofstream(dir / "regs.bin") << std::string(8192, '\0');
    std::ofstream(dir / "dev/uio0") << std::string(8192, 'A');
    std::ofstream(dir / "sys/class/uio/uio0/name") << "rtc\n";
    std::ofstream(dir / "sys/class/uio/uio0/version") << "1\n";
    std::ofstream(dir / "sys/class/uio/uio0/maps/map0/name") << "regs\n";
    std::ofstream(dir / "sys/class/uio/uio0/maps/map0/addr") << "0x10070000\n";
    std::ofstream(dir / "sys/class/uio/uio0/maps/map0/size") << "0x1000\n";
    std::ofstream(dir / "sys/class/uio/uio0/maps/map0/offset") << "0x0\n";
  }
  auto r = open("file:" + (dir / "regs.bin").string() + "+0x1000+0x100");
  CHECK(r.size() == 0x100);
  r.write<std::uint32_t>(0, 0x12345678);
  auto whole = open("file:" + (dir / "regs.bin").string());
  CHECK(whole.read<std::uint32_t>(0x1000) == 0x12345678);

  OpenOptions o;
  o.sysfs_root = (dir / "sys").string();
  o.dev_root = (dir / "dev").string();
  o.writable = false;
  auto u = open("uio:rtc", o);
  CHECK(u.size() == 0x1000);
  CHECK(u.phys() == 0x10070000u);
  CHECK(u.read<std::uint8_t>(0) == 'A');
  CHECK_THROWS_AS(open("uio:nothing", o), Error);

  // vfio: is wired to the VFIO backend: without /dev/vfio the answer is that backend's error,
  // not "unsupported".
  std::filesystem::create_directories(dir / "sys/bus/pci/devices/0000:00:04.0");
  {
    const auto d = dir / "sys/bus/pci/devices/0000:00:04.0";
    std::ofstream(d / "vendor") << "0x1234\n";
    std::ofstream(d / "device") << "0x11e8\n";
    std::ofstream(d / "class") << "0x00ff00\n";
    std::ofstream(d / "resource") << "0x00000000fea00000 0x00000000feafffff 0x0000000000040200\n";
  }
  try {
    open("vfio:1234:11e8:bar0", o);
    FAIL("opened");
  } catch (const Error& e) {
    CHECK(e.code() != Errc::unsupported);
  }
  CHECK_THROWS_AS(open("vfio:1234:1111", o), Error);  // no such device
  std::filesystem::remove_all(dir);
}

TEST_CASE("address: gdb: a stub over TCP or a Unix socket, then a memory window") {
  auto a = parse_address("gdb:localhost:1234:mem:0x10017000+0x1000");
  CHECK(a.scheme == S::gdb);
  CHECK(a.host == "localhost");
  CHECK(a.port == 1234);
  CHECK(a.path.empty());
  CHECK(a.offset == 0x10017000);
  CHECK(a.size == 0x1000);
  CHECK(to_string(a) == "gdb:localhost:1234:mem:0x10017000+0x1000");

  a = parse_address("gdb:unix:/run/q:emu.sock:mem:268566528+4K");  // a colon in the path
  CHECK(a.path == "/run/q:emu.sock");
  CHECK(a.host.empty());
  CHECK(a.offset == 0x10020000);
  CHECK(to_string(a) == "gdb:unix:/run/q:emu.sock:mem:0x10020000+0x1000");
  CHECK(to_string(parse_address("gdb:[::1]:3333:mem:0")) == "gdb:[::1]:3333:mem:0x0");

  for (const char* bad : {"gdb:", "gdb:localhost:1234", "gdb:localhost:mem:0x0", "gdb:localhost:0:mem:0x0",
                          "gdb:localhost:65536:mem:0x0", "gdb::1234:mem:0x0", "gdb:unix::mem:0x0",
                          "gdb:h:1:mem:", "gdb:h:1:mem:0x1+0", "gdb:h:1:mem:0xffffffffffffffff+2"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_address(bad), Error);
  }
}

TEST_CASE("address: gdb: open() refuses it, open_transport() connects, and a refusal names the stub") {
  CHECK_THROWS_AS(open("gdb:unix:/nonexistent/uiokit.sock:mem:0x0"), Error);
  try {
    (void)open_transport("gdb:unix:/nonexistent/uiokit.sock:mem:0x0");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(std::string(e.what()).find("gdb unix:/nonexistent/uiokit.sock: connect") != std::string::npos);
  }
  try {
    (void)open_transport("gdb:127.0.0.1:1:mem:0x0");  // nothing listens on port 1
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::open_failed);
    CHECK(std::string(e.what()).find("gdb 127.0.0.1:1: connect: Connection refused") != std::string::npos);
  }
}

TEST_CASE("address: open_local_transport() refuses gdb: by name and opens a local scheme as open_transport() does") {
  try {
    (void)open_local_transport(parse_address("gdb:127.0.0.1:1:mem:0x0"));
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::unsupported);
    CHECK(std::string(e.what()).find("gdb:127.0.0.1:1:mem:0x0") != std::string::npos);
    CHECK(std::string(e.what()).find("open_transport()") != std::string::npos);
  }
  const auto path = std::filesystem::temp_directory_path() / ("uiokit-local-" + std::to_string(::getpid()));
  std::ofstream(path, std::ios::binary) << std::string("\x78\x56\x34\x12\xef\xbe\xad\xde", 8);
  const auto local = open_local_transport(parse_address("file:" + path.string()));
  const auto full = open_transport("file:" + path.string());
  CHECK(local->load(4, 4) == 0xdeadbeefu);
  CHECK(local->load(0, 4) == full->load(0, 4));
  CHECK(local->size() == full->size());
  std::filesystem::remove(path);
}

TEST_CASE("address: PCI IDs matching several devices need #N") {
  std::vector<sysfs::PciDevice> devs(3);
  devs[0].bdf = "0000:00:02.0", devs[0].vendor = 0x1234, devs[0].device = 0x1111;
  devs[1].bdf = "0000:00:03.0", devs[1].vendor = 0x1234, devs[1].device = 0x11e8;
  devs[2].bdf = "0000:00:04.0", devs[2].vendor = 0x1234, devs[2].device = 0x11e8;
  // One match needs no number.
  CHECK(select_pci(devs, parse_address("pci:1234:1111:bar0")).bdf == "0000:00:02.0");
  // Two edu cards: without #N neither is taken; the refusal lists both with their numbers.
  try {
    select_pci(devs, parse_address("vfio:1234:11e8:bar0"));
    FAIL("ambiguous IDs accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid_argument);
    CHECK(std::string(e.what()).find("2 PCI devices match (0000:00:03.0 #0, 0000:00:04.0 #1): add #N") != std::string::npos);
  }
  CHECK(select_pci(devs, parse_address("vfio:1234:11e8#1:bar0")).bdf == "0000:00:04.0");
  CHECK(select_pci(devs, parse_address("vfio:1234:11e8#0:bar0")).bdf == "0000:00:03.0");
  CHECK_THROWS_WITH_AS(select_pci(devs, parse_address("vfio:1234:11e8#2:bar0")), doctest::Contains("no #2"), Error);
  CHECK_THROWS_WITH_AS(select_pci(devs, parse_address("pci:1234:5678:bar0")), doctest::Contains("no such PCI device"), Error);
}
