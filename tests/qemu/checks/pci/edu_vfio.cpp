// SPDX-License-Identifier: MIT
// Guest checks of the VFIO backend against QEMU's edu device. One program, one check per
// subcommand ("edu-vfio ident"); exits 0 on pass and prints what it saw.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "../check_util.hpp"
#include "edu.hpp"
#include "uiokit/vfio/dma.hpp"
#include "uiokit/vfio/vfio.hpp"

using namespace uiokit;
using namespace std::chrono_literals;

namespace {

pci::Address on_vfio(pci::Address a) {
  edu::bind(a, "vfio-pci");
  return a;
}

// Members in acquisition order, so teardown is the reverse.
struct Edu {
  pci::Address addr = on_vfio(edu::find());
  vfio::Container container;
  vfio::Group group = vfio::Group::of(container, addr);
  vfio::Device dev = group.open(addr);
  Region& bar = dev.region(0);
};

// Expects `f` to throw uiokit::Error with `code`; prints the message.
bool expect_error(const char* what, Errc code, const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    std::printf("%s: %s [%s]\n", what, e.what(), std::string(to_string(e.code())).c_str());
    if (e.code() == code) return true;
    std::printf("FAIL: %s: expected %s\n", what, std::string(to_string(code)).c_str());
    return false;
  }
  std::printf("FAIL: %s: no error\n", what);
  return false;
}

int ident() {
  Edu e;
  const auto id = e.bar.read<std::uint32_t>(edu::ident);
  e.bar.write<std::uint32_t>(edu::liveness, 0x12345678);
  const auto live = e.bar.read<std::uint32_t>(edu::liveness);
  std::printf("edu %s via VFIO group %u: %s, ident %s, liveness(0x12345678) %s, api %d, reset %s\n", e.addr.str().c_str(),
              e.group.number(), e.bar.describe().c_str(), hex(id).c_str(), hex(live).c_str(), e.container.api_version(),
              e.dev.can_reset() ? "yes" : "no");
  if (id != edu::ident_value) return check::fail("ident is not 0x010000ed");
  if (live != ~0x12345678u) return check::fail("liveness is not the inverse");
  const auto cfg_vendor = e.dev.config_read(0, 2);
  if (cfg_vendor != edu::vendor) return check::fail("config vendor " + hex(cfg_vendor));
  if (e.dev.can_reset()) {
    e.dev.reset();
    if (e.bar.read<std::uint32_t>(edu::ident) != edu::ident_value) return check::fail("ident after reset");
    std::printf("reset: ok\n");
  }
  return 0;
}

// Computes 10! with the completion interrupt, twice (the second proves the re-arm works).
int factorial(vfio::Irq kind) {
  Edu e;
  if (kind != vfio::Irq::intx) e.dev.enable_bus_master();  // MSI is a DMA write: dropped without Bus Master
  auto irqs = e.dev.enable_irqs(kind, 1);
  auto& irq = irqs[0];
  for (int round = 0; round < 2; ++round) {
    e.bar.write<std::uint32_t>(edu::status, edu::status_irq_on_done);
    e.bar.write<std::uint32_t>(edu::factorial, 10);
    auto ev = irq.wait(2000ms);
    if (!ev) return check::fail(irq.describe() + ": no interrupt within 2 s (round " + std::to_string(round) + ")");
    const auto st = e.bar.read<std::uint32_t>(edu::irq_status);
    const auto v = e.bar.read<std::uint32_t>(edu::factorial);
    e.bar.write<std::uint32_t>(edu::irq_ack, st);
    irq.enable();  // INTx: unmask; MSI: nothing to do
    std::printf("%s: round %d: events %llu, irq status %s, 10! = %u\n", irq.describe().c_str(), round,
                static_cast<unsigned long long>(ev->count), hex(st).c_str(), v);
    if (v != 3628800) return check::fail("10! is not 3628800");
    if (!(st & edu::irq_factorial)) return check::fail("interrupt status lacks the factorial bit");
  }
  return 0;
}

int dma() {
  Edu e;
  e.dev.enable_bus_master();
  vfio::IovaAllocator iovas(0x100000, 1ull << 28);
  vfio::DmaBuffer out(e.container, iovas, 4096), in(e.container, iovas, 4096);
  constexpr std::size_t n = 4095;  // QEMU 7.2 kills itself on 4096 (off-by-one range check)
  for (std::size_t i = 0; i < n; ++i) out.data()[i] = static_cast<std::byte>((i * 7 + 3) & 0xff);
  const auto t0 = std::chrono::steady_clock::now();
  edu::start_dma(e.bar, out.iova(), edu::buffer, n, 0);
  edu::wait_dma(e.bar);
  edu::start_dma(e.bar, edu::buffer, in.iova(), n, edu::cmd_to_ram);
  edu::wait_dma(e.bar);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::printf("DMA %zu bytes RAM(IOVA %s) -> edu 0x40000 -> RAM(IOVA %s): %lld ms\n", n, hex(out.iova()).c_str(),
              hex(in.iova()).c_str(), static_cast<long long>(ms));
  if (std::memcmp(out.data(), in.data(), n) != 0) return check::fail("bytes differ after the round trip");
  if (in.data()[n] != std::byte{0}) return check::fail("byte past the count was written");
  std::printf("all %zu bytes match\n", n);
  return 0;
}

// The kernel's log line for a DMA remapping fault at `iova`, or "" if none appears within two
// seconds: the fault interrupt is handled after the DMA completes. intel-iommu (x86) prints
// "[DMA Write NO_PASID] Request device [..] fault addr 0x... [fault reason ...]"; arm-smmu-v3
// (virt64) prints "event 0x10 received:" and then the event record's four words, one a line
// ("\t0x%016llx"), the third of which is the faulting input address.
std::string wait_for_dmar_fault(std::uint64_t iova) {
  char intel[48], smmu[48];
  std::snprintf(intel, sizeof intel, "fault addr 0x%" PRIx64 " ", iova);
  std::snprintf(smmu, sizeof smmu, "0x%016" PRIx64, iova);
  for (int tries = 0; tries < 20; ++tries) {
    if (FILE* f = ::popen("dmesg", "r")) {
      char line[512];
      std::string found;
      while (std::fgets(line, sizeof line, f))
        if (std::strstr(line, intel) || (std::strstr(line, "arm-smmu-v3") && std::strstr(line, smmu)))
          found.assign(line, std::strcspn(line, "\n"));
      ::pclose(f);
      if (!found.empty()) return found;
    }
    ::usleep(100000);
  }
  return {};
}

// A DMA towards an IOVA the IOMMU does not map must not reach memory: first one that was mapped
// and unmapped while the memory stays ours, then one never mapped, each shown blocked by the
// IOMMU's fault record.
int dma_unmapped() {
  Edu e;
  e.dev.enable_bus_master();
  vfio::IovaAllocator iovas(0x100000, 1ull << 28);
  vfio::DmaBuffer src(e.container, iovas, 4096);
  std::memset(src.data(), 0xa5, 4096);
  edu::start_dma(e.bar, src.iova(), edu::buffer, 4095, 0);
  edu::wait_dma(e.bar);

  void* mem = ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  std::memset(mem, 0x5a, 4096);
  const std::uint64_t iova = 0x2000000, never = 0x3000000;
  e.container.map_dma(mem, 4096, iova);
  e.container.unmap_dma(iova, 4096);
  for (const std::uint64_t a : {iova, never}) {
    edu::start_dma(e.bar, edu::buffer, a, 4095, edu::cmd_to_ram);
    edu::wait_dma(e.bar);
    if (a == iova) {
      const auto* p = static_cast<const unsigned char*>(mem);
      for (int i = 0; i < 4096; ++i)
        if (p[i] != 0x5a) return check::fail("byte " + std::to_string(i) + " of the unmapped buffer changed to " + hex(p[i]));
      ::munmap(mem, 4096);
    }
    // The never-mapped IOVA has no memory of ours behind it to look at: the IOMMU's fault
    // record is what shows the write was blocked, for both addresses.
    const std::string line = wait_for_dmar_fault(a);
    if (line.empty()) return check::fail("no IOMMU fault logged for the DMA to " + hex(a));
    std::printf("IOMMU blocked the DMA to %s: %s\n", hex(a).c_str(), line.c_str());
    // QEMU's SMMUv3 records one event per 4-byte access the DMA makes, and the kernel prints at
    // most 10 events each 5 s: the second address's events would go unprinted in this window.
    if (a == iova && line.find("arm-smmu-v3") != std::string::npos) ::sleep(6);
  }
  std::printf("DMA to unmapped IOVAs %s and %s: buffer unchanged, both faults logged\n", hex(iova).c_str(),
              hex(never).c_str());
  return 0;
}

int bad_inputs() {
  bool ok = true;
  {
    Edu e;
    ok &= expect_error("BAR 1", Errc::not_found, [&] { e.dev.region(1); });
    ok &= expect_error("region 42", Errc::not_found, [&] { e.dev.region_info(42); });
    ok &= expect_error("config misaligned", Errc::misaligned, [&] { e.dev.config_read(3, 2); });
    ok &= expect_error("MSI-X vectors", Errc::not_found, [&] { e.dev.enable_irqs(vfio::Irq::msix, 1); });
    ok &= expect_error("2 MSI vectors", Errc::invalid_argument, [&] { e.dev.enable_irqs(vfio::Irq::msi, 2); });
    std::vector<std::byte> heap(8192);
    ok &= expect_error("unaligned DMA buffer", Errc::misaligned,
                       [&] { e.container.map_dma(heap.data() + 1, 4096, 0x100000); });
    void* mem = ::mmap(nullptr, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    e.container.map_dma(mem, 8192, 0x100000);
    ok &= expect_error("IOVA collision", Errc::invalid_argument,
                       [&] { e.container.map_dma(static_cast<char*>(mem) + 4096, 4096, 0x101000); });
    e.container.unmap_dma(0x100000, 8192);
    ::munmap(mem, 8192);
    vfio::IovaAllocator iovas(0x100000, 1ull << 28);
    iovas.reserve(0x200000, 0x2000);
    ok &= expect_error("allocator collision", Errc::invalid_argument, [&] { iovas.reserve(0x201000, 0x1000); });
    // The group is open in this process: unbinding must be refused, naming us.
    ok &= expect_error("unbind a held device", Errc::busy, [&] { pci::Binder().unbind(e.addr); });
    if (pci::bound_driver({}, e.addr) != "vfio-pci") ok = check::fail("device left unbound after the refusal") == 0;
    ok &= expect_error("second container on the same group", Errc::busy, [&] {
      vfio::Container c2;
      vfio::Group::of(c2, e.addr);
    });
  }
  ok &= expect_error("missing BDF", Errc::not_found, [&] {
    vfio::Container c;
    vfio::Group::of(c, pci::Address::parse("0000:00:1f.7"));
  });
  ok &= expect_error("bad BDF text", Errc::invalid_argument, [&] { pci::Address::parse("00:3z.0"); });
  ok &= expect_error("bind to a missing driver", Errc::not_found, [&] { pci::Binder().bind(edu::find(), "no_such_driver"); });
  // No permission on /dev/vfio/N: try as nobody in a child.
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) _exit(3);
    try {
      vfio::Container c;
      vfio::Group::of(c, edu::find());
    } catch (const Error& e) {
      std::printf("as nobody: %s [%s]\n", e.what(), std::string(to_string(e.code())).c_str());
      std::fflush(stdout);
      _exit(e.code() == Errc::permission_denied ? 0 : 1);
    }
    _exit(2);
  }
  int st = 0;
  ::waitpid(pid, &st, 0);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) ok = check::fail("as nobody: expected permission_denied") == 0;
  return ok ? 0 : 1;
}

// The kernel's request interrupt: another process unbinds the device while we hold it; the
// unbind blocks until we surrender, after which the mapping reads all-ones instead of faulting.
int request() {
  Edu e;
  auto req = e.dev.enable_irqs(vfio::Irq::req, 1);
  // The unbinder runs through exec (system): a forked copy of this process would inherit the
  // BAR mapping and keep the device busy, and the unbind would wait forever.
  int unbind_status = -1;
  std::thread unbinder([&] {
    unbind_status = std::system(("echo " + e.addr.str() + " > /sys/bus/pci/drivers/vfio-pci/unbind").c_str());
  });
  auto ev = req[0].wait(5000ms);
  if (!ev) return check::fail("no request interrupt within 5 s");
  std::printf("request interrupt: %llu event(s); surrendering\n", static_cast<unsigned long long>(ev->count));
  e.dev.surrender();
  unbinder.join();
  const auto id = e.bar.read<std::uint32_t>(edu::ident);
  std::printf("unbind finished (status %d); ident now reads %s, removed() %d, driver now %s\n", unbind_status, hex(id).c_str(),
              e.bar.removed(), pci::bound_driver({}, e.addr).value_or("(none)").c_str());
  if (id != 0xffffffff || !e.bar.removed()) return check::fail("mapping not replaced by all-ones");
  try {
    pci::check_present(e.bar, id, 4, "edu ident");
    return check::fail("check_present did not report removal");
  } catch (const Error& err) {
    std::printf("driver sees: %s [%s]\n", err.what(), std::string(to_string(err.code())).c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::map<std::string, std::function<int()>> checks{
      {"ident", ident},
      {"factorial-intx", [] { return factorial(vfio::Irq::intx); }},
      {"factorial-msi", [] { return factorial(vfio::Irq::msi); }},
      {"dma", dma},
      {"dma-unmapped", dma_unmapped},
      {"bad-inputs", bad_inputs},
      {"request", request},
  };
  if (argc != 2 || !checks.count(argv[1])) {
    std::fprintf(stderr, "usage: edu-vfio ident|factorial-intx|factorial-msi|dma|dma-unmapped|bad-inputs|request\n");
    return 2;
  }
  return check::run(checks.at(argv[1]));
}
