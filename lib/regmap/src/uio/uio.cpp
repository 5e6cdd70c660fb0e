// SPDX-License-Identifier: MIT
#include "uiokit/uio/uio.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <functional>

#include "uiokit/backend/map_fd.hpp"
#include "../access_hint.hpp"
#include "stub_hint.hpp"
#include "../text_file.hpp"
#include "uiokit/error.hpp"

namespace fs = std::filesystem;

namespace uiokit::uio {
namespace {

// A sysfs attribute: its line without the newline; nullopt for a missing file.
using uiokit::detail::read_line;

std::string need_attr(const fs::path& p) {
  auto s = read_line(p);
  if (!s) throw Error(Errc::parse_error, p.string(), "read of a UIO sysfs attribute", {}, 0, "the file is missing");
  return *s;
}

// sysfs prints addresses and sizes as 0x..., offsets in decimal or hex depending on the kernel.
std::uint64_t parse_number(const fs::path& p, const std::string& text) {
  std::string_view s = text;
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    s.remove_prefix(2);
    base = 16;
  }
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size())
    throw Error(Errc::parse_error, p.string(), "parse of '" + text + "' as a number");
  return v;
}

bool parse_index(std::string_view s, unsigned& out) {
  if (s.empty() || s.size() > 9) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

std::uint64_t need_number(const fs::path& p) { return parse_number(p, need_attr(p)); }

// An entry's size attribute, which must not be 0 ("map of size 0").
std::uint64_t need_size(const fs::path& entry, const char* what) {
  const auto size = need_number(entry / "size");
  if (size == 0) throw Error(Errc::parse_error, (entry / "size").string(), std::string(what) + " of size 0");
  return size;
}

// The entries PREFIX<K> of `folder` (maps/mapK, portio/portK) by K, each with its index and
// name and what `fill` reads from its folder; none when the folder is missing.
template <class Info, class F>
std::vector<Info> read_entries(const fs::path& folder, std::string_view prefix, F fill) {
  std::vector<Info> out;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return out;
  for (const auto& e : fs::directory_iterator(folder)) {
    const std::string n = e.path().filename().string();
    Info info;
    if (n.rfind(prefix, 0) != 0 || !parse_index(std::string_view(n).substr(prefix.size()), info.index)) continue;
    info.name = read_line(e.path() / "name").value_or("");
    fill(e.path(), info);
    out.push_back(std::move(info));
  }
  std::sort(out.begin(), out.end(), [](const Info& a, const Info& b) { return a.index < b.index; });
  return out;
}

DeviceInfo read_device(unsigned number, const Paths& paths) {
  DeviceInfo d;
  d.number = number;
  const fs::path dir = fs::path(paths.sysfs) / ("uio" + std::to_string(number));
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(Errc::not_found, dir.string(), "lookup of UIO device " + std::to_string(number), {}, 0,
                "is the UIO driver loaded and bound? (ls " + paths.sysfs + ")");
  d.sysfs_path = dir.string();
  d.dev_path = (fs::path(paths.dev) / ("uio" + std::to_string(number))).string();
  d.name = need_attr(dir / "name");
  d.version = read_line(dir / "version").value_or("");

  // The parent device: its driver and, for PCI, its config space (uio_pci_generic's unmask).
  const fs::path parent = dir / "device";
  if (fs::exists(parent / "driver", ec)) d.driver = fs::read_symlink(parent / "driver", ec).filename().string();
  if (fs::exists(parent / "config", ec)) d.pci_config = (parent / "config").string();

  d.maps = read_entries<MapInfo>(dir / "maps", "map", [](const fs::path& p, MapInfo& m) {
    m.addr = need_number(p / "addr");
    m.size = need_size(p, "map");
    if (auto off = read_line(p / "offset")) m.offset = parse_number(p / "offset", *off);
  });
  d.ports = read_entries<PortInfo>(dir / "portio", "port", [](const fs::path& p, PortInfo& port) {
    port.start = need_number(p / "start");
    port.size = need_size(p, "port region");
    port.porttype = need_attr(p / "porttype");
  });
  return d;
}

std::string map_list(const DeviceInfo& d) {
  if (d.maps.empty()) return "it has no maps";
  std::string s = "its maps are";
  for (const auto& m : d.maps) s += " " + std::to_string(m.index) + (m.name.empty() ? "" : " (" + m.name + ")");
  return s;
}

std::string port_list(const DeviceInfo& d) {
  if (d.ports.empty()) return "it has no port regions (portio/)";
  std::string s = "its port regions are";
  for (const auto& p : d.ports) s += " " + std::to_string(p.index) + (p.name.empty() ? "" : " (" + p.name + ")");
  return s;
}

// The PID in a lock record, if that process still exists.
std::optional<long> live_pid(const fs::path& record) {
  auto text = read_line(record);
  if (!text) return std::nullopt;
  long pid = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), pid);
  if (ec != std::errc{} || pid <= 0) return std::nullopt;
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return std::nullopt;
  return pid;
}

}  // namespace

const MapInfo& DeviceInfo::map(unsigned index) const {
  for (const auto& m : maps)
    if (m.index == index) return m;
  throw Error(Errc::not_found, dev_path, "map " + std::to_string(index) + " of UIO device '" + name + "'", {}, 0,
              map_list(*this));
}

const MapInfo& DeviceInfo::map(std::string_view wanted) const {
  for (const auto& m : maps)
    if (m.name == wanted) return m;
  throw Error(Errc::not_found, dev_path, "map '" + std::string(wanted) + "' of UIO device '" + name + "'", {}, 0,
              map_list(*this));
}

const PortInfo& DeviceInfo::port(unsigned index) const {
  for (const auto& p : ports)
    if (p.index == index) return p;
  throw Error(Errc::not_found, dev_path, "port region " + std::to_string(index) + " of UIO device '" + name + "'", {}, 0,
              port_list(*this));
}

std::vector<DeviceInfo> list(const Paths& paths) {
  std::vector<DeviceInfo> out;
  std::error_code ec;
  if (!fs::is_directory(paths.sysfs, ec)) return out;  // no UIO core loaded: no devices
  for (const auto& e : fs::directory_iterator(paths.sysfs)) {
    const std::string n = e.path().filename().string();
    unsigned idx = 0;
    if (n.rfind("uio", 0) == 0 && parse_index(std::string_view(n).substr(3), idx)) out.push_back(read_device(idx, paths));
  }
  std::sort(out.begin(), out.end(), [](const DeviceInfo& a, const DeviceInfo& b) { return a.number < b.number; });
  return out;
}

DeviceInfo info(unsigned number, const Paths& paths) { return read_device(number, paths); }

DeviceInfo find(std::string_view which, const Paths& paths) {
  unsigned idx = 0;
  if (parse_index(which, idx)) return read_device(idx, paths);
  if (which.rfind("uio", 0) == 0 && parse_index(which.substr(3), idx)) return read_device(idx, paths);
  if (which.rfind("/dev/uio", 0) == 0 && parse_index(which.substr(8), idx)) return read_device(idx, paths);
  std::vector<DeviceInfo> hits;
  std::string names;
  for (auto& d : list(paths)) {
    names += (names.empty() ? "" : ", ") + ("uio" + std::to_string(d.number)) + " (" + d.name + ")";
    if (d.name == which) hits.push_back(std::move(d));
  }
  if (hits.size() == 1) return std::move(hits.front());
  if (hits.empty()) {
    std::string hint = names.empty() ? "there are no UIO devices" : "the devices are " + names;
    const std::string stub = detail::stub_hint(paths);
    hint += stub.empty() ? (names.empty() ? ": is the driver loaded and bound?" : "") : "; " + stub;
    throw Error(Errc::not_found, paths.sysfs, "lookup of UIO device '" + std::string(which) + "'", {}, 0, hint);
  }
  throw Error(Errc::invalid_argument, paths.sysfs, "lookup of UIO device '" + std::string(which) + "'", {}, 0,
              "several devices have that name (" + names + "); give the number instead");
}

// ---- UioInterrupt ---------------------------------------------------------------------------

UioInterrupt::UioInterrupt(int fd, std::string what, std::optional<std::string> pci_config,
                           std::optional<std::uint32_t> baseline)
    : fd_(fd), what_(std::move(what)), pci_config_(std::move(pci_config)), last_(baseline) {}

std::string UioInterrupt::describe() const { return what_; }

IrqEvents UioInterrupt::consume() {
  std::uint32_t now = 0;
  for (;;) {
    const ssize_t n = ::read(fd_, &now, sizeof now);
    if (n == static_cast<ssize_t>(sizeof now)) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EIO)
      throw Error(Errc::unsupported, what_, "read of the interrupt count", {}, EIO,
                  "the device has no interrupt (its driver registered none)");
    if (n < 0) throw_sys(Errc::uio_read, what_, "read of the interrupt count", errno);
    throw Error(Errc::uio_read, what_, "read of the interrupt count returned " + std::to_string(n) + " bytes");
  }
  IrqEvents ev;
  // The kernel's count is a wrapping 32-bit counter; unsigned subtraction handles the wrap.
  // Without a baseline (sysfs event unreadable) the first read counts as one event.
  ev.count = last_ ? static_cast<std::uint32_t>(now - *last_) : 1;
  if (ev.count == 0) ev.count = 1;  // the baseline was read just after this event
  last_ = now;
  total_ += ev.count;
  ev.total = total_;
  return ev;
}

void UioInterrupt::set_pci_intx(bool enabled) {
  if (!pci_config_)
    throw Error(Errc::uio_irqcontrol, what_, std::string(enabled ? "enable" : "disable") + " of the interrupt",
                {}, ENOSYS, "the driver has no irqcontrol and the parent is not a PCI device");
  const int cfd = ::open(pci_config_->c_str(), O_RDWR | O_CLOEXEC);
  if (cfd < 0) throw_sys(Errc::uio_irqcontrol, *pci_config_, "open of PCI config space", errno);
  std::uint16_t cmd = 0;
  // PCI command register, offset 4; bit 10 is INTx Disable.
  if (::pread(cfd, &cmd, 2, 4) != 2) {
    const int err = errno;
    ::close(cfd);
    throw_sys(Errc::uio_irqcontrol, *pci_config_, "read of the PCI command register", err, 4);
  }
  const std::uint16_t want = enabled ? static_cast<std::uint16_t>(cmd & ~(1u << 10))
                                     : static_cast<std::uint16_t>(cmd | (1u << 10));
  if (want != cmd && ::pwrite(cfd, &want, 2, 4) != 2) {
    const int err = errno;
    ::close(cfd);
    throw_sys(Errc::uio_irqcontrol, *pci_config_, "write of the PCI command register", err, 4);
  }
  ::close(cfd);
}

static void irqcontrol(UioInterrupt::Control& control, int fd, const std::string& what, bool on,
                       const std::function<void(bool)>& pci) {
  if (control != UioInterrupt::Control::pci_command) {
    const std::int32_t v = on ? 1 : 0;
    for (;;) {
      const ssize_t n = ::write(fd, &v, sizeof v);
      if (n == static_cast<ssize_t>(sizeof v)) {
        control = UioInterrupt::Control::irqcontrol;
        return;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == ENOSYS) break;  // no irqcontrol: uio_pci_generic
      if (n < 0) throw_sys(Errc::uio_irqcontrol, what, std::string(on ? "enable" : "disable") + " (write of " +
                                                           std::to_string(v) + ")", errno);
      throw Error(Errc::uio_irqcontrol, what, "short write to irqcontrol");
    }
  }
  pci(on);
  control = UioInterrupt::Control::pci_command;
}

void UioInterrupt::enable() {
  irqcontrol(control_, fd_, what_, true, [this](bool on) { set_pci_intx(on); });
}

void UioInterrupt::disable() {
  irqcontrol(control_, fd_, what_, false, [this](bool on) { set_pci_intx(on); });
}

// ---- Device ---------------------------------------------------------------------------------

struct Device::Impl {
  DeviceInfo info;
  Access access = Access::exclusive;
  int fd = -1;
  std::string record;  // PID record we wrote, removed on close
  std::unique_ptr<UioInterrupt> irq;

  ~Impl() {
    if (!record.empty()) {
      // Only our own record: a stale file of a dead holder is replaced, never someone else's.
      auto pid = read_line(record);
      if (pid && *pid == std::to_string(::getpid())) ::unlink(record.c_str());
    }
    if (fd >= 0) ::close(fd);  // releases the flock
  }
};

Device::Device(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Device::Device(Device&&) noexcept = default;
Device& Device::operator=(Device&&) noexcept = default;
Device::~Device() = default;

const DeviceInfo& Device::info() const noexcept { return impl_->info; }
bool Device::read_only() const noexcept { return impl_->access == Access::shared_read_only; }
int Device::fd() const noexcept { return impl_->fd; }

Device Device::open(std::string_view which, const Options& opt) {
  auto impl = std::make_unique<Impl>();
  impl->info = find(which, opt.paths);
  impl->access = opt.access;
  const DeviceInfo& d = impl->info;
  const bool ro = opt.access == Access::shared_read_only;

  // The count before we open: the fd's first read returns the running total, and the events
  // before this point are not ours.
  std::optional<std::uint32_t> baseline;
  if (auto ev = read_line(fs::path(d.sysfs_path) / "event")) {
    try {
      baseline = static_cast<std::uint32_t>(parse_number(fs::path(d.sysfs_path) / "event", *ev));
    } catch (const Error&) {
    }
  }

  impl->fd = ::open(d.dev_path.c_str(), (ro ? O_RDONLY : O_RDWR) | O_CLOEXEC);
  if (impl->fd < 0) {
    const int err = errno;
    throw_sys(Errc::open_failed, d.dev_path, "open of UIO device '" + d.name + "'", err, {},
              err == ENOENT ? "no device node: is devtmpfs mounted on " + opt.paths.dev + "?"
                            : uiokit::detail::access_refused(err) ? uiokit::detail::group_access_hint(d.dev_path) : "");
  }

  const std::string base = "uio" + std::to_string(d.number);
  if (!ro) {
    // flock belongs to this open file description: it goes with the last close, even if the
    // process dies, so a crashed driver never leaves the device locked.
    if (::flock(impl->fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      if (err != EWOULDBLOCK) throw_sys(Errc::busy, d.dev_path, "flock", err);
      const auto pid = live_pid(fs::path(opt.paths.run) / (base + ".pid"));
      throw Error(Errc::busy, d.dev_path,
                  "exclusive open (" + d.dev_path + " is in use by " +
                      (pid ? "PID " + std::to_string(*pid) : std::string("another process")) + ")",
                  {}, EWOULDBLOCK, "open it with shared read-only access to observe it while it is driven");
    }
    // The record only serves that message: failing to write it (not root) is not an error.
    std::error_code ec;
    fs::create_directories(opt.paths.run, ec);
    const fs::path rec = fs::path(opt.paths.run) / (base + ".pid");
    if (uiokit::detail::write_file(rec, std::to_string(::getpid()) + "\n") == 0) impl->record = rec.string();
    impl->irq.reset(new UioInterrupt(impl->fd, base + " (" + d.name + ")", d.pci_config, baseline));
  }
  return Device(std::move(impl));
}

Region Device::map(unsigned index) const {
  const MapInfo& m = impl_->info.map(index);
  MapRequest req;
  req.offset = static_cast<std::uint64_t>(index) * page_size() + m.offset;
  req.size = window_size(m.size, impl_->info.dev_path);
  req.writable = !read_only();
  req.info.name = m.name.empty() ? "map" + std::to_string(index) : m.name;
  req.info.source = impl_->info.dev_path;
  if (m.addr != 0) req.info.phys = m.addr + m.offset;
  if (m.offset >= page_size())
    throw Error(Errc::parse_error, impl_->info.sysfs_path + "/maps/map" + std::to_string(index) + "/offset",
                "map offset " + hex(m.offset) + " is not inside the first page");
  try {
    return map_fd(impl_->fd, req);
  } catch (const Error& e) {
    if (e.code() == Errc::mmap_failed && e.sys_errno() == EINVAL)
      throw Error(Errc::mmap_failed, impl_->info.dev_path,
                  "mmap of map " + std::to_string(index) + " (" + hex(m.size) + " bytes)", m.addr, EINVAL,
                  "the UIO core refuses a mapping longer than the map; a map whose size is not a page multiple "
                  "cannot be mapped whole");
    throw;
  }
}

Region Device::map(std::string_view name) const { return map(impl_->info.map(name).index); }

UioInterrupt& Device::irq() {
  if (!impl_->irq)
    throw Error(Errc::invalid_argument, impl_->info.dev_path, "interrupt access", {}, 0,
                "the device was opened shared read-only; interrupts need exclusive access");
  return *impl_->irq;
}

}  // namespace uiokit::uio
