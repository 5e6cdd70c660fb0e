// SPDX-License-Identifier: MIT
#include "uiokit/pci/device.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "uiokit/backend/map_fd.hpp"
#include "../text_file.hpp"

namespace uiokit::pci {

struct SysfsDevice::Mapped {
  Region region;
  RemovalGuard guard;  // declared after region: unregistered before the region is unmapped
};

std::optional<Bar> parse_resource_line(std::string_view line, unsigned index) {
  Bar b;
  b.index = index;
  unsigned n = 0;
  detail::for_each_word(line, [&](std::string_view w) {
    const auto v = detail::parse_hex(w);
    if (v) (n == 0 ? b.start : n == 1 ? b.end : b.flags) = *v;
    return v && ++n < 3;
  });
  if (n != 3) return std::nullopt;
  return b;
}

std::vector<Bar> parse_resources(const std::string& text, const std::string& source) {
  std::vector<Bar> out;
  unsigned index = 0;
  detail::for_each_line(text, [&](std::string_view line) {
    if (line.empty()) return;
    const auto b = parse_resource_line(line, index++);
    if (!b)
      throw Error(Errc::parse_error, source, "line " + std::to_string(index) + " is not \"start end flags\": " + std::string(line));
    out.push_back(*b);
  });
  return out;
}

SysfsDevice::SysfsDevice(Address address, Sysfs sysfs) : address_(address), sysfs_(std::move(sysfs)) {
  require(sysfs_, address_);
  const auto res = sysfs_.device(address_) / "resource";
  const auto text = detail::read_file(res);
  if (!text) throw_sys(Errc::open_failed, res.string(), "read", errno);
  bars_ = parse_resources(*text, res.string());
  if (bars_.size() > 6) bars_.resize(6);  // the rest are the ROM and bridge windows
  const auto cfg = sysfs_.device(address_) / "config";
  config_fd_ = ::open(cfg.c_str(), O_RDWR | O_CLOEXEC);
  if (config_fd_ < 0) config_fd_ = ::open(cfg.c_str(), O_RDONLY | O_CLOEXEC);  // unprivileged: read the header
  if (config_fd_ < 0) throw_sys(Errc::open_failed, cfg.string(), "open", errno);
}

SysfsDevice::~SysfsDevice() {
  if (config_fd_ >= 0) ::close(config_fd_);
}

SysfsDevice::SysfsDevice(SysfsDevice&& o) noexcept
    : address_(o.address_), sysfs_(std::move(o.sysfs_)), bars_(std::move(o.bars_)),
      config_fd_(std::exchange(o.config_fd_, -1)), mapped_(std::move(o.mapped_)) {}

SysfsDevice& SysfsDevice::operator=(SysfsDevice&& o) noexcept {
  if (this != &o) {
    if (config_fd_ >= 0) ::close(config_fd_);
    address_ = o.address_;
    sysfs_ = std::move(o.sysfs_);
    bars_ = std::move(o.bars_);
    config_fd_ = std::exchange(o.config_fd_, -1);
    mapped_ = std::move(o.mapped_);
  }
  return *this;
}

Region& SysfsDevice::bar(unsigned index) { return map_bar(index, false); }

Region& SysfsDevice::bar_wc(unsigned index) {
  std::error_code ec;
  const bool wc = std::filesystem::exists(sysfs_.device(address_) / ("resource" + std::to_string(index) + "_wc"), ec);
  return map_bar(index, wc);
}

Region& SysfsDevice::map_bar(unsigned index, bool wc) {
  if (index >= 6 || index >= bars_.size() || !bars_[index].present())
    throw Error(Errc::not_found, address_.str(), "BAR " + std::to_string(index) + " does not exist", {}, 0,
                "the `resource` file lists the BARs; empty lines of zeros are unimplemented BARs");
  const unsigned slot = index + (wc ? 6u : 0u);
  if (mapped_[slot]) return mapped_[slot]->region;
  const Bar& b = bars_[index];
  const auto path = sysfs_.device(address_) / ("resource" + std::to_string(index) + (wc ? "_wc" : ""));
  if (b.io())
    throw Error(Errc::unsupported, path.string(), "BAR " + std::to_string(index) + " is an I/O port BAR, which cannot be mapped");
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  bool writable = true;
  if (fd < 0 && (errno == EACCES || errno == EPERM)) {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    writable = false;
  }
  if (fd < 0) throw_sys(Errc::open_failed, path.string(), "open", errno, {}, "mapping a BAR needs root");
  struct stat st {};
  // The size comes from fstat: lseek(SEEK_END) on a resource file returns 0.
  const int rc = ::fstat(fd, &st);
  const int err = errno;
  MapRequest req;
  req.size = window_size(static_cast<std::uint64_t>(st.st_size), path.string());
  req.backing_size = static_cast<std::uint64_t>(st.st_size);
  req.writable = writable;
  req.info.name = path.filename().string();
  req.info.source = path.string();
  req.info.phys = b.start;
  auto m = std::make_unique<Mapped>();
  try {
    if (rc != 0) throw_sys(Errc::stat_failed, path.string(), "fstat", err);
    m->region = map_fd(fd, req);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);  // the mapping keeps the file open
  m->guard = RemovalGuard(m->region);
  mapped_[slot] = std::move(m);
  return mapped_[slot]->region;
}

std::uint32_t SysfsDevice::config_read(std::uint32_t offset, unsigned width) const {
  if (width != 1 && width != 2 && width != 4)
    throw Error(Errc::bad_width, address_.str() + " config", std::to_string(width * 8) + "-bit access (config space takes 8, 16 or 32)");
  if (offset % width != 0)
    throw Error(Errc::misaligned, address_.str() + " config", std::to_string(width * 8) + "-bit access", offset);
  std::uint32_t v = 0;
  const auto n = ::pread(config_fd_, &v, width, offset);
  if (n < 0) throw_sys(Errc::io_failed, address_.str() + " config", "read", errno, offset);
  if (static_cast<unsigned>(n) != width)
    throw Error(Errc::out_of_range, address_.str() + " config", "read past the end of the visible config space", offset, 0,
                "unprivileged processes see only the first 64 bytes");
  return v;  // config space is little-endian, as is every host this builds for
}

void SysfsDevice::config_write(std::uint32_t offset, unsigned width, std::uint32_t value) {
  if (width != 1 && width != 2 && width != 4)
    throw Error(Errc::bad_width, address_.str() + " config", std::to_string(width * 8) + "-bit access (config space takes 8, 16 or 32)");
  if (offset % width != 0)
    throw Error(Errc::misaligned, address_.str() + " config", std::to_string(width * 8) + "-bit access", offset);
  if (width < 4 && value >> (width * 8) != 0)
    throw Error(Errc::invalid_argument, address_.str() + " config", "value " + hex(value) + " does not fit " + std::to_string(width * 8) + " bits", offset);
  const auto n = ::pwrite(config_fd_, &value, width, offset);
  if (n < 0) throw_sys(Errc::io_failed, address_.str() + " config", "write", errno, offset);
  if (static_cast<unsigned>(n) != width)
    throw Error(Errc::out_of_range, address_.str() + " config", "write past the end of config space", offset);
}

void SysfsDevice::set_command_bits(std::uint16_t set, std::uint16_t clear) {
  const auto cmd = command();
  config_write(0x04, 2, static_cast<std::uint16_t>((cmd & ~clear) | set));
}

void SysfsDevice::enable() {
  // With a driver bound the kernel refuses the write (EBUSY): enabling is then the driver's job,
  // and uio_pci_generic has done it in its probe.
  if (bound_driver(sysfs_, address_)) return;
  const auto path = sysfs_.device(address_) / "enable";
  if (const int err = detail::write_file(path, "1"))
    throw Error(Errc::io_failed, path.string(), "write 1 (enable the device)", {}, err);
}

bool SysfsDevice::check_present() {
  if (exists(sysfs_, address_)) return true;
  for (auto& m : mapped_)
    if (m) m->region.replace_with_ones();
  return false;
}

}  // namespace uiokit::pci
