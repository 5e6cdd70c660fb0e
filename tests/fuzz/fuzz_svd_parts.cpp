// SPDX-License-Identifier: MIT
// libFuzzer harness: svd::load's reading in parts (tools/svd/src/parts.cpp), asked of every size,
// against the whole reading of the same bytes. Where the parts answer, the whole reading must read
// the file without a warning and give the same model byte for byte; a difference is a bug (a trap).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "reader.hpp"
#include "uiokit/error.hpp"
#include "uiokit/svd/serial.hpp"

namespace svd = uiokit::svd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  svd::Limits limits;  // smaller bounds, as in fuzz_svd
  limits.max_registers = 1u << 14;
  limits.max_elements = 1u << 16;
  svd::detail::FileBytes f;
  f.buf = svd::detail::allocate_bytes(size + 1);
  if (size) std::memcpy(f.buf.get(), data, size);
  f.size = size;
  std::optional<svd::Device> parts;
  try {
    parts = svd::detail::parse_by_parts(f, "fuzz.svd", limits, 0);
  } catch (const uiokit::Error&) {
    __builtin_trap();  // the parts never answer with an error: that is the whole reading's
  }
  if (!parts) return 0;
  try {
    const auto whole = svd::parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.svd", limits);
    if (!whole.warnings.empty() || svd::encode(whole) != svd::encode(*parts)) __builtin_trap();
  } catch (const uiokit::Error&) {
    __builtin_trap();  // the parts read a file the whole reading refuses
  }
  return 0;
}
