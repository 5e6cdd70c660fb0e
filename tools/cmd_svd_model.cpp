// SPDX-License-Identifier: MIT
// `uiokit svd-model FILE`: the model the SVD reader resolves from a file, as JSON (peripherals,
// registers with offset, size, access, reset value and mask, fields with their bit range), and
// the reader's warnings on stderr. For checking the reader against another reading of the same
// file (tests/svd/independent_read.py) and for sweeping many files (bench/svd_sweep.py).
#include "cli/reg_print.hpp"
#if defined(UIOKIT_HAVE_SVD) && __has_include(<nlohmann/json.hpp>)

#include <iostream>
#include <memory>

#include "cli/command.hpp"

namespace uiokit::cli {
namespace {

struct ModelOptions {
  std::string svd;
  bool keep_duplicates = false;
};

void setup(CLI::App& app) {
  auto o = std::make_shared<ModelOptions>();
  auto* cmd = app.add_subcommand("svd-model", "Print the register model read from a CMSIS-SVD file, as JSON");
  cmd->add_option("svd", o->svd, "CMSIS-SVD file, or a name from share/uiokit/svd")->required();
  cmd->add_flag("--keep-duplicates", o->keep_duplicates, "a name given twice: keep the first (warned) instead of refusing the file");
  cmd->callback([o] { std::cout << model_json(load_svd(o->svd, o->keep_duplicates)).dump(1) << "\n"; });
}

UIOKIT_COMMAND(setup);

}  // namespace
}  // namespace uiokit::cli
#endif
