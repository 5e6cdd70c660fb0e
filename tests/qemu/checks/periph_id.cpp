// SPDX-License-Identifier: MIT
// periph-id <phys> <id0> <id1> <id2>: an AMBA PrimeCell's peripheral ID bytes (offsets
// 0xfe0, 0xfe4, 0xfe8, low byte of each) read through /dev/mem match the expected part.
#include <cinttypes>
#include <cstdint>
#include <cstdio>

#include <uiokit/backend/devmem.hpp>
#include <uiokit/region.hpp>

#include "check_util.hpp"

int main(int argc, char** argv) {
  if (argc != 5) {
    return check::fail("usage: periph-id <phys> <id0> <id1> <id2>");
  }
  return check::run([argv] {
    auto cell = uiokit::map_devmem(check::parse_u64(argv[1]), 0x1000);
    int result = 0;
    for (int i = 0; i < 3; ++i) {
      const auto offset = static_cast<std::size_t>(0xfe0 + 4 * i);
      const auto got = cell.read<std::uint32_t>(offset) & 0xffu;
      const auto want = check::parse_u64(argv[2 + i]);
      std::printf("PeriphID%d @0x%zx = 0x%02" PRIx32 " (want 0x%02" PRIx64 ")\n", i, offset, got, want);
      if (got != want) {
        result = 1;
      }
    }
    return result;
  });
}
