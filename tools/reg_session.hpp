// SPDX-License-Identifier: MIT
// What every `uiokit reg` subcommand shares: the options of `reg` itself, a command-line target
// resolved to an offset or an SVD register (maybe a field), and the Session that loads the SVD,
// opens the device once and places registers in its window.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "uiokit/address/open.hpp"
#include "uiokit/svd/cache.hpp"
#include "uiokit/svd/locate.hpp"
#include "uiokit/svd/lookup.hpp"
#include "uiokit/svd/parse.hpp"
#include "uiokit/reg/report.hpp"

namespace uiokit::cli {

struct RegOptions {
  std::string device, svd, dtb;
  bool json = false, reset = false, force = false, big_endian = false, dry_run = false, keep_duplicates = false;
  unsigned width = 32;
  unsigned timeout_ms = 5000;  // a reply from a remote transport (gdb:)
};

// One thing on the command line resolved: a raw offset or an SVD register (maybe a field).
using Resolved = reg::Shown;

// svd::load_cached of a file or shipped name (`only`: as there).
inline svd::Device load_svd(const std::string& name_or_path, bool keep_duplicates, const std::vector<std::string>& only = {}) {
  svd::Limits limits;
  limits.keep_duplicates = keep_duplicates;
  return svd::load_cached(svd::locate(name_or_path), limits, only);
}

// The peripherals a command's targets name ("P" of "P.REG.FIELD"); none if a target is a number
// or nothing is named (the whole description is needed, or none).
inline std::vector<std::string> named_peripherals(const std::vector<std::string>& targets) {
  std::vector<std::string> heads;
  for (const auto& t : targets) {
    if (t.empty() || parse_number(t)) return {};
    heads.push_back(t.substr(0, t.find('.')));
  }
  return heads;
}

class Session {
 public:
  // `targets`: the names the command will look up, so that a large description's model is
  // read for their peripherals only (svd::load_cached's `only`); lookups give what they would
  // in the whole model, which is loaded when a name is not found in the part.
  //
  // `open` opens the device: open_transport, or open_local_transport where the program links no
  // GDB client (the `uiokit` front end, one_shot.hpp).
  using Opener = std::unique_ptr<Transport> (*)(const DeviceAddress&, const OpenOptions&);
  explicit Session(const RegOptions& o, const std::vector<std::string>& targets = {}, Opener open = open_transport)
      : o_(o), open_(open) {
    if (o_.width != 8 && o_.width != 16 && o_.width != 32 && o_.width != 64)
      throw Error(Errc::bad_width, std::to_string(o_.width), "width must be 8, 16, 32 or 64");
    if (o_.svd.empty()) return;
    const auto only = named_peripherals(targets);
    svd_ = &models_.emplace_back(load_svd(o_.svd, o_.keep_duplicates, only));
    partial_ = !only.empty();
    for (const auto& w : svd_->warnings) std::fprintf(stderr, "%s\n", w.c_str());
  }

  // The description as loaded: every peripheral unless targets were given.
  const svd::Device* svd() const { return svd_; }

  // `name` looked up as svd::find does in the whole description. A part holds the peripherals
  // of the targets (whatever their letter case), so a name found there by its peripheral is the
  // one the whole gives; anything else is looked up in the whole, loaded now (the part stays, so
  // that what was found in it stays valid).
  svd::Target find(const std::string& name) {
    if (!svd_) throw Error(Errc::invalid_argument, name, "a register name needs an SVD description", {}, 0, "pass --svd FILE or --svd NAME (e.g. pl111)");
    if (partial_) {
      try {
        auto t = svd::find(*svd_, name);
        if (svd::iequal(t.peripheral->name, std::string_view(name).substr(0, name.find('.')))) return t;
      } catch (const Error& e) {
        if (e.code() != Errc::not_found) throw;
      }
      svd_ = &models_.emplace_back(load_svd(o_.svd, o_.keep_duplicates));
      partial_ = false;
    }
    return svd::find(*svd_, name);
  }

  Endian endian() const { return o_.big_endian ? Endian::big : Endian::little; }

  // Opens the device on first use, over whatever carries its registers (a mapping, a GDB
  // stub, I/O ports); `writable` for the whole session's first need.
  Transport& region(const svd::Peripheral* hint, bool writable) {
    if (region_) return *region_;
    OpenOptions oo;
    oo.writable = writable;
    oo.dtb = o_.dtb;
    oo.timeout = std::chrono::milliseconds(o_.timeout_ms);
    if (!o_.device.empty()) {
      region_ = open_(parse_address(o_.device), oo);
    } else if (hint && hint->base != 0) {
      DeviceAddress a;
      a.scheme = DeviceAddress::Scheme::mem;
      a.offset = hint->base;
      a.size = hint->block_size ? hint->block_size : 0x1000;
      a.text = to_string(a);
      region_ = open_(a, oo);
    } else {
      throw Error(Errc::invalid_argument, "reg", "no device given", {}, 0, "pass -d ADDRESS (uio:NAME, pci:BDF:barN, mem:ADDR+SIZE, ...)");
    }
    return *region_;
  }

  Resolved resolve(const std::string& target) {
    Resolved r;
    r.name = target;
    if (auto off = parse_number(target)) {
      r.offset = *off;
      r.bits = o_.width;
      return r;
    }
    auto t = find(target);
    if (!t.reg) throw Error(Errc::invalid_argument, target, "names a peripheral, not a register", {}, 0, "use dump for a whole peripheral");
    r.name = t.name();
    r.peripheral = t.peripheral;
    r.reg = t.reg;
    r.field = t.field;
    r.bits = t.reg->size;
    return r;
  }

  // Where a register is in the window: if the window starts at a known address that holds the
  // peripheral, relative to that; otherwise the window is the peripheral itself.
  std::uint64_t place(Resolved& r, Transport& reg) {
    if (r.reg) {
      std::uint64_t base = 0;
      if (auto phys = reg.address(); phys && r.peripheral->base >= *phys && r.peripheral->base - *phys < reg.size())
        base = r.peripheral->base - *phys;
      r.offset = base + r.reg->offset;
    }
    const unsigned bytes = r.bits / 8;
    if (r.offset + bytes > reg.size() || r.offset + bytes < r.offset)
      throw Error(Errc::out_of_range, r.name, "offset " + hex(r.offset) + " is outside the device's window (" + reg.describe() + ")");
    if (r.offset % bytes)
      throw Error(Errc::misaligned, r.name, "offset " + hex(r.offset) + " is not a multiple of the " + std::to_string(bytes) + "-byte width");
    return r.offset;
  }

  std::uint64_t load(Resolved& r, Transport& reg) { return reg.read(static_cast<std::size_t>(place(r, reg)), r.bits / 8, endian()); }
  void store(Resolved& r, Transport& reg, std::uint64_t v) {
    place(r, reg);
    if (o_.dry_run) return;
    reg.write(static_cast<std::size_t>(r.offset), r.bits / 8, v, endian());
  }

  const RegOptions& options() const { return o_; }

 private:
  RegOptions o_;
  Opener open_;
  std::deque<svd::Device> models_;  // the part first, if one was loaded
  const svd::Device* svd_ = nullptr;
  bool partial_ = false;
  std::unique_ptr<Transport> region_;
};

}  // namespace uiokit::cli
