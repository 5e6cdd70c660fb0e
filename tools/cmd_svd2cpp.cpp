// SPDX-License-Identifier: MIT
// `uiokit svd2cpp FILE [--peripheral NAME]... -o DIR`: typed C++ register blocks from a CMSIS-SVD
// file (tools/svd2cpp/include/uiokit/svd2cpp/svd2cpp.hpp describes what is generated and the
// naming rule). FILE is a path or the name of a shipped description (`pl111`).
#if __has_include("uiokit/svd2cpp/svd2cpp.hpp")
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "uiokit/svd/locate.hpp"
#include "uiokit/svd/parse.hpp"
#include "uiokit/svd2cpp/svd2cpp.hpp"

namespace uiokit::cli {
namespace {

struct Svd2cppOptions {
  std::string svd, out, name_space;
  std::vector<std::string> peripherals;
  bool quiet = false;
};

void setup_svd2cpp(CLI::App& app, std::span<char* const>) {
  auto o = std::make_shared<Svd2cppOptions>();
  auto* cmd = app.add_subcommand("svd2cpp", "Generate typed C++ register blocks (uiokit/reg) from a CMSIS-SVD file");
  cmd->add_option("svd", o->svd, "SVD file, or the name of a shipped one")->required();
  cmd->add_option("--peripheral,-p", o->peripherals, "only this peripheral (repeatable)");
  cmd->add_option("-o,--output", o->out, "output directory (replaced as a whole)")->required();
  cmd->add_option("--namespace", o->name_space, "C++ namespace (default: the device's name in lower case)");
  cmd->add_flag("-q,--quiet", o->quiet, "print nothing on success");
  cmd->callback([o] {
    const auto device = svd::load(svd::locate(o->svd));
    const auto files = svd2cpp::generate(device, svd2cpp::Options{o->peripherals, o->name_space});
    svd2cpp::write_tree(files, o->out);
    if (!o->quiet) std::printf("svd2cpp: %zu headers in %s\n", files.size(), o->out.c_str());
  });
}

UIOKIT_COMMAND("svd2cpp", setup_svd2cpp);

}  // namespace
}  // namespace uiokit::cli
#endif
