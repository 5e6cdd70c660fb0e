// SPDX-License-Identifier: MIT
// `uiokit svd-model FILE`: the model the SVD reader resolves from a file, as JSON (peripherals,
// registers with offset, size, access, reset value and mask, fields with their bit range), and
// the reader's warnings on stderr. For checking the reader against another reading of the same
// file (tests/svd/independent_read.py) and for sweeping many files (bench/svd_sweep.py).
#if defined(UIOKIT_HAVE_SVD) && __has_include(<nlohmann/json.hpp>)
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "reg_print.hpp"

namespace uiokit::cli {
namespace {

// The resolved model: peripherals, registers (offset, size, access, reset value and mask),
// fields (bit range, access) and the reader's warnings.
json model_json(const svd::Device& d) {
  json ps = json::array();
  for (const auto& p : d.peripherals) {
    json rs = json::array();
    for (const auto& r : p.registers) {
      json fs = json::array();
      for (const auto& f : r.fields)
        fs.push_back(json{{"name", f.name}, {"lsb", f.lsb}, {"width", f.width}, {"access", std::string(reg::svd_name(f.access))}});
      rs.push_back(json{{"name", r.name}, {"offset", r.offset}, {"size", r.size}, {"access", std::string(reg::svd_name(r.access))},
                        {"reset_value", r.reset_value}, {"reset_mask", r.reset_mask & r.value_mask()}, {"fields", fs}});
    }
    ps.push_back(json{{"name", p.name}, {"base", p.base}, {"block_size", p.block_size}, {"registers", rs}});
  }
  return json{{"device", d.name}, {"source", d.source}, {"warnings", d.warnings}, {"peripherals", ps}};
}

struct ModelOptions {
  std::string svd;
  bool keep_duplicates = false;
};

void setup_svd_model(CLI::App& app, std::span<char* const>) {
  auto o = std::make_shared<ModelOptions>();
  auto* cmd = app.add_subcommand("svd-model", "Print the register model read from a CMSIS-SVD file, as JSON");
  cmd->add_option("svd", o->svd, "CMSIS-SVD file, or a name from share/uiokit/svd")->required();
  cmd->add_flag("--keep-duplicates", o->keep_duplicates, "a name given twice: keep the first (warned) instead of refusing the file");
  cmd->callback([o] {
    const auto d = load_svd(o->svd, o->keep_duplicates);
    for (const auto& w : d.warnings) std::cerr << w << "\n";
    std::cout << model_json(d).dump(1) << "\n";
  });
}

UIOKIT_COMMAND("svd-model", setup_svd_model);

}  // namespace
}  // namespace uiokit::cli
#endif
