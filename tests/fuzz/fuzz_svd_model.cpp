// SPDX-License-Identifier: MIT
// libFuzzer harness: the model cache's decoder (uiokit::svd::decode), which reads entries from
// disk. Two kinds of input, told apart by the first byte:
//   '<' ... an SVD document: what the reader accepts must encode, decode and encode again to
//           the same bytes (the seeds are the shipped SVD files, so mutations stay near models);
//   else    raw bytes as an entry's body: decoding must give nothing or a model whose encoding
//           is those bytes exactly (the encoding is canonical: nothing else may be accepted).
// Both kinds are also decoded keeping every other peripheral: where the whole decodes, the part
// must hold exactly the kept peripherals, each as the whole has it.
// A crash, a sanitizer report or a broken round trip is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "uiokit/error.hpp"
#include "uiokit/svd/parse.hpp"
#include "uiokit/svd/serial.hpp"

namespace {

void check_part(const std::shared_ptr<const std::string>& bytes, const uiokit::svd::Device& whole,
                const uiokit::svd::Limits& limits) {
  const auto part = uiokit::svd::decode(*bytes, bytes, limits,
                                        [](std::size_t i, std::string_view, std::string_view) { return i % 2 == 1; });
  if (!part || part->peripherals.size() != whole.peripherals.size() / 2) std::abort();
  for (std::size_t i = 0; i < part->peripherals.size(); ++i)
    if (uiokit::svd::encode(part->peripherals[i]) != uiokit::svd::encode(whole.peripherals[2 * i + 1])) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  uiokit::svd::Limits limits;
  limits.max_registers = 1u << 14;
  limits.max_elements = 1u << 16;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  if (!in.empty() && in.front() == '<') {
    try {
      const auto d = uiokit::svd::parse(in, "fuzz", limits);
      const auto bytes = std::make_shared<const std::string>(uiokit::svd::encode(d));
      const auto back = uiokit::svd::decode(bytes, limits);
      if (!back || uiokit::svd::encode(*back) != *bytes) std::abort();
      check_part(bytes, *back, limits);
    } catch (const uiokit::Error&) {
    }
    return 0;
  }
  const auto bytes = std::make_shared<const std::string>(in);
  if (const auto d = uiokit::svd::decode(bytes, limits)) {
    if (uiokit::svd::encode(*d) != *bytes) std::abort();
    check_part(bytes, *d, limits);
  }
  return 0;
}
