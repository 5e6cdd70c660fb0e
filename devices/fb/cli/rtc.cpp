// SPDX-License-Identifier: MIT
#include "rtc.hpp"

#include <ctime>

#include "uiokit/backend/devmem.hpp"
#include "uiokit/error.hpp"
#include "uiokit/fb/open.hpp"
#include "uiokit/reg/block.hpp"
#include "uiokit/uio/uio.hpp"

namespace fbcli {
namespace {
using namespace uiokit::reg;
struct DR : Reg<"DR", 0x000, std::uint32_t, Access::ro> {};
struct PERIPHID0 : Reg<"PERIPHID0", 0xFE0, std::uint32_t, Access::ro> {};
using Pl031 = Block<"pl031", 0x1000, DR, PERIPHID0>;

std::uint32_t read_dr(const uiokit::Region& r) {
  auto rtc = Pl031::bind(r);
  if ((rtc.read<PERIPHID0>().raw() & 0xff) != 0x31)
    throw uiokit::Error(uiokit::Errc::not_found, r.describe(), "not a PL031 (peripheral ID 0 is not 0x31)");
  return rtc.read<DR>().raw();
}
}  // namespace

RtcReading read_pl031() {
  try {
    uiokit::uio::Device::Options o;
    o.access = uiokit::uio::Access::shared_read_only;
    auto dev = uiokit::uio::Device::open("pl031", o);
    return {read_dr(dev.map("regs")), "uio"};
  } catch (const uiokit::Error& e) {
    if (e.code() != uiokit::Errc::not_found) throw;
  }
  uiokit::DevmemOptions o;
  o.writable = false;
  const auto r = uiokit::map_devmem(uiokit::fb::vexpress_pl031, 0x1000, o);
  return {read_dr(r), "devmem"};
}

std::string format_utc(std::uint32_t s) {
  const std::time_t t = s;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

}  // namespace fbcli
