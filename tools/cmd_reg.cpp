// SPDX-License-Identifier: MIT
// `uiokit reg`: read, write, modify and dump device registers, by offset or, with a CMSIS-SVD
// description, by name with decoded fields.
//
//   uiokit reg -d ADDRESS [--svd FILE|NAME] read TARGET...
//   uiokit reg -d ADDRESS [--svd ...] write TARGET VALUE
//   uiokit reg -d ADDRESS [--svd ...] modify TARGET [--set MASK] [--clear MASK] [FIELD=VALUE...]
//   uiokit reg -d ADDRESS [--svd ...] dump [TARGET] [--length N]
//
// TARGET is an offset (0x40) or a name (PERIPH.REG, PERIPH.REG.FIELD; REG alone when the SVD
// has one peripheral). ADDRESS is the shared device-address syntax (uiokit/address/address.hpp);
// without -d, an SVD peripheral with a non-zero base address is opened through /dev/mem. Any
// transport serves (uiokit/transport.hpp): a mapping, or a GDB stub for a board before Linux.
// Every check (name, access, value fit, window) runs before the first store, so a refused
// command writes nothing.
#if defined(UIOKIT_HAVE_SVD) && __has_include(<nlohmann/json.hpp>)
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/mentioned.hpp"
#include "cli/named_subcommand.hpp"
#include "cli/reg_command.hpp"
#include "reg_print.hpp"
#include "reg_session.hpp"
#include "uiokit/reg/dump.hpp"
#include "uiokit/svd/write.hpp"

namespace uiokit::cli {
namespace {

void emit(const RegOptions& o, const json& j) {
  if (o.json) std::cout << j.dump(2) << "\n";
}

void cmd_read(Session& s, const std::vector<std::string>& targets) {
  std::vector<Resolved> rs;
  for (const auto& t : targets) {
    rs.push_back(s.resolve(t));
    if (rs.back().reg) svd::check_readable(*rs.back().reg, s.options().force, rs.back().name);
  }
  Transport& reg = s.region(rs.empty() ? nullptr : rs.front().peripheral, false);
  json out = json::array();
  for (auto& r : rs) {
    const auto v = s.load(r, reg);
    if (s.options().json) out.push_back(value_json(r, v, reg.address()));
    else print_value(r, v, s.options().reset);
  }
  emit(s.options(), rs.size() == 1 && s.options().json ? out[0] : out);
}

void report_write(Session& s, const Resolved& r, std::optional<std::uint64_t> before, std::uint64_t written) {
  if (s.options().json) {
    json j;
    j["name"] = r.name;
    j["offset"] = r.offset;
    if (before) j["before"] = *before;
    j["written"] = written;
    j["dry_run"] = s.options().dry_run;
    emit(s.options(), j);
  } else {
    std::printf("%s [%s] %s %s%s\n", r.name.c_str(), hex(r.offset).c_str(),
                before ? (hexw(*before, r.bits) + " ->").c_str() : "<-", hexw(written, r.bits).c_str(),
                s.options().dry_run ? " (dry run: not written)" : "");
  }
}

// The current value for a read-modify-write, or nothing when the register cannot be read
// (write-only) — the reset value stands in then. A read with side effects needs --force.
std::optional<std::uint64_t> current(Session& s, Resolved& r, Transport& reg) {
  if (r.reg && !reg::can_read(r.reg->access)) return std::nullopt;
  if (r.reg) svd::check_readable(*r.reg, s.options().force, r.name + " (read for read-modify-write)");
  return s.load(r, reg);
}

void cmd_write(Session& s, const std::string& target, const std::string& value_text) {
  Resolved r = s.resolve(target);
  if (!r.reg) {
    auto v = parse_number(value_text);
    if (!v) throw Error(Errc::invalid_argument, value_text, "not a number");
    if (r.bits < 64 && (*v >> r.bits)) throw Error(Errc::invalid_argument, value_text, "does not fit " + std::to_string(r.bits) + " bits; nothing written");
    Transport& reg = s.region(nullptr, true);
    s.store(r, reg, *v);
    report_write(s, r, std::nullopt, *v);
    return;
  }
  svd::check_writable(*r.reg, r.field, r.name);
  if (!r.field) {
    auto v = parse_number(value_text);
    if (!v) throw Error(Errc::invalid_argument, value_text, "not a number");
    svd::check_register_value(*r.reg, *v, r.name);
    Transport& reg = s.region(r.peripheral, true);
    s.place(r, reg);
    s.store(r, reg, *v);
    report_write(s, r, std::nullopt, *v);
    return;
  }
  const auto v = svd::parse_field_value(*r.field, value_text, r.name);
  Transport& reg = s.region(r.peripheral, true);
  const auto cur = current(s, r, reg);
  const auto planned = svd::plan_field_write(*r.reg, *r.field, v, cur);
  s.store(r, reg, planned);
  report_write(s, r, cur, planned);
}

void cmd_modify(Session& s, const std::string& target, const std::string& set_text, const std::string& clear_text,
                const std::vector<std::string>& assignments) {
  Resolved r = s.resolve(target);
  if (r.field) throw Error(Errc::invalid_argument, r.name, "modify takes a register; to set a field use write " + r.name + " VALUE");
  auto mask = [&](const std::string& t) -> std::uint64_t {
    if (t.empty()) return 0;
    auto v = parse_number(t);
    if (!v) throw Error(Errc::invalid_argument, t, "not a number");
    if (r.bits < 64 && (*v >> r.bits)) throw Error(Errc::invalid_argument, t, "does not fit " + std::to_string(r.bits) + " bits; nothing written");
    return *v;
  };
  std::uint64_t set = mask(set_text), clear = mask(clear_text);
  if (set & clear) throw Error(Errc::invalid_argument, r.name, "--set and --clear overlap");
  if (r.reg) svd::check_mask_writable(*r.reg, set | clear, r.name);
  for (const auto& a : assignments) {
    if (!r.reg) throw Error(Errc::invalid_argument, a, "FIELD=VALUE needs an SVD register");
    auto eq = a.find('=');
    if (eq == std::string::npos) throw Error(Errc::invalid_argument, a, "expected FIELD=VALUE");
    auto t = svd::find(*s.svd(), r.name + "." + a.substr(0, eq));
    if (t.reg != r.reg || !t.field) throw Error(Errc::not_found, a.substr(0, eq), "not a field of " + r.name);
    svd::check_writable(*r.reg, t.field, t.name());
    const auto v = svd::parse_field_value(*t.field, a.substr(eq + 1), t.name());
    clear |= t.field->mask() & ~(v << t.field->lsb);
    set |= (v << t.field->lsb) & t.field->mask();
  }
  if (r.reg) svd::check_writable(*r.reg, nullptr, r.name);
  Transport& reg = s.region(r.peripheral, true);
  const auto cur = current(s, r, reg);
  std::uint64_t planned;
  if (r.reg) planned = svd::plan_modify(*r.reg, set, clear, cur);
  else planned = (cur.value_or(0) & ~clear) | set;
  s.store(r, reg, planned);
  report_write(s, r, cur, planned);
}

// After a dump that went on past registers the window cannot hold: the exit status, and a
// window sized from the registers' extent (the addressBlock may be wrong, or the window small).
[[noreturn]] void unreadable_error(const std::vector<const svd::Peripheral*>& unreadable, const Transport& window) {
  const svd::Peripheral& p = *unreadable.front();
  std::uint64_t extent = 0;
  for (const auto& r : p.registers) extent = std::max(extent, r.offset + r.bytes());
  throw Error(Errc::out_of_range, p.name, std::to_string(unreadable.size()) + " register(s) could not be read in the window (" + window.describe() + ")",
              {}, 0, "the registers of " + p.name + " reach " + hex(extent) + (p.block_size ? " (its addressBlock ends at " + hex(p.block_size) + ")" : std::string()) +
                         ": a window of that size, e.g. -d mem:" + hex(p.base) + "+" + hex(extent));
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

void cmd_dump(Session& s, const std::string& target, std::uint64_t length) {
  const auto& dev = s.svd();
  json out = json::array();
  if (dev && (target.empty() || !parse_number(target))) {
    // Named dump: every register of the peripheral(s), or the one named, decoded.
    std::vector<const svd::Peripheral*> ps;
    const svd::Register* only = nullptr;
    if (target.empty()) {
      for (const auto& p : dev->peripherals) ps.push_back(&p);
    } else {
      auto t = svd::find(*dev, target);
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

void setup_read(CLI::App& reg, std::shared_ptr<const RegOptions> o) {
  auto targets = std::make_shared<std::vector<std::string>>();
  auto* rd = reg.add_subcommand("read", "read registers or fields");
  rd->add_option("target", *targets, "offset or PERIPH.REG[.FIELD]")->required();
  rd->callback([o, targets] {
    Session s(*o);
    cmd_read(s, *targets);
  });
}

void setup_write(CLI::App& reg, std::shared_ptr<const RegOptions> o) {
  auto wt = std::make_shared<std::string>();
  auto wv = std::make_shared<std::string>();
  auto* wr = reg.add_subcommand("write", "write a register, or set one field (other fields keep their value; w1c flags are not touched)");
  wr->add_option("target", *wt, "offset or PERIPH.REG[.FIELD]")->required();
  wr->add_option("value", *wv, "number, or an enumerated value name for a field")->required();
  wr->callback([o, wt, wv] {
    Session s(*o);
    cmd_write(s, *wt, *wv);
  });
}

void setup_modify(CLI::App& reg, std::shared_ptr<const RegOptions> o) {
  auto mt = std::make_shared<std::string>();
  auto ms = std::make_shared<std::string>();
  auto mc = std::make_shared<std::string>();
  auto ma = std::make_shared<std::vector<std::string>>();
  auto* md = reg.add_subcommand("modify", "read-modify-write: set or clear bits, set fields");
  md->add_option("target", *mt, "offset or PERIPH.REG")->required();
  md->add_option("assignments", *ma, "FIELD=VALUE ...");
  md->add_option("--set", *ms, "bits to set");
  md->add_option("--clear", *mc, "bits to clear");
  md->callback([o, mt, ms, mc, ma] {
    Session s(*o);
    cmd_modify(s, *mt, *ms, *mc, *ma);
  });
}

void setup_dump(CLI::App& reg, std::shared_ptr<const RegOptions> o) {
  auto dt = std::make_shared<std::string>();
  auto dl = std::make_shared<std::uint64_t>(0);
  auto* dp = reg.add_subcommand("dump", "dump every register decoded (with --svd), or a range of words");
  dp->add_option("target", *dt, "PERIPH or PERIPH.REG (with --svd), or a start offset");
  dp->add_option("-l,--length", *dl, "bytes to dump from the offset (raw dump; default 256 or the window)");
  dp->callback([o, dt, dl] {
    Session s(*o);
    cmd_dump(s, *dt, *dl);
  });
}

// `reg`'s subcommands in the order `uiokit reg --help` lists them: these, then the ones of
// other files (reg_command.hpp).
std::vector<RegCommand> subcommands() {
  std::vector<RegCommand> all{{"read", setup_read}, {"write", setup_write}, {"modify", setup_modify}, {"dump", setup_dump}};
  all.insert(all.end(), reg_commands().begin(), reg_commands().end());
  return all;
}

void setup_reg(CLI::App& app, std::span<char* const> rest) {
  auto o = std::make_shared<RegOptions>();
  auto* reg = app.add_subcommand("reg", "Read and write device registers, by offset or by SVD name");
  reg->fallthrough();
  reg->require_subcommand(1);
  // Only the options the command line can refer to (all of them for --help; mentioned.hpp).
  const Mentioned mentioned(rest);
  MentionedOptions add(*reg, mentioned);
  using Default = MentionedOptions::Default;
  add.option("-d,--device", o->device, "where the registers are: uio:NAME[:mapK|:portK], pci:BDF[:barK], vfio:..., dt:/path|compatible=C, mem:ADDR[+SIZE], file:PATH[+OFF[+SIZE]], gdb:HOST:PORT|unix:PATH:mem:ADDR[+SIZE], io:PORT[+SIZE]");
  add.option("--svd", o->svd, "CMSIS-SVD description: a file, or a name from share/uiokit/svd (pl111, pl110, pl031, s3c-rtc, edu, bochs-dispi, hpet, pci-testdev)");
  add.option("--dtb", o->dtb, "for dt: addresses, a .dtb file instead of /sys/firmware/fdt");
  add.option("--timeout", o->timeout_ms, "for gdb: addresses, how long a reply may take (ms)", Default::shown);
  add.option("-w,--width", o->width, "access width in bits for raw offsets (8, 16, 32, 64)", Default::shown);
  add.flag("--be", o->big_endian, "big-endian registers");
  add.flag("--json", o->json, "print JSON");
  add.flag("--reset", o->reset, "with --svd: show each register's reset value, and the fields that differ from theirs");
  add.flag("--force", o->force, "read registers whose read has side effects (readAction)");
  add.flag("-n,--dry-run", o->dry_run, "compute and print what would be written; write nothing");
  add.flag("--keep-duplicates", o->keep_duplicates, "an SVD file naming a register, field or peripheral twice: keep the first (warned) instead of refusing the file");

  // Only the subcommand the command line names, when it names one (named_subcommand.hpp).
  const auto at = named_subcommand(*reg, rest);
  const std::string_view named = at ? rest[*at] : "";
  const auto all = subcommands();
  const bool known = std::any_of(all.begin(), all.end(), [&](const RegCommand& c) { return named == c.name; });
  for (const auto& c : all)
    if (!known || named == c.name) c.setup(*reg, o);
}

UIOKIT_COMMAND("reg", setup_reg);

}  // namespace
}  // namespace uiokit::cli
#endif
