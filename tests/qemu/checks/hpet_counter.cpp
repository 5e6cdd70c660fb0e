// SPDX-License-Identifier: MIT
// x86 hpet.devmem_counter_advances: the HPET main counter, seen through /dev/mem, ticks. The
// registers are generated from tools/svd/devices/hpet.svd.
#include <cinttypes>
#include <cstdint>
#include <cstdio>

#include <uiokit/backend/devmem.hpp>
#include <uiokit/region.hpp>

#include "check_util.hpp"
#include "hpet_regs/HPET.hpp"

using hpet_regs::HPET;

int main() {
  return check::run([] {
    auto region = uiokit::map_devmem(HPET::base_address, HPET::block::size);
    auto hpet = HPET::block::bind(region);
    std::printf("config 0x%016" PRIx64 "\n", hpet.read<HPET::GEN_CONF>().raw());
    if (!hpet.is_set<HPET::GEN_CONF::ENABLE_CNF>())  // the kernel usually runs it; start it if not
      hpet.write<HPET::GEN_CONF::ENABLE_CNF>(1);
    const auto first = hpet.read<HPET::MAIN_CNT>().raw();
    check::pause_ms(10);
    const auto second = hpet.read<HPET::MAIN_CNT>().raw();
    std::printf("counter 0x%016" PRIx64 " then 0x%016" PRIx64 "\n", first, second);
    return first != second ? 0 : check::fail("the main counter did not move in 10 ms");
  });
}
