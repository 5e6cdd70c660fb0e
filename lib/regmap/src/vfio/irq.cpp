// SPDX-License-Identifier: MIT
#include <linux/vfio.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "state.hpp"

namespace uiokit::vfio {
namespace {

const char* irq_name(Irq i) {
  static const char* names[] = {"INTx", "MSI", "MSI-X", "error", "request"};
  return names[static_cast<unsigned>(i)];
}

// VFIO_DEVICE_SET_IRQS with an optional payload of eventfds.
int set_irqs(int device_fd, std::uint32_t flags, Irq index, unsigned start, unsigned count, const std::vector<std::int32_t>& fds) {
  std::vector<std::byte> buf(sizeof(vfio_irq_set) + fds.size() * sizeof(std::int32_t));
  auto* s = reinterpret_cast<vfio_irq_set*>(buf.data());
  s->argsz = static_cast<std::uint32_t>(buf.size());
  s->flags = flags;
  s->index = static_cast<unsigned>(index);
  s->start = start;
  s->count = count;
  if (!fds.empty()) std::memcpy(s->data, fds.data(), fds.size() * sizeof(std::int32_t));
  return ::ioctl(device_fd, VFIO_DEVICE_SET_IRQS, s);
}

class VfioInterrupt final : public Interrupt {
 public:
  VfioInterrupt(std::shared_ptr<detail::DeviceFd> dev, Irq index, unsigned vector)
      : dev_(std::move(dev)), index_(index), vector_(vector) {
    efd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (efd_ < 0) throw_sys(Errc::io_failed, describe(), "eventfd", errno);
  }
  ~VfioInterrupt() override { ::close(efd_); }

  int fd() const noexcept override { return efd_; }

  IrqEvents consume() override {
    std::uint64_t n = 0;
    if (::read(efd_, &n, sizeof n) != sizeof n) {
      if (errno == EAGAIN) return IrqEvents{0, total_};
      throw_sys(Errc::io_failed, describe(), "read of the eventfd", errno);
    }
    total_ += n;
    return IrqEvents{n, total_};
  }

  void enable() override { mask(VFIO_IRQ_SET_ACTION_UNMASK, "unmask"); }
  void disable() override { mask(VFIO_IRQ_SET_ACTION_MASK, "mask"); }

  std::string describe() const override {
    return "vfio " + dev_->name + " " + irq_name(index_) + " " + std::to_string(vector_);
  }

 private:
  void mask(std::uint32_t action, const char* what) {
    if (index_ != Irq::intx) return;  // MSI/MSI-X are edge-triggered: nothing to re-arm
    if (dev_->fd < 0) throw Error(Errc::device_removed, describe(), std::string(what) + ": device was given back to the kernel");
    if (set_irqs(dev_->fd, VFIO_IRQ_SET_DATA_NONE | action, index_, vector_, 1, {}) != 0)
      throw_sys(Errc::vfio_device_set_irqs, describe(), std::string("VFIO_DEVICE_SET_IRQS ") + what, errno);
  }

  std::shared_ptr<detail::DeviceFd> dev_;
  Irq index_;
  unsigned vector_;
  int efd_ = -1;
  std::uint64_t total_ = 0;
};

}  // namespace

IrqSet::IrqSet(std::shared_ptr<detail::DeviceFd> device, Irq index, unsigned count) : device_(std::move(device)), index_(index) {
  std::vector<std::int32_t> fds;
  for (unsigned i = 0; i < count; ++i) {
    auto v = std::make_unique<VfioInterrupt>(device_, index, i);
    fds.push_back(v->fd());
    vectors_.push_back(std::move(v));
  }
  if (set_irqs(device_->fd, VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER, index, 0, count, fds) != 0)
    throw_sys(Errc::vfio_device_set_irqs, device_->name,
              std::string("VFIO_DEVICE_SET_IRQS: ") + std::to_string(count) + " " + irq_name(index) + " eventfd(s)", errno);
}

void IrqSet::teardown() noexcept {
  if (device_ && device_->fd >= 0 && !vectors_.empty())
    set_irqs(device_->fd, VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER, index_, 0, 0, {});
  vectors_.clear();
  device_.reset();
}

IrqSet::~IrqSet() { teardown(); }
IrqSet::IrqSet(IrqSet&& o) noexcept
    : device_(std::move(o.device_)), index_(o.index_), vectors_(std::move(o.vectors_)) {}
IrqSet& IrqSet::operator=(IrqSet&& o) noexcept {
  if (this != &o) {
    teardown();
    device_ = std::move(o.device_);
    index_ = o.index_;
    vectors_ = std::move(o.vectors_);
  }
  return *this;
}

}  // namespace uiokit::vfio
