// SPDX-License-Identifier: MIT
// Device selection for s3c-rtc: --uio, --dt-compatible, --mem, --variant; the first that is
// given wins, and without any the RTC is looked for as UIO device "rtc", then in the tree.
#include <cstdio>

#include "cli.hpp"
#include "uiokit/address/address.hpp"

namespace uiokit::s3c_rtc::cli {

void add_device_options(CLI::App& app, Options& o) {
  auto* g = app.add_option_group("device", "Which RTC (default: UIO device 'rtc', then the device tree)");
  g->add_option("--uio", o.uio, "UIO device name or number (our uio_stub exports the smdkc210 RTC as 'rtc')");
  o.dt_option = g->add_option("--dt-compatible", o.dt,
                               "find the node by compatible (default: samsung,s3c6410-rtc, samsung,s3c2410-rtc, "
                               "uiokit,uio-stub)")
                    ->expected(0, 1);
  g->add_option("--mem", o.mem, "physical address through /dev/mem (S3C2410: 0x57000000; Exynos4210: 0x10070000)");
  g->add_option("--dtb", o.dtb, "with --dt-compatible: read this .dtb instead of /sys/firmware/fdt");
  app.add_option("--variant", o.variant, "register layout: s3c2410 or s3c6410 (Exynos); default from the node, else s3c6410")
      ->check(CLI::IsMember({"s3c2410", "s3c2440", "s3c6410", "exynos4210"}));
  app.add_option("--tick-uio", o.tick_uio, "a second UIO device that carries the tick interrupt");
  app.add_flag("--years-1900-2899", o.wide_years,
               "S3C6410/Exynos: count years in three BCD digits from 1900, as QEMU's model does. Linux's "
               "rtc-s3c and U-Boot read two digits (2000..2099) and will misread every other year");
  app.add_flag("--json", o.json, "print JSON");
}

RtcDevice open_device(const Options& o) {
  Selector sel;
  if (!o.uio.empty()) {
    sel.kind = Selector::Kind::uio;
    sel.uio_name = o.uio;
  } else if (o.dt_option && o.dt_option->count() > 0) {
    sel.kind = Selector::Kind::dt;
    sel.compatible = o.dt;
    sel.dtb = o.dtb;
  } else if (!o.mem.empty()) {
    sel.kind = Selector::Kind::mem;
    auto addr = parse_number(o.mem);
    if (!addr) throw Error(Errc::invalid_argument, "--mem", "'" + o.mem + "' is not an address");
    sel.phys = *addr;
  }
  if (!o.variant.empty()) sel.variant = parse_variant(o.variant);
  if (o.wide_years) sel.years = Years::bcd3_1900_2899;
  sel.tick_uio = o.tick_uio;
  return RtcDevice::open(sel);
}

void emit(const Options& o, const std::string& text, const nlohmann::json& j) {
  if (o.json)
    std::printf("%s\n", j.dump().c_str());
  else
    std::printf("%s\n", text.c_str());
  std::fflush(stdout);
}

}  // namespace uiokit::s3c_rtc::cli
