// SPDX-License-Identifier: MIT
// The SIGBUS handler of uiokit/pci/removal.hpp. It lives under src/vfio because src/pci is only
// built with libpci, while VFIO (built everywhere) needs it too.
#include "uiokit/pci/removal.hpp"

#include <signal.h>

#include <array>
#include <atomic>
#include <mutex>

namespace uiokit::pci {
namespace {

// A fixed table of atomics: the handler may run at any moment, on any thread, so it must not
// take locks or touch containers that registration is changing.
struct Slot {
  std::atomic<bool> claimed{false};
  std::atomic<Region*> region{nullptr};
  std::atomic<std::uintptr_t> begin{0};
  std::atomic<std::uintptr_t> end{0};
};
constexpr int kSlots = 256;
std::array<Slot, kSlots> slots;
std::atomic<std::uint64_t> faults{0};
std::mutex install_mutex;
bool installed = false;
struct sigaction previous;

void on_sigbus(int sig, siginfo_t* info, void* ctx) {
  const auto addr = reinterpret_cast<std::uintptr_t>(info->si_addr);
  for (auto& s : slots) {
    Region* r = s.region.load(std::memory_order_acquire);
    if (r == nullptr) continue;
    if (addr >= s.begin.load(std::memory_order_relaxed) && addr < s.end.load(std::memory_order_relaxed)) {
      r->replace_with_ones();
      faults.fetch_add(1, std::memory_order_relaxed);
      return;  // the faulting access re-executes against the 0xff pages
    }
  }
  // Not ours: behave as if we were never installed.
  if (previous.sa_flags & SA_SIGINFO) {
    if (previous.sa_sigaction != nullptr) return previous.sa_sigaction(sig, info, ctx);
  } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
    return previous.sa_handler(sig);
  }
  ::sigaction(SIGBUS, &previous, nullptr);  // default action on the re-executed fault
}

void install() {
  std::lock_guard lock(install_mutex);
  if (installed) return;
  struct sigaction sa {};
  sa.sa_sigaction = on_sigbus;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGBUS, &sa, &previous);
  installed = true;
}

}  // namespace

RemovalGuard::RemovalGuard(Region& region) {
  install();
  const auto b = reinterpret_cast<std::uintptr_t>(region.base());
  for (int i = 0; i < kSlots; ++i) {
    bool expected = false;
    auto& s = slots[static_cast<std::size_t>(i)];
    if (!s.claimed.compare_exchange_strong(expected, true)) continue;
    // Publish the range before the pointer, so the handler never sees a half-filled slot.
    s.begin.store(b);
    s.end.store(b + region.size());
    s.region.store(&region, std::memory_order_release);
    slot_ = i;
    return;
  }
  throw Error(Errc::unsupported, region.describe(), "more than 256 mapped PCI regions at once");
}

static void release_slot(int slot) noexcept {
  if (slot < 0) return;
  auto& s = slots[static_cast<std::size_t>(slot)];
  s.region.store(nullptr, std::memory_order_release);
  s.claimed.store(false, std::memory_order_release);
}

RemovalGuard::~RemovalGuard() { release_slot(slot_); }

RemovalGuard::RemovalGuard(RemovalGuard&& other) noexcept : slot_(std::exchange(other.slot_, -1)) {}

RemovalGuard& RemovalGuard::operator=(RemovalGuard&& other) noexcept {
  if (this != &other) {
    release_slot(slot_);
    slot_ = std::exchange(other.slot_, -1);
  }
  return *this;
}

std::uint64_t removal_faults() noexcept { return faults.load(); }

void check_present(const Region& region, std::uint64_t value, unsigned width, const std::string& what) {
  const std::uint64_t ones = width >= 8 ? ~0ull : (1ull << (width * 8)) - 1;
  if (region.removed() || value == ones)
    throw Error(Errc::device_removed, region.describe(),
                what + " reads " + hex(value) + (region.removed() ? " (the mapping was revoked)" : ""), {}, 0,
                "the device was unbound or removed; reopen it after it is back");
}

}  // namespace uiokit::pci
