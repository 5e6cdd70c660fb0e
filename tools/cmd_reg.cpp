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
#include <memory>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "cli/mentioned.hpp"
#include "cli/named_subcommand.hpp"
#include "cli/reg_command.hpp"
#include "reg_access.hpp"
#include "reg_options.hpp"
#include "reg_session.hpp"

namespace uiokit::cli {
namespace {

void setup_read(CLI::App& reg, std::shared_ptr<const RegOptions> o) {
  auto targets = std::make_shared<std::vector<std::string>>();
  auto* rd = reg.add_subcommand("read", "read registers or fields");
  rd->add_option("target", *targets, "offset or PERIPH.REG[.FIELD]")->required();
  rd->callback([o, targets] {
    Session s(*o, *targets);
    reg_read(s, *targets);
  });
}

void setup_write(CLI::App& reg, std::shared_ptr<const RegOptions> o) {
  auto wt = std::make_shared<std::string>();
  auto wv = std::make_shared<std::string>();
  auto* wr = reg.add_subcommand("write", "write a register, or set one field (other fields keep their value; w1c flags are not touched)");
  wr->add_option("target", *wt, "offset or PERIPH.REG[.FIELD]")->required();
  wr->add_option("value", *wv, "number, or an enumerated value name for a field")->required();
  wr->callback([o, wt, wv] {
    Session s(*o, {*wt});
    reg_write(s, *wt, *wv);
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
  md->add_option(modify_set_names, *ms, "bits to set");
  md->add_option(modify_clear_names, *mc, "bits to clear");
  md->callback([o, mt, ms, mc, ma] {
    Session s(*o, {*mt});
    reg_modify(s, *mt, *ms, *mc, *ma);
  });
}

void setup_dump(CLI::App& reg, std::shared_ptr<const RegOptions> o) {
  auto dt = std::make_shared<std::string>();
  auto dl = std::make_shared<std::uint64_t>(0);
  auto* dp = reg.add_subcommand("dump", "dump every register decoded (with --svd), or a range of words");
  dp->add_option("target", *dt, "PERIPH or PERIPH.REG (with --svd), or a start offset");
  dp->add_option(dump_length_names, *dl, "bytes to dump from the offset (raw dump; default 256 or the window)");
  dp->callback([o, dt, dl] {
    Session s(*o, {*dt});
    reg_dump(s, *dt, *dl);
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
  for (const auto& spec : reg_option_specs)
    std::visit(
        [&](auto field) {
          auto& value = (*o).*field;
          if constexpr (std::is_same_v<std::remove_reference_t<decltype(value)>, bool>)
            add.flag(spec.names, value, spec.description);
          else if constexpr (std::is_same_v<std::remove_reference_t<decltype(value)>, unsigned>)
            add.option(spec.names, value, spec.description, Default::shown);
          else
            add.option(spec.names, value, spec.description);
        },
        spec.field);

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
