// SPDX-License-Identifier: MIT
#include "program.hpp"

#include "uiokit/address/address.hpp"
#include "uiokit/s3c2410_rtc/device.hpp"

namespace uiokit::s3c_rtc {

namespace {

struct S3cOptions {
  std::string uio;                   // --uio NAME: uio:NAME
  std::string dt;                    // --dt-compatible [C]
  CLI::Option* dt_option = nullptr;  // given (with or without a value)
  std::string mem;                   // --mem ADDR: mem:ADDR
  std::string variant;
  std::string tick_uio;
  bool wide_years = false;
};
S3cOptions s3c;

void add_options(CLI::App& app) {
  auto* g = app.add_option_group("shorthands", "S3C device shorthands (-d takes any address)");
  g->add_option("--uio", s3c.uio, "UIO device name or number: uio:NAME (our uio_stub exports the smdkc210 RTC as 'rtc')");
  s3c.dt_option = g->add_option("--dt-compatible", s3c.dt,
                                "the first enabled node of this compatible (default: samsung,s3c6410-rtc, "
                                "samsung,s3c2410-rtc, uiokit,uio-stub)")
                      ->expected(0, 1);
  g->add_option("--mem", s3c.mem, "physical address through /dev/mem: mem:ADDR (S3C2410: 0x57000000; Exynos4210: 0x10070000)");
  app.add_option("--variant", s3c.variant, "register layout: s3c2410 or s3c6410 (Exynos); default from the node, else s3c6410")
      ->check(CLI::IsMember({"s3c2410", "s3c2440", "s3c6410", "exynos4210"}));
  app.add_option("--tick-uio", s3c.tick_uio, "a second UIO device that carries the tick interrupt");
  app.add_flag("--years-1900-2899", s3c.wide_years,
               "S3C6410/Exynos: count years in three BCD digits from 1900, as QEMU's model does. Linux's "
               "rtc-s3c and U-Boot read two digits (2000..2099) and will misread every other year");
}

std::unique_ptr<rtc::Clock> open(const rtc::cli::Options& o) {
  Selector sel;
  if (!o.address.empty()) {
    sel.address = parse_address(o.address);
  } else if (!s3c.uio.empty()) {
    sel.address = parse_address("uio:" + s3c.uio);
  } else if (s3c.dt_option && s3c.dt_option->count() > 0) {
    sel.dt_compatible = s3c.dt;
  } else if (!s3c.mem.empty()) {
    if (!parse_number(s3c.mem)) throw Error(Errc::invalid_argument, "--mem", "'" + s3c.mem + "' is not an address");
    sel.address = parse_address("mem:" + s3c.mem);
  }
  sel.open.dtb = o.dtb;
  if (!s3c.variant.empty()) sel.variant = parse_variant(s3c.variant);
  if (s3c.wide_years) sel.years = Years::bcd3_1900_2899;
  sel.tick_uio = s3c.tick_uio;
  return std::make_unique<RtcDevice>(RtcDevice::open(sel));
}

}  // namespace

const rtc::cli::Program& program() {
  static const rtc::cli::Program p{
      .name = "s3c-rtc",
      .hardware = "the Samsung S3C2410/S3C6410/Exynos RTC",
      .example = "uio:rtc",
      .daemon_name = "s3c-rtcd",
      .node = "rtc-s3c",
      .add_options = add_options,
      .add_commands = add_tick_command,
      .open = open,
  };
  return p;
}

}  // namespace uiokit::s3c_rtc
