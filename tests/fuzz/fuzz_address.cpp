// SPDX-License-Identifier: MIT
// libFuzzer harness: the device-address parser (uiokit::parse_address). Besides not crashing,
// the canonical spelling must name the same place: parse(to_string(a)) gives back every field of
// a (a to_string that dropped ":bar2" or "#1" would still print back its own spelling), and
// printing that again gives the same spelling. A uio: address names a map or a port region
// (:portK), never both.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "uiokit/address/address.hpp"
#include "uiokit/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)uiokit::parse_number(text, false);
  (void)uiokit::parse_number(text, true);
  uiokit::DeviceAddress a;
  try {
    a = uiokit::parse_address(text);
  } catch (const uiokit::Error&) {
    return 0;
  }
  if (a.uio_port && !a.uio_map.empty()) __builtin_trap();
  const std::string canon = uiokit::to_string(a);
  try {
    const auto b = uiokit::parse_address(canon);
    if (!uiokit::same_place(a, b) || uiokit::to_string(b) != canon) __builtin_trap();
  } catch (const uiokit::Error&) {
    __builtin_trap();  // the canonical spelling of a valid address must parse
  }
  return 0;
}
