// SPDX-License-Identifier: MIT
#include "uiokit/pci/bind.hpp"

#include <unistd.h>

#include <cerrno>

#include "../text_file.hpp"

namespace uiokit::pci {
namespace fs = std::filesystem;

namespace {

std::string read_first_line(const fs::path& p) { return detail::read_line(p).value_or(""); }

}  // namespace

void Binder::write_attr(const fs::path& path, const std::string& value, const Address& address, const char* doing) const {
  // One write() per attribute: the kernel parses each write as a whole.
  if (const int err = detail::write_file(path, value))
    throw Error(Errc::pci_bind, address.str(), std::string(doing) + " (write \"" + value + "\" to " + path.string() + ")", {},
                err);
  if (o_.after_write) o_.after_write(path, value);
}

std::vector<Holder> Binder::holders(const Address& address) const {
  std::vector<std::string> targets;
  if (auto g = iommu_group(o_.sysfs, address)) {
    targets.push_back((o_.dev / "vfio" / std::to_string(*g)).string());
    targets.push_back((o_.dev / "vfio" / ("noiommu-" + std::to_string(*g))).string());
  }
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(o_.sysfs.device(address) / "uio", ec))
    targets.push_back((o_.dev / e.path().filename()).string());
  // A process with a BAR mapped through sysfs shows it in /proc/PID/maps under the device's
  // real directory.
  const auto real = fs::canonical(o_.sysfs.device(address), ec);
  const std::string resource_prefix = ec ? std::string() : (real / "resource").string();

  std::vector<Holder> out;
  for (const auto& p : fs::directory_iterator(o_.proc, ec)) {
    const auto name = p.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const int pid = std::stoi(name);
    auto add = [&](const std::string& what) {
      for (const auto& h : out)
        if (h.pid == pid && h.what == what) return;
      out.push_back(Holder{pid, read_first_line(p.path() / "comm"), what});
    };
    std::error_code ec2;
    for (const auto& fd : fs::directory_iterator(p.path() / "fd", ec2)) {
      std::error_code ec3;
      const auto t = fs::read_symlink(fd.path(), ec3).string();
      for (const auto& want : targets)
        if (!ec3 && t == want) add(t);
    }
    if (!resource_prefix.empty()) {
      // A process's maps can be megabytes long; one that is longer still is skipped.
      const auto maps = detail::read_file(p.path() / "maps", std::size_t{64} << 20);
      detail::for_each_line(maps.value_or(""), [&](std::string_view line) {
        const auto at = line.find(resource_prefix);
        if (at != std::string_view::npos) add(std::string(line.substr(at)));
      });
    }
  }
  return out;
}

void Binder::refuse_if_held(const Address& address, const char* doing) const {
  const auto hs = holders(address);
  if (hs.empty()) return;
  std::string who;
  for (const auto& h : hs) {
    if (!who.empty()) who += ", ";
    who += "PID " + std::to_string(h.pid) + " (" + h.command + ") holds " + h.what;
  }
  throw Error(Errc::busy, address.str(), std::string("refusing to ") + doing + ": " + who, {}, 0,
              "stop that process first; unbinding under it would revoke its mappings");
}

std::optional<std::string> Binder::remembered(const Address& address) const {
  const auto p = o_.state_dir / address.str();
  std::error_code ec;
  if (!fs::exists(p, ec)) return std::nullopt;
  return read_first_line(p);
}

void Binder::remember(const Address& address, const std::optional<std::string>& driver) const {
  if (remembered(address)) return;  // keep the original driver across several binds
  std::error_code ec;
  fs::create_directories(o_.state_dir, ec);
  if (const int err = detail::write_file(o_.state_dir / address.str(), driver.value_or("") + "\n"))
    throw Error(Errc::io_failed, (o_.state_dir / address.str()).string(), "remember the previous driver", {}, err,
                "restore needs it; is the state directory writable?");
}

std::optional<std::string> Binder::bind(const Address& address, const std::string& driver) {
  require(o_.sysfs, address);
  std::error_code ec;
  if (!fs::exists(o_.sysfs.driver(driver), ec))
    throw Error(Errc::not_found, driver, "no such PCI driver is loaded (" + o_.sysfs.driver(driver).string() + " is missing)",
                {}, 0, "modprobe " + driver);
  const auto before = bound_driver(o_.sysfs, address);
  if (before == driver) return before;
  if (before) refuse_if_held(address, ("unbind it from " + *before).c_str());
  remember(address, before);

  const auto dev = o_.sysfs.device(address);
  const auto bdf = address.str();
  auto roll_back = [&] {
    try {
      write_attr(dev / "driver_override", "\n", address, "clear driver_override");
      if (before && bound_driver(o_.sysfs, address) != before)
        write_attr(o_.sysfs.driver(*before) / "bind", bdf, address, "rebind to the previous driver");
    } catch (const Error&) {
      // The original error matters more; the state file still names the old driver.
    }
  };

  write_attr(dev / "driver_override", driver, address, "set driver_override");
  try {
    if (before) write_attr(o_.sysfs.driver(*before) / "unbind", bdf, address, ("unbind from " + *before).c_str());
    try {
      write_attr(o_.sysfs.root / "bus/pci/drivers_probe", bdf, address, "probe");
    } catch (const Error&) {
      // drivers_probe fails when no driver took the device; the check below says so better.
    }
  } catch (...) {
    roll_back();
    throw;
  }
  const auto after = bound_driver(o_.sysfs, address);
  if (after != driver) {
    roll_back();
    throw Error(Errc::pci_bind, bdf, "driver " + driver + " did not take the device" + (before ? "; rebound to " + *before : std::string("; left unbound")),
                {}, 0,
                driver == "vfio-pci" ? "vfio-pci needs the device in an IOMMU group (intel_iommu=on); see dmesg"
                                     : "see dmesg for the driver's probe error");
  }
  return before;
}

void Binder::unbind(const Address& address) {
  require(o_.sysfs, address);
  const auto before = bound_driver(o_.sysfs, address);
  if (!before) return;
  refuse_if_held(address, ("unbind it from " + *before).c_str());
  remember(address, before);
  write_attr(o_.sysfs.driver(*before) / "unbind", address.str(), address, ("unbind from " + *before).c_str());
}

std::string Binder::restore(const Address& address) {
  require(o_.sysfs, address);
  const auto want = remembered(address);
  if (!want)
    throw Error(Errc::not_found, address.str(), "no previous driver remembered (nothing was bound or unbound through uiokit)",
                {}, 0, (o_.state_dir / address.str()).string() + " is where it would be");
  const auto bdf = address.str();
  const auto dev = o_.sysfs.device(address);
  const auto cur = bound_driver(o_.sysfs, address);
  const std::optional<std::string> target = want->empty() ? std::nullopt : want;
  if (cur != target) {
    if (cur) {
      refuse_if_held(address, ("unbind it from " + *cur).c_str());
      write_attr(o_.sysfs.driver(*cur) / "unbind", bdf, address, ("unbind from " + *cur).c_str());
    }
  }
  write_attr(dev / "driver_override", "\n", address, "clear driver_override");
  if (target && bound_driver(o_.sysfs, address) != target) {
    std::error_code ec;
    if (!fs::exists(o_.sysfs.driver(*target), ec))
      throw Error(Errc::not_found, *target, "the remembered driver is not loaded; the device stays unbound", {}, 0,
                  "modprobe " + *target + ", then restore again");
    write_attr(o_.sysfs.driver(*target) / "bind", bdf, address, ("bind to " + *target).c_str());
    if (bound_driver(o_.sysfs, address) != target)
      throw Error(Errc::pci_bind, bdf, "driver " + *target + " did not take the device back", {}, 0, "see dmesg");
  }
  std::error_code ec;
  fs::remove(o_.state_dir / bdf, ec);
  return want->empty() ? std::string("(none)") : *want;
}

}  // namespace uiokit::pci
