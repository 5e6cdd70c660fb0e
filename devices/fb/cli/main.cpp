// SPDX-License-Identifier: MIT
// uiokit-fb: draw on a framebuffer driven from userspace (bochs-display, PL111 CLCD).
#include <cstdio>
#include <sstream>

#include "app.hpp"
#include "uiokit/cli/program.hpp"
#include "uiokit/error.hpp"

namespace fbcli {

Options& options() {
  static Options o;
  return o;
}

uiokit::fb::DeviceSpec device_spec() {
  using uiokit::Errc;
  using uiokit::Error;
  auto& o = options();
  o.bochs_given = o.bochs_opt && o.bochs_opt->count() > 0;
  o.pl111_given = o.pl111_opt && o.pl111_opt->count() > 0;
  const bool address_given = !o.device.empty();
  if (int(o.bochs_given) + int(o.pl111_given) + int(address_given) != 1)
    throw Error(Errc::invalid_argument, "uiokit-fb",
                "name one display: -d ADDRESS --vram ADDRESS (a PL110/PL111), --bochs [BDF] (--via sysfs|vfio) or "
                "--pl111 [daughter|mother] (--via uio|devmem)");
  if (!o.vram.empty() && !address_given)
    throw Error(Errc::invalid_argument, o.vram, "--vram goes with -d ADDRESS");
  uiokit::fb::DeviceSpec s;
  s.lock_dir = o.lock_dir;
  s.via = o.via;
  if (address_given) {
    s.kind = uiokit::fb::DeviceSpec::Kind::clcd;
    s.registers = o.device;
    s.vram = o.vram;
  } else if (o.bochs_given) {
    s.kind = uiokit::fb::DeviceSpec::Kind::bochs;
    s.address = o.bochs;
  } else {
    s.kind = uiokit::fb::DeviceSpec::Kind::clcd;
    s.board = o.pl111.empty() ? "daughter" : o.pl111;
  }
  return s;
}

std::unique_ptr<uiokit::fb::Framebuffer> open_display() { return uiokit::fb::open_framebuffer(device_spec()); }

uiokit::fb::Rgb parse_colour(const std::string& text) {
  static const std::pair<const char*, uiokit::fb::Rgb> names[] = {
      {"black", {0, 0, 0}},       {"white", {255, 255, 255}}, {"red", {255, 0, 0}},     {"green", {0, 255, 0}},
      {"blue", {0, 0, 255}},      {"yellow", {255, 255, 0}},  {"cyan", {0, 255, 255}},  {"magenta", {255, 0, 255}},
      {"grey", {128, 128, 128}}};
  for (const auto& [n, c] : names)
    if (text == n) return c;
  std::string hexpart = text.rfind('#', 0) == 0 ? text.substr(1) : text;
  if (hexpart.size() == 6 && hexpart.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos) {
    const auto v = std::stoul(hexpart, nullptr, 16);
    return {static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
  }
  throw uiokit::Error(uiokit::Errc::invalid_argument, text,
                      "not a colour: use #rrggbb or black, white, red, green, blue, yellow, cyan, magenta, grey");
}

std::vector<int> parse_ints(const std::string& text, std::size_t count, const char* what) {
  std::vector<int> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    try {
      std::size_t used = 0;
      out.push_back(std::stoi(item, &used));
      if (used != item.size()) throw std::invalid_argument(item);
    } catch (const std::exception&) {
      out.clear();
      break;
    }
  }
  if (out.size() != count)
    throw uiokit::Error(uiokit::Errc::invalid_argument, text,
                        std::string("not ") + what + " (" + std::to_string(count) + " comma-separated integers)");
  return out;
}

}  // namespace fbcli

int main(int argc, char** argv) {
  CLI::App app{"uiokit-fb: userspace framebuffer drivers for QEMU's bochs-display and the ARM PL111 CLCD"};
  uiokit::cli::identify(app, "uiokit-fb");
  app.require_subcommand(1);
  auto& o = fbcli::options();
  o.bochs_opt = app.add_option("--bochs", o.bochs, "bochs-display (PCI 1234:1111 class 0x0380), optionally by address")
      ->expected(0, 1);
  o.pl111_opt = app.add_option("--pl111", o.pl111, "PL111 CLCD on vexpress: daughter (default, console 0) or mother")
      ->expected(0, 1);
  app.add_option("-d,--device", o.device,
                 "a PL110/PL111 CLCD's registers as a device address (uio:clcd:regs, dt:compatible=arm,pl111, "
                 "mem:0x10020000+0x1000, ...); the part is told by its peripheral ID");
  app.add_option("--vram", o.vram, "with -d: the CLCD's video memory as a device address (uio:clcd:vram, mem:ADDR+SIZE)");
  app.add_option("--via", o.via, "path to the device: sysfs|vfio (bochs), uio|devmem|auto (pl111)");
  app.add_option("--lock-dir", o.lock_dir, "where lock files of the sysfs and devmem paths live")->capture_default_str();
  fbcli::add_info_commands(app);
  fbcli::add_draw_commands(app);
  fbcli::add_demo_commands(app);
  fbcli::add_host_commands(app);
  return uiokit::cli::run(app, argc, argv);
}
