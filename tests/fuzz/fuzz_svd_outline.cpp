// SPDX-License-Identifier: MIT
// libFuzzer harness: svd::Outline (the scan and the documents made of a file's pieces) against the
// whole reading of the same file. Where load() reads the file, the outline must list the same
// peripherals and resolve each to the same model; where load() refuses it, the outline may
// resolve some peripherals, but whole() must refuse it too. A difference is a bug (a trap).
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "uiokit/error.hpp"
#include "uiokit/svd/cache.hpp"
#include "uiokit/svd/outline.hpp"
#include "uiokit/svd/serial.hpp"

namespace svd = uiokit::svd;

// The cache keeps files on disk and is not fuzzed here: whole() reads the file directly.
svd::Device svd::load_cached(const std::filesystem::path& path, const Limits& limits) { return svd::load(path, limits); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const int fd = ::memfd_create("fuzz.svd", 0);
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  if (fd < 0 || ::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) __builtin_trap();
  svd::Limits limits;  // smaller bounds, as in fuzz_svd
  limits.max_registers = 1u << 14;
  limits.max_elements = 1u << 16;
  std::optional<svd::Device> whole;
  try {
    whole = svd::load(path, limits);
  } catch (const uiokit::Error&) {
  }
  try {
    svd::Outline o(path, limits);
    if (whole) {
      if (o.size() != whole->peripherals.size() || o.name() != whole->name) __builtin_trap();
      for (std::size_t i = 0; i < o.size(); ++i)
        if (o.name(i) != whole->peripherals[i].name || svd::encode(o.peripheral(i)) != svd::encode(whole->peripherals[i])) __builtin_trap();
      return 0;
    }
    for (std::size_t i = 0; i < o.size(); ++i) {
      try {
        (void)o.peripheral(i);
      } catch (const uiokit::Error&) {
      }
    }
    try {
      (void)o.whole();
    } catch (const uiokit::Error&) {
      return 0;
    }
    __builtin_trap();  // the whole reading succeeded through the outline but not directly
  } catch (const uiokit::Error&) {
    if (whole) __builtin_trap();  // refused at open although load() reads the file
  }
  return 0;
}
