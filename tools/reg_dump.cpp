// SPDX-License-Identifier: MIT
// `uiokit reg dump`: every register of an SVD peripheral decoded, or a range of words.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "reg_access.hpp"
#include "reg_print.hpp"
#include "uiokit/reg/dump.hpp"

namespace uiokit::cli {
namespace {

// After a dump that went on past registers the window cannot hold: the exit status, and a
// window sized from the registers' extent (the addressBlock may be wrong, or the window small).
[[noreturn]] void unreadable_error(const std::vector<const svd::Peripheral*>& unreadable, const Transport& window) {
  // unreadable has one entry per register: each peripheral named once, in dump order, with the
  // window its registers need
  std::vector<const svd::Peripheral*> peripherals;
  std::string names, hint;
  for (const auto* p : unreadable) {
    if (std::find(peripherals.begin(), peripherals.end(), p) != peripherals.end()) continue;
    peripherals.push_back(p);
    std::uint64_t extent = 0;
    for (const auto& r : p->registers) extent = std::max(extent, r.offset + r.bytes());
    names += (names.empty() ? "" : ", ") + p->name;
    hint += (hint.empty() ? "" : "; ") + std::string("the registers of ") + p->name + " reach " + hex(extent) +
            (p->block_size ? " (its addressBlock ends at " + hex(p->block_size) + ")" : std::string()) +
            ": a window of that size, e.g. -d mem:" + hex(p->base) + "+" + hex(extent);
  }
  throw Error(Errc::out_of_range, names, std::to_string(unreadable.size()) + " register(s) could not be read in the window (" + window.describe() + ")",
              {}, 0, hint);
}

// One prefetch per run of adjacent registers the dump will read, so that a remote transport
// fetches them in a few round trips; a register left unread (write-only, read side effects,
// outside the window) ends a run and is never fetched.
void prefetch_registers(Session& s, Transport& reg, const svd::Peripheral& p, const svd::Register* only) {
  std::uint64_t start = 0, end = 0;
  auto flush = [&] {
    if (end > start) reg.prefetch(start, end - start);
    start = end = 0;
  };
  for (const auto& rg : p.registers) {
    if (only && &rg != only) continue;
    Resolved r;
    r.name = p.name + "." + rg.name;
    r.peripheral = &p;
    r.reg = &rg;
    r.bits = rg.size;
    const bool read = reg::can_read(rg.access) && (!rg.read_has_side_effects() || s.options().force);
    std::uint64_t off = 0;
    try {
      off = s.place(r, reg);
    } catch (const Error&) {
      flush();
      continue;
    }
    if (!read) {
      flush();
      continue;
    }
    if (end == start || off != end) flush(), start = off;
    end = off + rg.size / 8;
  }
  flush();
}

}  // namespace

void reg_dump(Session& s, const std::string& target, std::uint64_t length) {
  const auto& dev = s.svd();
  json out = json::array();
  if (dev && (target.empty() || !parse_number(target))) {
    // Named dump: every register of the peripheral(s), or the one named, decoded.
    std::vector<const svd::Peripheral*> ps;
    const svd::Register* only = nullptr;
    if (target.empty()) {
      for (const auto& p : dev->peripherals) ps.push_back(&p);
    } else {
      auto t = s.find(target);
      ps.push_back(t.peripheral);
      only = t.reg;
    }
    Transport& reg = s.region(ps.empty() ? nullptr : ps.front(), false);
    std::vector<const svd::Peripheral*> unreadable;  // one entry per register that could not be read
    for (const auto* p : ps) {
      prefetch_registers(s, reg, *p, only);
      reg::DumpIo io;
      io.place = [&](Resolved& r) -> std::string {
        try {
          s.place(r, reg);
        } catch (const Error& e) {
          // Where the file puts it, the register is outside the window or misaligned: said on
          // its own line, and the rest of the dump goes on.
          if (e.code() != Errc::out_of_range && e.code() != Errc::misaligned) throw;
          unreadable.push_back(p);
          return e.detail();
        }
        return {};
      };
      io.load = [&](const Resolved& r) { return reg.read(static_cast<std::size_t>(r.offset), r.bits / 8, s.endian()); };
      const reg::DumpOptions o{s.options().force, s.options().reset, reg.address(), only};
      if (s.options().json) reg::dump(*p, io, o, {}, &out);
      else reg::dump(*p, io, o, [](const std::string& t) { std::fputs(t.c_str(), stdout); }, nullptr);
    }
    emit(s.options(), out);
    if (!unreadable.empty()) unreadable_error(unreadable, reg);
    return;
  }
  // Raw dump: words of the chosen width from an offset.
  Transport& reg = s.region(nullptr, false);
  const unsigned bytes = s.options().width / 8;
  std::uint64_t start = target.empty() ? 0 : *parse_number(target);
  if (length == 0) length = std::min<std::uint64_t>(reg.size() - std::min<std::uint64_t>(start, reg.size()), 256);
  if (start < reg.size()) reg.prefetch(start, std::min(length, reg.size() - start));
  for (std::uint64_t off = start; off < start + length; off += bytes) {
    Resolved r;
    r.name = hex(off);
    r.offset = off;
    r.bits = s.options().width;
    const auto v = s.load(r, reg);
    if (s.options().json) {
      out.push_back(json{{"offset", off}, {"value", v}});
    } else {
      if ((off - start) % 16 == 0) std::printf("%s%08llx:", off == start ? "" : "\n", static_cast<unsigned long long>(off));
      std::printf(" %s", hexw(v, r.bits).c_str() + 2);
    }
  }
  if (s.options().json) emit(s.options(), out);
  else std::printf("\n");
}

}  // namespace uiokit::cli
