// SPDX-License-Identifier: MIT
// svd::load's reading in parts (tools/svd/src/parts.cpp) against the whole reading of the same
// bytes, over whole files: where the parts answer, the whole reading must read the file without a
// warning into the same model, byte for byte in the model cache's encoding.
//
//   svd_parts_check [--any-size] [--require-parts] [--quiet] FILE...
//
// --any-size asks the parts of files below the size load() reads by parts (8 MiB); with
// --require-parts a file the parts decline is a failure. The totals give the CPU time of both
// readings, for the files read by parts and for those the parts declined (what load() spends on
// the parts before it reads such a file whole). Exit 0: no difference; 1: a difference (printed);
// 77: a file is absent and CI is not "true".
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "../../tools/svd/src/reader.hpp"
#include "uiokit/error.hpp"
#include "uiokit/svd/serial.hpp"

namespace svd = uiokit::svd;

namespace {

struct Options {
  bool any_size = false, require_parts = false, quiet = false;
};

struct Counts {
  int answered = 0, declined = 0, different = 0;
  double parts_ms[2] = {}, whole_ms[2] = {};  // [0] files read by parts, [1] declined
};

double cpu_ms() {
  timespec t{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// "": the same; else what differs. Adds the whole reading's time to `ms`.
std::string compare(const std::filesystem::path& file, std::string_view text, const std::optional<svd::Device>& parts, double& ms) {
  try {
    const auto t0 = cpu_ms();
    const auto whole = svd::parse(text, file.string());
    ms += cpu_ms() - t0;
    if (!parts) return {};
    if (!whole.warnings.empty()) return "read by parts, but the whole reading warns: " + whole.warnings.front();
    if (svd::encode(whole) != svd::encode(*parts)) return "the model read by parts differs from the whole reading's";
  } catch (const uiokit::Error& e) {
    if (!parts) return {};
    return std::string("read by parts, but the whole reading refuses it: ") + e.what();
  }
  return {};
}

bool check(const std::filesystem::path& file, const Options& o, Counts& n) {
  const auto f = svd::detail::read_file(file);
  const auto t0 = cpu_ms();
  const auto parts = svd::detail::parse_by_parts(f, file.string(), {}, o.any_size ? 0 : svd::detail::by_parts_from);
  n.parts_ms[parts ? 0 : 1] += cpu_ms() - t0;
  ++(parts ? n.answered : n.declined);
  std::string what = compare(file, std::string_view(f.buf.get(), f.size), parts, n.whole_ms[parts ? 0 : 1]);
  if (!parts && o.require_parts) what = "not read by parts";
  if (!what.empty()) {
    ++n.different;
    std::cout << file.string() << ": " << what << "\n";
    return false;
  }
  if (!o.quiet) std::cout << file.filename().string() << (parts ? ": read by parts, the same as read whole\n" : ": read whole\n");
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  Counts n;
  bool good = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--any-size" || a == "--require-parts" || a == "--quiet") {
      (a == "--any-size" ? o.any_size : a == "--require-parts" ? o.require_parts : o.quiet) = true;
      continue;
    }
    const std::filesystem::path file = a;
    if (!std::filesystem::exists(file)) {
      const char* ci = std::getenv("CI");
      const bool in_ci = ci && std::strcmp(ci, "true") == 0;
      std::cout << file.string() << " is absent" << (in_ci ? " (CI=true): FAIL" : ": skipped") << "\n";
      return in_ci ? 1 : 77;
    }
    try {
      good &= check(file, o, n);
    } catch (const uiokit::Error& e) {
      std::cout << file.string() << ": " << e.what() << "\n";
      ++n.different;
      good = false;
    }
  }
  std::cout << n.answered << " read by parts, " << n.declined << " read whole, " << n.different << " different (listed above)\n";
  std::printf("CPU: files read by parts %.0f ms by parts, %.0f ms whole; files declined %.0f ms in the parts, %.0f ms whole\n",
              n.parts_ms[0], n.whole_ms[0], n.parts_ms[1], n.whole_ms[1]);
  return good ? 0 : 1;
}
