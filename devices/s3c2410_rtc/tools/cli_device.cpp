// SPDX-License-Identifier: MIT
// Device selection for s3c-rtc and s3c-rtcd: -d ADDRESS, or the shorthands --uio, --mem and
// --dt-compatible, which stand for uio:NAME, mem:ADDR and the first node of a compatible. The
// first given wins; without any the RTC is looked for as UIO device "rtc", then in the tree.
#include <cstdio>

#include "cli.hpp"
#include "uiokit/address/address.hpp"

namespace uiokit::s3c_rtc::cli {

void add_device_options(CLI::App& app, Options& o) {
  auto* g = app.add_option_group("device", "Which RTC (default: UIO device 'rtc', then the device tree)");
  g->add_option("-d,--device", o.address,
                "device address: uio:rtc, dt:compatible=samsung,s3c6410-rtc, dt:/soc/rtc@10070000, "
                "mem:0x10070000, gdb:HOST:PORT:mem:0x10070000 (see uiokit(1))");
  g->add_option("--uio", o.uio, "UIO device name or number (our uio_stub exports the smdkc210 RTC as 'rtc')");
  o.dt_option = g->add_option("--dt-compatible", o.dt,
                               "find the node by compatible (default: samsung,s3c6410-rtc, samsung,s3c2410-rtc, "
                               "uiokit,uio-stub)")
                    ->expected(0, 1);
  g->add_option("--mem", o.mem, "physical address through /dev/mem (S3C2410: 0x57000000; Exynos4210: 0x10070000)");
  g->add_option("--dtb", o.dtb, "with dt: addresses: read this .dtb instead of /sys/firmware/fdt");
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
  if (!o.address.empty()) {
    sel.address = parse_address(o.address);
  } else if (!o.uio.empty()) {
    sel.address = parse_address("uio:" + o.uio);
  } else if (o.dt_option && o.dt_option->count() > 0) {
    sel.dt_compatible = o.dt;
  } else if (!o.mem.empty()) {
    if (!parse_number(o.mem)) throw Error(Errc::invalid_argument, "--mem", "'" + o.mem + "' is not an address");
    sel.address = parse_address("mem:" + o.mem);
  }
  sel.open.dtb = o.dtb;
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
