// SPDX-License-Identifier: MIT
// MSI-X and the function-level reset through VFIO, on the device of the x86 board that has
// both: a virtio-rng-pci behind a PCIe root port (edu has neither). The check is a minimal
// virtio 1.x driver (the virtio spec, "Virtio Over PCI Bus"): it finds the common, notify and
// ISR structures through the vendor capabilities, negotiates VERSION_1 and ACCESS_PLATFORM (so
// that the device's DMA goes through the IOMMU, at our IOVAs), sets up queue 0 with MSI-X
// vector 0, and has the device fill a buffer with random bytes; completion arrives as MSI-X.
//
//   virtio-vfio msix     two requests, each answered through MSI-X vector 0 with fresh bytes
//   virtio-vfio reset    VFIO_DEVICE_RESET (FLR) returns a configured device to status 0
//   virtio-vfio noiommu  a no-IOMMU group is refused unless allow_noiommu is given. Debian's
//                        kernels are built without CONFIG_VFIO_NOIOMMU, so the group node is
//                        faked: a private /dev with the real container (mknod 10:196) and a
//                        "noiommu-N" entry where the kernel would put one.
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "../check_util.hpp"
#include "uiokit/pci/bind.hpp"
#include "uiokit/pci/discover.hpp"
#include "uiokit/vfio/dma.hpp"
#include "uiokit/vfio/vfio.hpp"

using namespace uiokit;
using namespace std::chrono_literals;

namespace {

constexpr std::uint16_t vendor_virtio = 0x1af4, device_rng_modern = 0x1044;

// Device status (virtio spec 2.1) and the feature bits we accept (6: reserved feature bits).
enum : std::uint8_t { acknowledge = 1, driver = 2, driver_ok = 4, features_ok = 8, failed = 0x80 };
constexpr unsigned f_version_1 = 32, f_access_platform = 33;

// Common configuration structure (virtio spec 4.1.4.3), offsets.
enum : std::size_t {
  device_feature_select = 0x00, device_feature = 0x04, driver_feature_select = 0x08, driver_feature = 0x0c,
  msix_config = 0x10, num_queues = 0x12, device_status = 0x14, queue_select = 0x16, queue_size = 0x18,
  queue_msix_vector = 0x1a, queue_enable = 0x1c, queue_notify_off = 0x1e, queue_desc = 0x20, queue_driver = 0x28,
  queue_device = 0x30,
};
enum : std::uint8_t { cap_common = 1, cap_notify = 2 };
constexpr std::uint16_t desc_f_write = 2;

pci::Address find_rng() {
  pci::Filter f;
  f.vendor = vendor_virtio;
  f.device = device_rng_modern;
  auto devs = pci::list(f);
  if (devs.empty()) throw Error(Errc::not_found, "virtio-rng-pci (1af4:1044)", "find the device");
  return devs.front().address;
}

pci::Address on_vfio(pci::Address a) {
  pci::Binder().bind(a, "vfio-pci");
  return a;
}

struct Where {
  unsigned bar = 0;
  std::uint32_t offset = 0;
  std::uint32_t multiplier = 0;  // notify only
};

// Members in acquisition order, so teardown is the reverse.
struct Rng {
  pci::Address addr = on_vfio(find_rng());
  vfio::Container container;
  vfio::Group group = vfio::Group::of(container, addr);
  vfio::Device dev = group.open(addr);
  Where common, notify;
  bool have_common = false, have_notify = false;

  Rng() {
    // The capability list through the VFIO config region: vendor capabilities (0x09) carry
    // cfg_type at +3, the BAR at +4, the offset at +8 and (notify) the multiplier at +16.
    for (std::uint32_t at = dev.config_read(0x34, 1) & 0xfc, hops = 0; at && hops < 48; ++hops) {
      if (dev.config_read(at, 1) == 0x09) {
        const auto type = dev.config_read(at + 3, 1);
        Where w{dev.config_read(at + 4, 1), dev.config_read(at + 8, 4), 0};
        if (type == cap_common && !have_common) common = w, have_common = true;
        if (type == cap_notify && !have_notify) {
          w.multiplier = dev.config_read(at + 16, 4);
          notify = w, have_notify = true;
        }
      }
      at = dev.config_read(at + 1, 1) & 0xfc;
    }
    if (!have_common || !have_notify)
      throw Error(Errc::not_found, addr.str(), "virtio common or notify configuration capability");
    std::printf("virtio-rng %s: common cfg BAR%u+0x%x, notify BAR%u+0x%x (x%u), reset %s, MSI-X vectors %u\n",
                addr.str().c_str(), common.bar, common.offset, notify.bar, notify.offset, notify.multiplier,
                dev.can_reset() ? "yes" : "no", dev.irq_info(vfio::Irq::msix).count);
  }
  Region& cfg() { return dev.region(common.bar); }
  template <class T>
  T get(std::size_t off) { return cfg().read<T>(common.offset + off); }
  template <class T>
  void set(std::size_t off, T v) { cfg().write<T>(common.offset + off, v); }
  std::uint8_t status() { return get<std::uint8_t>(device_status); }
};

// Split virtqueue memory (virtio spec 2.7): descriptors, available and used rings, each in a
// page of its own, plus the buffer the device fills.
struct Queue {
  vfio::IovaAllocator iovas{0x100000, 0x10000000};
  vfio::DmaBuffer desc, avail, used, data;
  std::uint16_t size = 0, next = 0;
  Queue(vfio::Container& c, std::uint16_t n)
      : desc(c, iovas, 4096), avail(c, iovas, 4096), used(c, iovas, 4096), data(c, iovas, 4096), size(n) {}
  template <class T>
  T* at(vfio::DmaBuffer& b, std::size_t off) { return reinterpret_cast<T*>(b.data() + off); }
  std::uint16_t used_idx() { return std::atomic_ref<std::uint16_t>(*at<std::uint16_t>(used, 2)).load(); }
  // One device-writable buffer of `len` bytes at data + 64 * slot.
  void post(std::uint16_t slot, std::uint32_t len) {
    auto* d = at<std::uint8_t>(desc, 16u * slot);
    const std::uint64_t addr = data.iova() + 64u * slot;
    std::memcpy(d, &addr, 8);
    std::memcpy(d + 8, &len, 4);
    std::memcpy(d + 12, &desc_f_write, 2);
    *at<std::uint16_t>(avail, 4 + 2u * (next % size)) = slot;
    ++next;
    std::atomic_thread_fence(std::memory_order_release);  // the ring entry before the index
    std::atomic_ref<std::uint16_t>(*at<std::uint16_t>(avail, 2)).store(next);
  }
};

// Through the status handshake to DRIVER_OK with queue 0 on MSI-X vector 0.
std::uint16_t bring_up(Rng& r, Queue*& q, std::unique_ptr<Queue>& owned) {
  r.set<std::uint8_t>(device_status, 0);  // virtio reset: reads back 0 once done
  for (int i = 0; i < 100 && r.status() != 0; ++i) check::pause_ms(1);
  r.set<std::uint8_t>(device_status, acknowledge);
  r.set<std::uint8_t>(device_status, acknowledge | driver);
  r.set<std::uint32_t>(device_feature_select, 1);
  const std::uint32_t high = r.get<std::uint32_t>(device_feature);
  const std::uint32_t want = (1u << (f_version_1 - 32)) | (1u << (f_access_platform - 32));
  std::printf("device features 63..32: 0x%08x\n", high);
  if ((high & want) != want) throw Error(Errc::unsupported, r.addr.str(), "VERSION_1 and ACCESS_PLATFORM not offered");
  r.set<std::uint32_t>(driver_feature_select, 0);
  r.set<std::uint32_t>(driver_feature, 0);
  r.set<std::uint32_t>(driver_feature_select, 1);
  r.set<std::uint32_t>(driver_feature, want);
  r.set<std::uint8_t>(device_status, acknowledge | driver | features_ok);
  if (!(r.status() & features_ok)) throw Error(Errc::unsupported, r.addr.str(), "the device refused our features");

  r.set<std::uint16_t>(msix_config, 1);
  r.set<std::uint16_t>(queue_select, 0);
  const std::uint16_t n = r.get<std::uint16_t>(queue_size);
  if (n == 0 || n > 256) throw Error(Errc::bad_hardware_value, r.addr.str(), "queue 0 size " + std::to_string(n));
  owned = std::make_unique<Queue>(r.container, n);
  q = owned.get();
  r.set<std::uint16_t>(queue_msix_vector, 0);
  if (r.get<std::uint16_t>(queue_msix_vector) != 0)
    throw Error(Errc::unsupported, r.addr.str(), "the device did not take MSI-X vector 0 for queue 0");
  r.set<std::uint64_t>(queue_desc, q->desc.iova());
  r.set<std::uint64_t>(queue_driver, q->avail.iova());
  r.set<std::uint64_t>(queue_device, q->used.iova());
  const std::uint16_t notify_off = r.get<std::uint16_t>(queue_notify_off);
  r.set<std::uint16_t>(queue_enable, 1);
  r.set<std::uint8_t>(device_status, acknowledge | driver | features_ok | driver_ok);
  std::printf("queue 0: %u entries, notify offset %u, status 0x%02x\n", n, notify_off, r.status());
  return notify_off;
}

int msix() {
  Rng r;
  r.dev.enable_bus_master();  // MSI-X messages and the device's DMA are bus-master writes
  auto vectors = r.dev.enable_irqs(vfio::Irq::msix, 2);
  Queue* q = nullptr;
  std::unique_ptr<Queue> owned;
  const std::uint16_t notify_off = bring_up(r, q, owned);
  Region& nbar = r.dev.region(r.notify.bar);
  const std::size_t doorbell = r.notify.offset + std::size_t{notify_off} * r.notify.multiplier;
  for (std::uint16_t round = 0; round < 2; ++round) {
    q->post(round, 32);
    nbar.write<std::uint16_t>(doorbell, 0);  // queue 0 has work
    auto ev = vectors[0].wait(2000ms);
    if (!ev) return check::fail(vectors[0].describe() + ": no MSI-X interrupt within 2 s (round " + std::to_string(round) + ")");
    const std::uint16_t used = q->used_idx();
    std::uint32_t len = 0;
    std::memcpy(&len, q->at<std::uint8_t>(q->used, 4 + 8u * round + 4), 4);
    const auto* bytes = q->at<std::uint8_t>(q->data, 64u * round);
    unsigned nonzero = 0;
    for (unsigned i = 0; i < 32; ++i) nonzero += bytes[i] != 0;
    std::printf("%s: round %u: events %llu, used idx %u, %u bytes written, %u of 32 non-zero: %02x %02x %02x %02x...\n",
                vectors[0].describe().c_str(), round, static_cast<unsigned long long>(ev->count), used, len, nonzero,
                bytes[0], bytes[1], bytes[2], bytes[3]);
    if (used != round + 1) return check::fail("the used ring did not advance to " + std::to_string(round + 1));
    if (len == 0 || len > 32) return check::fail("the device wrote " + std::to_string(len) + " bytes");
    if (nonzero < 16) return check::fail("the buffer does not look random");
  }
  if (vectors[1].wait(0ms)) return check::fail("the config-change vector fired without a config change");
  return 0;
}

int reset() {
  Rng r;
  if (!r.dev.can_reset()) return check::fail("VFIO reports no reset method for a device with FLR");
  r.set<std::uint8_t>(device_status, acknowledge | driver);
  r.set<std::uint16_t>(msix_config, 1);
  const auto before = r.status();
  r.dev.reset();
  const auto after = r.status();
  const auto vec = r.get<std::uint16_t>(msix_config);
  std::printf("device status 0x%02x before VFIO_DEVICE_RESET, 0x%02x after; msix_config %u -> 0x%04x\n", before, after,
              1u, vec);
  if (before != (acknowledge | driver)) return check::fail("the status did not take before the reset");
  if (after != 0) return check::fail("the reset left the device status at " + std::to_string(after));
  if (vec != 0xffff) return check::fail("the reset left msix_config set (expected NO_VECTOR 0xffff)");
  return 0;
}

int noiommu() {
  const std::filesystem::path dev = "/tmp/noiommu-dev";
  std::filesystem::create_directories(dev / "vfio");
  if (::mknod((dev / "vfio/vfio").c_str(), S_IFCHR | 0600, makedev(10, 196)) != 0 && errno != EEXIST)
    return check::fail(std::string("mknod vfio/vfio: ") + std::strerror(errno));
  std::ofstream(dev / "vfio/noiommu-77") << "";
  vfio::Options strict;
  strict.dev = dev;
  vfio::Container c(strict);
  try {
    vfio::Group g(c, 77);
    return check::fail("a no-IOMMU group was opened without allow_noiommu");
  } catch (const Error& e) {
    std::printf("refused: %s [%s]\n", e.what(), std::string(to_string(e.code())).c_str());
    if (e.code() != Errc::vfio_no_iommu) return check::fail("expected vfio_no_iommu");
  }
  // Asked for explicitly, the group is used: here the fake node is no group, so the status
  // ioctl fails, which shows the refusal above was the policy and not the missing node.
  vfio::Options lax = strict;
  lax.allow_noiommu = true;
  vfio::Container c2(lax);
  try {
    vfio::Group g(c2, 77);
    return check::fail("the fake no-IOMMU node passed for a group");
  } catch (const Error& e) {
    std::printf("with allow_noiommu: %s [%s]\n", e.what(), std::string(to_string(e.code())).c_str());
    if (e.code() == Errc::vfio_no_iommu) return check::fail("refused although allow_noiommu was given");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::map<std::string, std::function<int()>> checks{{"msix", msix}, {"reset", reset}, {"noiommu", noiommu}};
  if (argc != 2 || !checks.count(argv[1])) {
    std::fprintf(stderr, "usage: virtio-vfio msix|reset|noiommu\n");
    return 2;
  }
  return check::run(checks.at(argv[1]));
}
