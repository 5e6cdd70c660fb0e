// SPDX-License-Identifier: MIT
// svd::Outline against svd::load over whole files: every peripheral resolved alone must be the
// one the whole reading gives, byte for byte in the model cache's encoding, and its warnings
// must be among the whole reading's.
//
//   svd_outline_check [--require-outlined] FILE...
//
// Exit 0: all equal; 1: a difference (printed); 77: a file is absent and CI is not "true".
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "uiokit/error.hpp"
#include "uiokit/svd/outline.hpp"
#include "uiokit/svd/serial.hpp"

namespace svd = uiokit::svd;

namespace {

std::string encoded(const svd::Peripheral& p) {
  svd::Device d;
  d.peripherals.push_back(p);
  return svd::encode(d);
}

int check(const std::filesystem::path& file, bool require_outlined) {
  const auto whole = svd::load(file);
  svd::Outline o(file);
  int bad = 0;
  auto differ = [&](const std::string& what) {
    std::cout << file.string() << ": " << what << "\n";
    bad = 1;
  };
  if (require_outlined && !o.outlined()) differ("not outlined: the file was read whole at open");
  if (o.name() != whole.name) differ("device name " + o.name() + " != " + whole.name);
  if (o.size() != whole.peripherals.size())
    differ(std::to_string(o.size()) + " peripherals outlined, " + std::to_string(whole.peripherals.size()) + " read whole");
  for (std::size_t i = 0; i < o.size() && i < whole.peripherals.size(); ++i) {
    if (o.name(i) != whole.peripherals[i].name) differ("peripheral " + std::to_string(i) + " is " + o.name(i));
    else if (encoded(o.peripheral(i)) != encoded(whole.peripherals[i])) differ(o.name(i) + " resolved alone differs");
  }
  for (const auto& w : o.warnings())
    if (std::find(whole.warnings.begin(), whole.warnings.end(), w) == whole.warnings.end()) differ("warning not in the whole reading: " + w);
  std::cout << file.filename().string() << ": " << o.size() << " peripherals" << (o.outlined() ? " outlined" : " (read whole)")
            << (bad ? ", DIFFERENT" : ", each the same as read whole") << "\n";
  return bad;
}

}  // namespace

int main(int argc, char** argv) {
  bool require_outlined = false;
  int bad = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--require-outlined") == 0) {
      require_outlined = true;
      continue;
    }
    const std::filesystem::path file = argv[i];
    if (!std::filesystem::exists(file)) {
      const char* ci = std::getenv("CI");
      std::cout << file.string() << " is absent" << (ci && std::strcmp(ci, "true") == 0 ? " (CI=true): FAIL" : ": skipped") << "\n";
      if (ci && std::strcmp(ci, "true") == 0) return 1;
      return 77;
    }
    try {
      bad |= check(file, require_outlined);
    } catch (const uiokit::Error& e) {
      std::cout << file.string() << ": " << e.what() << "\n";
      bad = 1;
    }
  }
  return bad;
}
