// SPDX-License-Identifier: MIT
// Guest checks of the PCI sysfs backend, binding and surprise removal against QEMU's edu
// device, without VFIO: `edu-pci uio-factorial`, `edu-pci bind-restore`, `edu-pci sysfs-remove`.
// Exits 0 on pass and prints what it saw. sysfs-remove rescans the bus at the end so that later
// checks find the device again (unbound).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>

#include "../check_util.hpp"
#include "edu.hpp"
#include "uiokit/pci/device.hpp"
#include "uiokit/pci/removal.hpp"
#include "uiokit/uio/uio.hpp"

using namespace uiokit;
using namespace std::chrono_literals;

namespace {

void write_sysfs(const std::string& path, const std::string& value) {
  std::ofstream f(path);
  f << value;
  f.flush();
  if (!f) throw std::runtime_error("write " + value + " to " + path + " failed");
}

// Ident, liveness and 10! with its interrupt through uio_pci_generic; the BAR through sysfs
// resource0, the interrupt through /dev/uioN (re-enabled via the command register's INTx
// disable bit, since uio_pci_generic has no irqcontrol).
int uio_factorial() {
  const auto addr = edu::find();
  edu::bind(addr, "uio_pci_generic");
  std::string uio_name;
  for (const auto& e : std::filesystem::directory_iterator("/sys/bus/pci/devices/" + addr.str() + "/uio"))
    uio_name = e.path().filename().string();
  if (uio_name.empty()) return check::fail("uio_pci_generic bound but no uio/uioN directory");
  pci::SysfsDevice dev(addr);
  dev.enable();
  Region& bar = dev.bar(0);
  auto uio = uio::Device::open(uio_name);
  auto& irq = uio.irq();
  const auto id = bar.read<std::uint32_t>(edu::ident);
  bar.write<std::uint32_t>(edu::liveness, 0xcafe0000);
  const auto live = bar.read<std::uint32_t>(edu::liveness);
  std::printf("edu %s on uio_pci_generic (%s): %s ident %s liveness %s\n", addr.str().c_str(), uio_name.c_str(),
              bar.describe().c_str(), hex(id).c_str(), hex(live).c_str());
  if (id != edu::ident_value || live != ~0xcafe0000u) return check::fail("ident/liveness");
  irq.enable();
  for (int round = 0; round < 2; ++round) {
    bar.write<std::uint32_t>(edu::status, edu::status_irq_on_done);
    bar.write<std::uint32_t>(edu::factorial, 10);
    auto ev = irq.wait(2000ms);
    if (!ev) return check::fail("no interrupt within 2 s, round " + std::to_string(round));
    const auto st = bar.read<std::uint32_t>(edu::irq_status);
    const auto v = bar.read<std::uint32_t>(edu::factorial);
    bar.write<std::uint32_t>(edu::irq_ack, st);
    irq.enable();
    std::printf("%s: round %d: events %llu (total %llu), status %s, 10! = %u, command %s\n", irq.describe().c_str(), round,
                static_cast<unsigned long long>(ev->count), static_cast<unsigned long long>(ev->total), hex(st).c_str(), v,
                hex(dev.command()).c_str());
    if (v != 3628800) return check::fail("10! is not 3628800");
  }
  return 0;
}

// bind to vfio-pci, then uio_pci_generic, then restore: the remembered driver is the first one.
int bind_restore() {
  const auto addr = edu::find();
  pci::Binder b;
  const auto start = pci::bound_driver({}, addr);
  if (b.remembered(addr)) b.restore(addr);
  const auto original = pci::bound_driver({}, addr);
  b.bind(addr, "vfio-pci");
  const auto d1 = pci::bound_driver({}, addr);
  b.bind(addr, "uio_pci_generic");
  const auto d2 = pci::bound_driver({}, addr);
  const auto back = b.restore(addr);
  const auto d3 = pci::bound_driver({}, addr);
  std::printf("start %s, original %s -> vfio-pci: %s -> uio_pci_generic: %s -> restore(%s): %s\n",
              start.value_or("none").c_str(), original.value_or("none").c_str(), d1.value_or("none").c_str(),
              d2.value_or("none").c_str(), back.c_str(), d3.value_or("none").c_str());
  if (d1 != "vfio-pci" || d2 != "uio_pci_generic" || d3 != original) return check::fail("driver sequence");
  std::ifstream ov("/sys/bus/pci/devices/" + addr.str() + "/driver_override");
  std::string o;
  std::getline(ov, o);
  if (o != "(null)" && !o.empty()) return check::fail("driver_override left as " + o);
  return 0;
}

// Map resource0, remove the device through sysfs while mapped, read again: no SIGBUS, all-ones.
int sysfs_remove() {
  const auto addr = edu::find();
  edu::bind(addr, "");
  const std::uint64_t faults_before = pci::removal_faults();
  std::uint32_t id_before = 0, id_after = 0;
  bool present = true, removed = false;
  {
    pci::SysfsDevice dev(addr);
    dev.enable();
    Region& bar = dev.bar(0);
    id_before = bar.read<std::uint32_t>(edu::ident);
    write_sysfs("/sys/bus/pci/devices/" + addr.str() + "/remove", "1");
    // If the kernel revoked the mapping this read faults (SIGBUS, absorbed by the guard: all-ones);
    // Debian's 6.1 leaves it in place and it still reaches the device.
    const auto id_raw = bar.read<std::uint32_t>(edu::ident);
    present = dev.check_present();  // sysfs says the device is gone: the mapping becomes all-ones
    id_after = bar.read<std::uint32_t>(edu::ident);
    removed = bar.removed();
    std::printf("ident before remove %s, right after %s (mapping %s); check_present() %d; then %s, removed() %d; "
                "SIGBUS faults absorbed %llu\n",
                hex(id_before).c_str(), hex(id_raw).c_str(), pci::removal_faults() > faults_before ? "revoked" : "left in place",
                present, hex(id_after).c_str(), removed, static_cast<unsigned long long>(pci::removal_faults() - faults_before));
    try {
      pci::check_present(bar, id_after, 4, "edu ident");
    } catch (const Error& e) {
      std::printf("driver sees: %s [%s]\n", e.what(), std::string(to_string(e.code())).c_str());
    }
  }
  write_sysfs("/sys/bus/pci/rescan", "1");
  check::pause_ms(200);
  const bool back = pci::exists({}, addr);
  std::printf("after rescan: edu %s\n", back ? "is back" : "is missing");
  if (!back) return check::fail("edu did not come back after the rescan (later checks need it)");
  if (id_before != edu::ident_value) return check::fail("ident before removal");
  if (id_after != 0xffffffff) return check::fail("read after removal is not all-ones");
  if (present) return check::fail("check_present() still true");
  if (!removed) return check::fail("removed() false");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::map<std::string, std::function<int()>> checks{
      {"uio-factorial", uio_factorial}, {"bind-restore", bind_restore}, {"sysfs-remove", sysfs_remove}};
  if (argc != 2 || !checks.count(argv[1])) {
    std::fprintf(stderr, "usage: edu-pci uio-factorial|bind-restore|sysfs-remove\n");
    return 2;
  }
  return check::run(checks.at(argv[1]));
}
