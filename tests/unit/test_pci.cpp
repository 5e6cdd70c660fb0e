// SPDX-License-Identifier: MIT
// PCI addresses, filters, libpci discovery and driver binding on a fake sysfs tree.
#ifdef UIOKIT_HAVE_LIBPCI
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "uiokit/pci/bind.hpp"
#include "uiokit/pci/device.hpp"
#include "uiokit/pci/discover.hpp"
#include "uiokit/address/sysfs.hpp"

namespace fs = std::filesystem;
using namespace uiokit;
using uiokit::pci::Address;

namespace {

void put(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

// A temporary /sys (and /proc, /dev, state dir) with PCI functions in it.
struct FakeTree {
  fs::path top = fs::temp_directory_path() / ("uiokit-pci-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
  fs::path sys = top / "sys";
  FakeTree() { fs::create_directories(sys / "bus/pci/devices"); }
  ~FakeTree() { fs::remove_all(top); }
  static int& counter() {
    static int n = 0;
    return n;
  }

  fs::path add(const std::string& bdf, const std::string& vendor, const std::string& device, const std::string& cls,
               std::optional<std::string> driver = {}, std::optional<unsigned> group = {}) {
    const auto real = sys / "devices/pci0000:00" / bdf;
    fs::create_directories(real);
    put(real / "vendor", "0x" + vendor + "\n");
    put(real / "device", "0x" + device + "\n");
    put(real / "class", "0x" + cls + "\n");
    put(real / "subsystem_vendor", "0x1af4\n");
    put(real / "subsystem_device", "0x1100\n");
    put(real / "irq", "10\n");
    put(real / "resource",
        "0x00000000fea00000 0x00000000feafffff 0x0000000000040200\n"
        "0x0000000000000000 0x0000000000000000 0x0000000000000000\n");
    std::string cfg(64, '\0');
    cfg[0] = static_cast<char>(std::stoul(vendor, nullptr, 16) & 0xff);
    cfg[1] = static_cast<char>(std::stoul(vendor, nullptr, 16) >> 8);
    put(real / "config", cfg);
    put(real / "driver_override", "(null)\n");
    fs::create_directory_symlink(real, sys / "bus/pci/devices" / bdf);
    if (driver) set_driver(bdf, *driver);
    if (group) {
      fs::create_directories(sys / "kernel/iommu_groups" / std::to_string(*group) / "devices");
      fs::create_directory_symlink(sys / "kernel/iommu_groups" / std::to_string(*group), real / "iommu_group");
      fs::create_directory_symlink(real, sys / "kernel/iommu_groups" / std::to_string(*group) / "devices" / bdf);
    }
    return real;
  }
  void add_driver(const std::string& name) { fs::create_directories(sys / "bus/pci/drivers" / name); }
  void set_driver(const std::string& bdf, std::optional<std::string> name) {
    const auto link = sys / "bus/pci/devices" / bdf / "driver";
    fs::remove(link);
    if (name) {
      add_driver(*name);
      fs::create_directory_symlink(sys / "bus/pci/drivers" / *name, link);
    }
  }
  pci::BindOptions bind_options() {
    pci::BindOptions o;
    o.sysfs.root = sys;
    o.proc = top / "proc";
    o.dev = top / "dev";
    o.state_dir = top / "state";
    fs::create_directories(o.proc);
    return o;
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream f(p);
  std::string s;
  std::getline(f, s);
  return s;
}

}  // namespace

TEST_CASE("pci: addresses parse in long and short form and print in sysfs form") {
  CHECK(Address::parse("0000:00:03.0").str() == "0000:00:03.0");
  CHECK(Address::parse("00:1f.7").str() == "0000:00:1f.7");
  CHECK(Address::parse("10000:af:1f.7").domain == 0x10000);
  for (const char* bad : {"", "00:03", "00:20.0", "00:03.8", "0:3:3:3.0", "zz:00.0", "00:03.0x"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(Address::parse(bad), Error);
  }
  CHECK(Address::parse("00:03.0") < Address::parse("00:03.1"));
}

TEST_CASE("pci: filters by ID and class, with masks") {
  pci::Filter f;
  f.set_id("1234:11e8");
  CHECK(f.vendor == 0x1234);
  CHECK(f.device == 0x11e8);
  f.set_id(":11e8");
  CHECK_FALSE(f.vendor);
  f.set_class("0x0380");
  CHECK(f.device_class == 0x0380);
  CHECK(f.class_mask == 0xffff);
  f.set_class("0x03");
  CHECK(f.device_class == 0x0300);
  CHECK(f.class_mask == 0xff00);
  f.set_class("0x0300/0xff00");
  CHECK(f.class_mask == 0xff00);
  pci::DeviceInfo d;
  d.device = 0x11e8;
  d.device_class = 0x0380;
  CHECK(f.matches(d));
  try {
    f.set_id("12345:1");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid_argument);
    CHECK(std::string(e.what()).find("12345:1") != std::string::npos);
  }
  CHECK_THROWS_AS(f.set_id("1234"), Error);
  CHECK_THROWS_AS(f.set_class("0xg0"), Error);
}

TEST_CASE("pci: libpci lists a fake tree with drivers, groups and names") {
  FakeTree t;
  t.add("0000:00:03.0", "1234", "11e8", "00ff00", std::string("vfio-pci"), 3u);
  t.add("0000:00:02.0", "1234", "1111", "038000");
  put(t.top / "pci.ids", "1234  Technical Corp.\n\t11e8  edu test device\nC 03  Display controller\n\t80  Display controller\n");
  pci::DiscoverOptions o;
  o.sysfs.root = t.sys;
  o.ids_path = (t.top / "pci.ids").string();
  auto all = pci::list({}, o);
  REQUIRE(all.size() == 2);
  CHECK(all[0].address.str() == "0000:00:02.0");
  CHECK(all[0].device_class == 0x0380);
  CHECK_FALSE(all[0].driver);
  CHECK_FALSE(all[0].iommu_group);
  CHECK(all[0].class_name == "Display controller");
  CHECK(all[1].vendor == 0x1234);
  CHECK(all[1].device == 0x11e8);
  CHECK(all[1].subsystem_vendor == 0x1af4);
  CHECK(all[1].driver == "vfio-pci");
  CHECK(all[1].iommu_group == 3u);
  CHECK(all[1].vendor_name == "Technical Corp.");
  CHECK(all[1].device_name == "edu test device");

  pci::Filter f;
  f.set_class("0x03");
  auto displays = pci::list(f, o);
  REQUIRE(displays.size() == 1);
  CHECK(displays[0].device == 0x1111);

  SUBCASE("without an ID database the names are empty and nothing fails") {
    o.ids_path = (t.top / "missing.ids").string();
    auto plain = pci::list({}, o);
    REQUIRE(plain.size() == 2);
    CHECK(plain[1].vendor_name.empty());
    CHECK(plain[1].device == 0x11e8);
  }
}

TEST_CASE("pci: sysfs alone lists the functions with IDs, class, driver and group, without names") {
  FakeTree t;
  t.add("0000:00:03.0", "1234", "11e8", "00ff00", std::string("vfio-pci"), 3u);
  t.add("0000:00:02.0", "1234", "1111", "038001");
  fs::create_directories(t.sys / "bus/pci/devices/not-a-function");
  pci::Sysfs s;
  s.root = t.sys;
  auto all = pci::list_sysfs({}, s);
  REQUIRE(all.size() == 2);
  CHECK(all[0].address.str() == "0000:00:02.0");
  CHECK(all[0].device_class == 0x0380);
  CHECK(all[0].prog_if == 0x01);
  CHECK_FALSE(all[0].driver);
  CHECK_FALSE(all[0].iommu_group);
  CHECK(all[1].device == 0x11e8);
  CHECK(all[1].subsystem_vendor == 0x1af4);
  CHECK(all[1].subsystem_device == 0x1100);
  CHECK(all[1].driver == "vfio-pci");
  CHECK(all[1].iommu_group == 3u);
  CHECK(all[1].vendor_name.empty());
  pci::Filter f;
  f.set_id("1234:11e8");
  auto edu = pci::list_sysfs(f, s);
  REQUIRE(edu.size() == 1);
  CHECK(edu[0].address.str() == "0000:00:03.0");
  s.root = t.top / "missing";
  CHECK_THROWS_AS(pci::list_sysfs({}, s), Error);
}

TEST_CASE("pci: the sysfs listing reads each device's BARs, leaving out empty and unreadable lines") {
  FakeTree t;
  const auto real = t.add("0000:00:03.0", "1234", "11e8", "00ff00", std::string("uio_pci_generic"), 7u);
  put(real / "resource",
      "0x00000000fea00000 0x00000000feafffff 0x0000000000040200\n"
      "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
      "not a resource line\n"
      "0x000000000000c000 0x000000000000c01f 0x0000000000040101\n");
  t.add("0000:00:02.0", "1234", "1111", "030000");
  const auto devs = sysfs::list_pci(t.sys.string());
  REQUIRE(devs.size() == 2);
  CHECK(devs[0].bdf == "0000:00:02.0");
  const auto& d = devs[1];
  CHECK(d.vendor == 0x1234);
  CHECK(d.device == 0x11e8);
  CHECK(d.driver == "uio_pci_generic");
  CHECK(d.iommu_group == "7");
  REQUIRE(d.bars.size() == 2);
  CHECK(d.bars[0].index == 0);
  CHECK(d.bars[0].start == 0xfea00000);
  CHECK(d.bars[0].size == 0x100000);
  CHECK(d.bars[0].mem());
  CHECK(d.bars[1].index == 3);
  CHECK(d.bars[1].size == 0x20);
  CHECK(d.bars[1].io());
}

TEST_CASE("pci: resource files parse into BARs, a missing BAR is named") {
  auto bars = pci::parse_resources("0x00000000fea00000 0x00000000feafffff 0x0000000000040200\n"
                                   "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
                                   "0x000000000000c000 0x000000000000c01f 0x0000000000040101\n",
                                   "resource");
  REQUIRE(bars.size() == 3);
  CHECK(bars[0].size() == 0x100000);
  CHECK(bars[0].memory());
  CHECK_FALSE(bars[1].present());
  CHECK(bars[2].io());
  CHECK_THROWS_AS(pci::parse_resources("garbage\n", "resource"), Error);

  FakeTree t;
  t.add("0000:00:03.0", "1234", "11e8", "00ff00");
  pci::SysfsDevice dev(Address::parse("0000:00:03.0"), pci::Sysfs{t.sys});
  CHECK(dev.config_read(0, 2) == 0x1234);
  CHECK_THROWS_AS(dev.config_read(1, 2), Error);
  CHECK_THROWS_AS(dev.config_read(0, 3), Error);
  try {
    dev.bar(1);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(std::string(e.what()).find("BAR 1") != std::string::npos);
  }
  try {
    pci::SysfsDevice missing(Address::parse("0000:00:09.0"), pci::Sysfs{t.sys});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(std::string(e.what()).find("0000:00:09.0") != std::string::npos);
  }
}

TEST_CASE("pci: a BAR mapped through a resource file reads all-ones after the sysfs device goes") {
  FakeTree t;
  const auto real = t.add("0000:00:03.0", "1234", "11e8", "00ff00");
  put(real / "resource0", std::string(4096, '\x11'));
  pci::SysfsDevice dev(Address::parse("0000:00:03.0"), pci::Sysfs{t.sys});
  auto& bar = dev.bar(0);
  CHECK(bar.size() == 4096);
  CHECK(bar.phys() == 0xfea00000u);
  CHECK(bar.read<std::uint32_t>(0) == 0x11111111u);
  // A file truncated under a mapping raises SIGBUS on access, as a revoked BAR does.
  fs::resize_file(real / "resource0", 0);
  CHECK(bar.read<std::uint32_t>(0) == 0xffffffffu);
  CHECK(bar.removed());
  CHECK(pci::removal_faults() >= 1);
  CHECK_THROWS_AS(pci::check_present(bar, 0xffffffff, 4, "ident"), Error);
  fs::remove(t.sys / "bus/pci/devices/0000:00:03.0");
  CHECK_FALSE(dev.check_present());
}

TEST_CASE("pci: bar_wc maps resourceN_wc where the kernel has one, resourceN where not") {
  FakeTree t;
  const auto real = t.add("0000:00:03.0", "1234", "1111", "038000");
  put(real / "resource0", std::string(4096, '\x11'));
  pci::SysfsDevice plain(Address::parse("0000:00:03.0"), pci::Sysfs{t.sys});
  CHECK(plain.bar_wc(0).read<std::uint32_t>(0) == 0x11111111u);  // no resource0_wc: resource0
  put(real / "resource0_wc", std::string(4096, '\x22'));
  pci::SysfsDevice dev(Address::parse("0000:00:03.0"), pci::Sysfs{t.sys});
  auto& wc = dev.bar_wc(0);
  CHECK(wc.read<std::uint32_t>(0) == 0x22222222u);
  CHECK(wc.phys() == 0xfea00000u);
  CHECK(dev.bar(0).read<std::uint32_t>(0) == 0x11111111u);  // both mappings, each its own
  CHECK(&dev.bar_wc(0) == &wc);
  CHECK_THROWS_AS(dev.bar_wc(1), Error);
}

TEST_CASE("pci: bind goes through driver_override, unbind and drivers_probe, and restore undoes it") {
  FakeTree t;
  t.add("0000:00:03.0", "1234", "11e8", "00ff00", std::string("e1000e"), 4u);
  t.add_driver("vfio-pci");
  auto o = t.bind_options();
  std::vector<std::string> writes;
  const auto dev = t.sys / "bus/pci/devices/0000:00:03.0";
  // The kernel's part: drivers_probe binds to the override, X/bind binds to X, X/unbind unbinds.
  o.after_write = [&](const fs::path& attr, const std::string& value) {
    writes.push_back(attr.filename().string() + "=" + (value == "\n" ? std::string("<clear>") : value));
    if (attr.filename() == "unbind") t.set_driver("0000:00:03.0", std::nullopt);
    if (attr.filename() == "bind") t.set_driver("0000:00:03.0", attr.parent_path().filename().string());
    if (attr.filename() == "drivers_probe") {
      const auto ov = slurp(dev / "driver_override");
      if (!ov.empty() && ov != "(null)") t.set_driver("0000:00:03.0", ov);
    }
  };
  pci::Binder b(o);
  const auto a = Address::parse("0000:00:03.0");
  CHECK(b.bind(a, "vfio-pci") == "e1000e");
  CHECK(pci::bound_driver(o.sysfs, a) == "vfio-pci");
  CHECK(writes == std::vector<std::string>{"driver_override=vfio-pci", "unbind=0000:00:03.0", "drivers_probe=0000:00:03.0"});
  CHECK(b.remembered(a) == "e1000e");
  CHECK(b.bind(a, "vfio-pci") == "vfio-pci");  // already there: a no-op
  writes.clear();
  CHECK(b.restore(a) == "e1000e");
  CHECK(pci::bound_driver(o.sysfs, a) == "e1000e");
  CHECK(writes == std::vector<std::string>{"unbind=0000:00:03.0", "driver_override=<clear>", "bind=0000:00:03.0"});
  CHECK_FALSE(b.remembered(a));
  try {
    b.restore(a);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
  }
}

TEST_CASE("pci: a driver that does not take the device leaves the old binding in place") {
  FakeTree t;
  t.add("0000:00:03.0", "1234", "11e8", "00ff00", std::string("e1000e"));
  t.add_driver("uio_pci_generic");
  auto o = t.bind_options();
  o.after_write = [&](const fs::path& attr, const std::string&) {
    if (attr.filename() == "unbind") t.set_driver("0000:00:03.0", std::nullopt);
    if (attr.filename() == "bind") t.set_driver("0000:00:03.0", attr.parent_path().filename().string());
    // drivers_probe: the driver's probe fails, nothing binds.
  };
  const auto a = Address::parse("0000:00:03.0");
  try {
    pci::Binder(o).bind(a, "uio_pci_generic");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::pci_bind);
    CHECK(std::string(e.what()).find("rebound to e1000e") != std::string::npos);
  }
  CHECK(pci::bound_driver(o.sysfs, a) == "e1000e");
  CHECK(slurp(t.sys / "bus/pci/devices/0000:00:03.0/driver_override").empty());

  try {
    pci::Binder(o).bind(a, "vfio-pci");  // not loaded: refused before anything is written
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(std::string(e.what()).find("modprobe vfio-pci") != std::string::npos);
  }
  CHECK(pci::bound_driver(o.sysfs, a) == "e1000e");
  CHECK_THROWS_AS(pci::Binder(o).bind(Address::parse("0000:00:09.0"), "uio_pci_generic"), Error);
}

TEST_CASE("pci: a device whose VFIO group or UIO node a process holds is not unbound, the PID is named") {
  FakeTree t;
  const auto real = t.add("0000:00:03.0", "1234", "11e8", "00ff00", std::string("vfio-pci"), 7u);
  auto o = t.bind_options();
  fs::create_directories(o.proc / "4242/fd");
  put(o.proc / "4242/comm", "mydriver\n");
  fs::create_symlink(o.dev / "vfio/7", o.proc / "4242/fd/5");
  bool wrote = false;
  o.after_write = [&](const fs::path&, const std::string&) { wrote = true; };
  const auto a = Address::parse("0000:00:03.0");
  pci::Binder b(o);
  REQUIRE(b.holders(a).size() == 1);
  t.add_driver("uio_pci_generic");
  for (auto attempt : {0, 1}) {
    try {
      if (attempt == 0) b.unbind(a);
      else b.bind(a, "uio_pci_generic");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == Errc::busy);
      CHECK(std::string(e.what()).find("PID 4242 (mydriver)") != std::string::npos);
      CHECK(std::string(e.what()).find("vfio/7") != std::string::npos);
    }
  }
  CHECK_FALSE(wrote);
  CHECK(pci::bound_driver(o.sysfs, a) == "vfio-pci");

  // uio_pci_generic: /dev/uioN held.
  fs::create_directories(real / "uio/uio2");
  fs::remove(o.proc / "4242/fd/5");
  fs::create_symlink(o.dev / "uio2", o.proc / "4242/fd/3");
  auto hs = b.holders(a);
  REQUIRE(hs.size() == 1);
  CHECK(hs[0].what == (o.dev / "uio2").string());
}
#endif
