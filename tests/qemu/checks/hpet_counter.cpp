// SPDX-License-Identifier: MIT
// x86 hpet.devmem_counter_advances: the HPET main counter, seen through /dev/mem, ticks.
#include <cinttypes>
#include <cstdint>
#include <cstdio>

#include <uiokit/backend/devmem.hpp>
#include <uiokit/region.hpp>

#include "check_util.hpp"

namespace {
constexpr std::uint64_t hpet_base = 0xfed00000;
constexpr std::size_t general_config = 0x10;
constexpr std::uint32_t enable_cnf = 1u << 0;
constexpr std::size_t main_counter = 0xf0;
}  // namespace

int main() {
  return check::run([] {
    auto hpet = uiokit::map_devmem(hpet_base, 0x1000);
    auto config = hpet.read<std::uint32_t>(general_config);
    std::printf("config 0x%08" PRIx32 "\n", config);
    if ((config & enable_cnf) == 0) {  // the kernel usually runs it; start it if not
      hpet.write<std::uint32_t>(general_config, config | enable_cnf);
    }
    const auto first = hpet.read<std::uint32_t>(main_counter);
    check::pause_ms(10);
    const auto second = hpet.read<std::uint32_t>(main_counter);
    std::printf("counter 0x%08" PRIx32 " then 0x%08" PRIx32 "\n", first, second);
    return first != second ? 0 : check::fail("the main counter did not move in 10 ms");
  });
}
