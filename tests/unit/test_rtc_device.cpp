// SPDX-License-Identifier: MIT
// s3c2410_rtc: RtcDevice over a fake UIO tree (a regular file stands in for /dev/uioN, as in
// test_uio.cpp): found by name, driven through the mapping, and exclusive (a second driver gets
// "busy", exit status 75).
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "uiokit/backend/map_fd.hpp"
#include "uiokit/s3c2410_rtc/device.hpp"
#include "uiokit/rtc/failure.hpp"

namespace fs = std::filesystem;
using namespace uiokit::s3c_rtc;

namespace {
struct FakeRtcUio {
  fs::path root;
  uiokit::uio::Paths paths;
  FakeRtcUio() {
    std::string tmpl = (fs::temp_directory_path() / "uiokit-rtc-XXXXXX").string();
    root = ::mkdtemp(tmpl.data());
    paths.sysfs = (root / "class/uio").string();
    paths.dev = (root / "dev").string();
    paths.run = (root / "run").string();
    const fs::path d = fs::path(paths.sysfs) / "uio2";
    auto put = [](const fs::path& p, const std::string& text) {
      fs::create_directories(p.parent_path());
      std::ofstream(p) << text;
    };
    put(d / "name", "rtc\n");
    put(d / "version", "1\n");
    put(d / "event", "0\n");
    put(d / "maps/map0/name", "regs\n");
    put(d / "maps/map0/addr", "0x10070000\n");
    put(d / "maps/map0/size", "0x1000\n");
    put(d / "maps/map0/offset", "0x0\n");
    fs::create_directories(paths.dev);
    std::ofstream(fs::path(paths.dev) / "uio2").close();
    fs::resize_file(fs::path(paths.dev) / "uio2", 2 * uiokit::page_size());
  }
  ~FakeRtcUio() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};
}  // namespace

TEST_CASE("rtc device: found by UIO name, set and read through the mapping, exclusive") {
  FakeRtcUio f;
  Selector sel;
  sel.address = uiokit::parse_address("uio:rtc");
  sel.open.sysfs_root = (f.root).string();
  sel.open.dev_root = f.paths.dev;
  sel.open.run_dir = f.paths.run;
  {
    RtcDevice dev = RtcDevice::open(sel);
    CHECK(dev.variant() == Variant::s3c6410);
    CHECK(dev.describe().find("uio2 (rtc)") != std::string::npos);
    CHECK(dev.irq() != nullptr);
    const DateTime t{2026, 11, 22, 3, 40, 5};
    CHECK(dev.rtc().set_time(t) == t);  // plain memory holds what is written

    try {
      (void)RtcDevice::open(sel);
      FAIL("a second driver opened the RTC");
    } catch (const uiokit::Error& e) {
      CHECK(exit_status(classify(e)) == 75);
    }
  }
  RtcDevice again = RtcDevice::open(sel);  // released with the first
  CHECK(again.rtc().read_time() == DateTime{2026, 11, 22, 3, 40, 5});

  sel.address = uiokit::parse_address("uio:nope");
  try {
    (void)RtcDevice::open(sel);
    FAIL("opened a missing device");
  } catch (const uiokit::Error& e) {
    CHECK(exit_status(classify(e)) == 66);
  }
}
