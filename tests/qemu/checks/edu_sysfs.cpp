// SPDX-License-Identifier: MIT
// edu-sysfs ident|liveness: QEMU's edu device (PCI 1234:11e8) through sysfs resource0,
// with no driver bound. ident: ID reads 0x010000ed; liveness: LIVENESS returns ~written. The
// registers are generated from tools/svd/devices/edu.svd.
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <uiokit/backend/file.hpp>
#include <uiokit/region.hpp>

#include "check_util.hpp"
#include "edu_regs/EDU.hpp"

namespace {
namespace fs = std::filesystem;
using edu_regs::EDU;

std::string read_attr(const fs::path& p) {
  std::ifstream in(p);
  std::string s;
  in >> s;
  return s;
}

std::optional<fs::path> find_pci(const std::string& vendor, const std::string& device) {
  for (const auto& dev : fs::directory_iterator("/sys/bus/pci/devices")) {
    if (read_attr(dev.path() / "vendor") == vendor && read_attr(dev.path() / "device") == device) {
      return dev.path();
    }
  }
  return std::nullopt;
}

int ident(uiokit::Region& bar) {
  const auto id = EDU::block::bind(bar).read<EDU::ID>().raw();
  std::printf("ident 0x%08" PRIx32 "\n", id);
  return id == 0x010000ed ? 0 : check::fail("ident is not 0x010000ed");
}

int liveness(uiokit::Region& bar) {
  auto edu = EDU::block::bind(bar);
  for (std::uint32_t x : {0x00000000u, 0x12345678u, 0xdeadbeefu, 0xffffffffu}) {
    edu.write_raw<EDU::LIVENESS>(x);
    const auto got = edu.read<EDU::LIVENESS>().raw();
    std::printf("wrote 0x%08" PRIx32 " read 0x%08" PRIx32 "\n", x, got);
    if (got != ~x) {
      return check::fail("liveness did not return the inverse");
    }
  }
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string what = argc > 1 ? argv[1] : "";
  if (what != "ident" && what != "liveness") {
    return check::fail("usage: edu-sysfs ident|liveness");
  }
  return check::run([&] {
    auto dev = find_pci("0x1234", "0x11e8");
    if (!dev) {
      return check::fail("no PCI device 1234:11e8 under /sys/bus/pci/devices");
    }
    std::printf("edu at %s\n", dev->c_str());
    std::ofstream(*dev / "enable") << "1";  // memory decoding, which no driver turned on
    auto bar = uiokit::map_file(*dev / "resource0");
    std::printf("resource0 is 0x%zx bytes\n", bar.size());
    return what == "ident" ? ident(bar) : liveness(bar);
  });
}
