// SPDX-License-Identifier: MIT
// pl031-rtc and pl031-rtcd: the RTC front end (devices/rtc) over the PL031 driver. The PL031
// has nothing of its own to add: a device address finds it.
#include "program.hpp"

#include "uiokit/pl031_rtc/device.hpp"

namespace uiokit::pl031 {

const rtc::cli::Program& program() {
  static const rtc::cli::Program p{
      .name = "pl031-rtc",
      .hardware = "the ARM PrimeCell PL031 RTC",
      .example = "uio:pl031",
      .daemon_name = "pl031-rtcd",
      .node = "rtc-pl031",
      .add_options = {},
      .add_commands = {},
      .open =
          [](const rtc::cli::Options& o) -> std::unique_ptr<rtc::Clock> {
            OpenOptions oo;
            oo.dtb = o.dtb;
            std::optional<DeviceAddress> a;
            if (!o.address.empty()) a = parse_address(o.address);
            return std::make_unique<Pl031Device>(Pl031Device::open(a, oo));
          },
  };
  return p;
}

}  // namespace uiokit::pl031
