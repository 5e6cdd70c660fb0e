// SPDX-License-Identifier: MIT
// `uiokit irq wait ADDRESS`: wait for a device's interrupts and print each event with its count
// and missed count (tools/irq_wait.hpp).
//
//   uiokit irq wait uio:NAME|N [--count N] [--timeout S] [--json]
//   uiokit irq wait vfio:BDF|VENDOR:DEVICE [--irq intx|msi|msix] [--vector K] ...
//
// uio: is the UIO device's interrupt (exclusive: the device must not be driven by another
// process). vfio: enables one vector of the PCI function through VFIO (bus mastering is turned
// on for MSI and MSI-X, without which the device's message writes are dropped). Exit 0 after
// --count events; on --timeout, the exit status of Errc::timeout (124).
#if defined(UIOKIT_HAVE_SVD) && __has_include(<nlohmann/json.hpp>)
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "cli/command.hpp"
#include "irq_wait.hpp"
#include "uiokit/address/open.hpp"
#include "uiokit/uio/uio.hpp"
#include "uiokit/vfio/vfio.hpp"

namespace uiokit::cli {
namespace {

struct IrqArgs {
  std::string address, kind = "intx";
  unsigned vector = 0;
  std::uint64_t count = 0;
  double timeout_s = 0;
  bool json = false;
};

// What holds an interrupt open: the UIO device, or the VFIO container, group, device and vectors.
struct OpenIrq {
  virtual ~OpenIrq() = default;
  virtual Interrupt& irq() = 0;
};

struct UioIrq final : OpenIrq {
  explicit UioIrq(const DeviceAddress& a) : device(uio::Device::open(a.uio_device)) {}
  Interrupt& irq() override { return device.irq(); }
  uio::Device device;
};

struct VfioIrq final : OpenIrq {
  VfioIrq(const pci::Address& at, vfio::Irq kind, unsigned vector)
      : group(vfio::Group::of(container, at)), device(group.open(at)) {
    if (kind != vfio::Irq::intx) device.enable_bus_master();
    vectors = device.enable_irqs(kind, vector + 1);
    index = vector;
  }
  Interrupt& irq() override { return vectors[index]; }
  vfio::Container container;
  vfio::Group group;
  vfio::Device device;
  vfio::IrqSet vectors;
  unsigned index = 0;
};

std::unique_ptr<OpenIrq> open_irq(const IrqArgs& args) {
  const DeviceAddress a = parse_address(args.address);
  if (a.scheme == DeviceAddress::Scheme::uio) return std::make_unique<UioIrq>(a);
  if (a.scheme == DeviceAddress::Scheme::vfio) {
    static const std::map<std::string, vfio::Irq> kinds{{"intx", vfio::Irq::intx}, {"msi", vfio::Irq::msi}, {"msix", vfio::Irq::msix}};
    const auto at = pci::Address::parse(select_pci(sysfs::list_pci(), a).bdf);
    return std::make_unique<VfioIrq>(at, kinds.at(args.kind), args.vector);
  }
  throw Error(Errc::unsupported, args.address, "has no interrupt this tool can wait for", {}, 0,
              "interrupts come through uio:NAME or vfio:BDF addresses");
}

void setup_irq(CLI::App& app, std::span<char* const>) {
  auto args = std::make_shared<IrqArgs>();
  auto* irq = app.add_subcommand("irq", "device interrupts (UIO and VFIO)");
  irq->require_subcommand(1);
  auto* wait = irq->add_subcommand("wait", "wait for interrupts; print each event with its count and missed count");
  wait->add_option("address", args->address, "uio:NAME|N or vfio:BDF|VENDOR:DEVICE")->required();
  wait->add_option("-c,--count", args->count, "exit 0 after this many events (default: never)");
  wait->add_option("-t,--timeout", args->timeout_s, "fail (exit 124) when this many seconds pass first");
  wait->add_option("--irq", args->kind, "vfio: which interrupts")->check(CLI::IsMember({"intx", "msi", "msix"}))->capture_default_str();
  wait->add_option("--vector", args->vector, "vfio: which vector of them")->capture_default_str();
  wait->add_flag("--json", args->json, "one JSON object per event");
  wait->callback([args] {
    auto opened = open_irq(*args);
    IrqWaitOptions o;
    o.count = args->count;
    o.json = args->json;
    if (args->timeout_s > 0) o.timeout = std::chrono::milliseconds(static_cast<long long>(args->timeout_s * 1000));
    irq_wait(opened->irq(), o, stdout);
  });
}

UIOKIT_COMMAND("irq", setup_irq);

}  // namespace
}  // namespace uiokit::cli
#endif
