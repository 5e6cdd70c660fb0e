// SPDX-License-Identifier: MIT
// svd::Outline against svd::load over whole files: every peripheral resolved alone must be the
// one the whole reading gives, byte for byte in the model cache's encoding, and its warnings
// must be among the whole reading's.
//
//   svd_outline_check [--require-outlined] [--quiet] FILE...
//
// A file load() refuses must be refused alike (the same message, at open or from whole()).
// Exit 0: all equal; 1: a difference (printed); 77: a file is absent and CI is not "true".
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "uiokit/error.hpp"
#include "uiokit/svd/outline.hpp"
#include "uiokit/svd/serial.hpp"

namespace svd = uiokit::svd;

namespace {

struct Counts {
  int outlined = 0, whole = 0, refused = 0, different = 0;
};

// A file load() refuses: the outline must refuse it too, at open or when read whole, with the
// same message.
int check_refused(const std::filesystem::path& file, const std::string& expected) {
  std::string got = "no error";
  try {
    uiokit::svd::Outline o(file);
    (void)o.whole();
  } catch (const uiokit::Error& e) {
    got = e.what();
  }
  if (got == expected) return 0;
  std::cout << file.string() << ": refused as \"" << got << "\", load() says \"" << expected << "\"\n";
  return 1;
}

int check(const std::filesystem::path& file, bool require_outlined, bool quiet, Counts& n) {
  std::optional<svd::Device> loaded;
  try {
    loaded = svd::load(file);
  } catch (const uiokit::Error& e) {
    ++n.refused;
    const int bad = check_refused(file, e.what());
    n.different += bad;
    return bad;
  }
  const auto& whole = *loaded;
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
    else if (svd::encode(o.peripheral(i)) != svd::encode(whole.peripherals[i])) differ(o.name(i) + " resolved alone differs");
  }
  for (const auto& w : o.warnings())
    if (std::find(whole.warnings.begin(), whole.warnings.end(), w) == whole.warnings.end()) differ("warning not in the whole reading: " + w);
  ++(o.outlined() ? n.outlined : n.whole);
  n.different += bad;
  if (!quiet)
    std::cout << file.filename().string() << ": " << o.size() << " peripherals" << (o.outlined() ? " outlined" : " (read whole)")
              << (bad ? ", DIFFERENT" : ", each the same as read whole") << "\n";
  return bad;
}

}  // namespace

int main(int argc, char** argv) {
  bool require_outlined = false, quiet = false;
  int bad = 0;
  Counts n;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--require-outlined") == 0) {
      require_outlined = true;
      continue;
    }
    if (std::strcmp(argv[i], "--quiet") == 0) {
      quiet = true;
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
      bad |= check(file, require_outlined, quiet, n);
    } catch (const uiokit::Error& e) {
      std::cout << file.string() << ": " << e.what() << "\n";
      ++n.different;
      bad = 1;
    }
  }
  std::cout << n.outlined << " outlined, " << n.whole << " read whole at open, " << n.refused
            << " refused by load(), " << n.different << " different (listed above)\n";
  return bad;
}
