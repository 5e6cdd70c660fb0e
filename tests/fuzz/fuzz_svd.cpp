// SPDX-License-Identifier: MIT
// libFuzzer harness: the CMSIS-SVD reader (uiokit::svd::parse) and name lookup on what it read.
// A uiokit::Error is the expected answer to bad input; anything else escaping (another
// exception, a crash, a sanitizer report, a hang, an allocation past -rss_limit_mb) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "uiokit/error.hpp"
#include "uiokit/svd/lookup.hpp"
#include "uiokit/svd/parse.hpp"
#include "uiokit/svd/write.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Smaller bounds than the defaults: the code that enforces them is the same, and a fuzz input
  // expanding to the default 4 M elements would only measure the sanitizers' allocator speed.
  uiokit::svd::Limits limits;
  limits.max_registers = 1u << 14;
  limits.max_elements = 1u << 16;
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  try {
    const auto d = uiokit::svd::parse(xml, "fuzz", limits);
    std::size_t looked = 0;
    for (const auto& p : d.peripherals)
      for (const auto& r : p.registers) {
        if (++looked > 64) return 0;
        // Every name the reader produced must be found again, and the planning code must not
        // fault on any register it accepted.
        const auto t = uiokit::svd::find(d, p.name + "." + r.name);
        if (!t.reg) __builtin_trap();
        (void)r.read_has_side_effects();
        (void)uiokit::svd::neutralize(r, r.reset_value);
        for (const auto& f : r.fields) {
          (void)f.enum_for(f.extract(r.reset_value));
          try {
            (void)uiokit::svd::plan_field_write(r, f, 1, r.reset_value);
          } catch (const uiokit::Error&) {
          }
        }
      }
    try {
      (void)uiokit::svd::find(d, "NO.SUCH.NAME");  // the suggestion path
    } catch (const uiokit::Error&) {
    }
  } catch (const uiokit::Error&) {
  }
  return 0;
}
