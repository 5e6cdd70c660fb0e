// SPDX-License-Identifier: MIT
#include "rtc.hpp"

#include "uiokit/backend/devmem.hpp"
#include "uiokit/error.hpp"
#include "uiokit/fb/open.hpp"
#include "uiokit/pl031_rtc/pl031.hpp"
#include "uiokit/rtc/iso8601.hpp"
#include "uiokit/transport.hpp"
#include "uiokit/uio/uio.hpp"

namespace fbcli {
namespace {
// The driver checks the peripheral ID at bind: another device at the address is refused.
std::string read_time(uiokit::Region region) {
  uiokit::RegionTransport t(std::move(region));
  return uiokit::rtc::format_iso8601(uiokit::pl031::Pl031(t).read_time());
}
}  // namespace

RtcReading read_pl031() {
  try {
    uiokit::uio::Device::Options o;
    o.access = uiokit::uio::Access::shared_read_only;
    auto dev = uiokit::uio::Device::open("pl031", o);
    return {read_time(dev.map("regs")), "uio"};
  } catch (const uiokit::Error& e) {
    if (e.code() != uiokit::Errc::not_found) throw;
  }
  uiokit::DevmemOptions o;
  o.writable = false;
  return {read_time(uiokit::map_devmem(uiokit::fb::vexpress_pl031, 0x1000, o)), "devmem"};
}

}  // namespace fbcli
