// SPDX-License-Identifier: MIT
// verify: the host side of the screendump checks. It draws again what the guest's `pattern`
// command drew and compares it with QEMU's PNG screendump.
#include <cstdio>
#include <filesystem>

#include "app.hpp"
#include "uiokit/error.hpp"
#include "uiokit/fb/compare.hpp"
#include "uiokit/fb/image_io.hpp"
#include "uiokit/fb/pattern.hpp"

namespace fbcli {
using namespace uiokit::fb;

void add_host_commands(CLI::App& app) {
  static std::string dump, mode_text, format_text, pattern_name, expand = "shift", out_dir;
  static std::vector<std::string> labels;

  auto* verify = app.add_subcommand("verify", "Compare a QEMU screendump (PNG) with the pattern the driver drew");
  verify->add_option("--dump", dump, "the screendump (.png)")->required();
  verify->add_option("--mode", mode_text, "WIDTHxHEIGHT the guest set")->required();
  verify->add_option("--format", format_text, "pixel format the guest used")->required();
  verify->add_option("--pattern", pattern_name, "pattern the guest drew")->required();
  verify->add_option("--label", labels, "the label lines the guest drew");
  verify->add_option("--expand", expand,
                     "how the display turns pixels into the dump's RGB: shift (5-bit white is 248), replicate "
                     "(pixman: 255), or qemu-pl110 (shift, and QEMU's PL110/PL111 misreading of 1555's odd pixels)")
      ->capture_default_str();
  verify->add_option("--out", out_dir, "folder for <dump>.expected.png, .dump.png and .diff.png");
  verify->callback([] {
    const auto req = parse_mode(mode_text);
    Image intended(req.width, req.height, parse_format(format_text));
    draw_card(intended.surface(), parse_pattern(pattern_name), labels);
    if (expand != "shift" && expand != "replicate" && expand != "qemu-pl110")
      throw uiokit::Error(uiokit::Errc::invalid_argument, expand, "--expand is shift, replicate or qemu-pl110");
    const Expansion e = expand == "shift"       ? Expansion::shift
                        : expand == "replicate" ? Expansion::replicate
                                                : Expansion::qemu_pl110;
    const Image got = load_png(dump);
    const auto result = compare(got.surface(), intended.surface(), e);
    if (!out_dir.empty() && have_png()) {
      std::filesystem::create_directories(out_dir);
      const auto stem = (std::filesystem::path(out_dir) / std::filesystem::path(dump).stem()).string();
      save_png(stem + ".dump.png", got.surface());
      save_png(stem + ".expected.png", expected_dump(intended.surface(), e).surface());
      if (result.size_matches) save_png(stem + ".diff.png", result.diff.surface());
    }
    std::printf("%s: %ux%u %s %s vs dump %ux%u: %s\n", dump.c_str(), req.width, req.height, format_text.c_str(),
                pattern_name.c_str(), got.width(), got.height(), result.summary().c_str());
    if (!result.ok()) throw uiokit::Error(uiokit::Errc::bad_hardware_value, dump, "the display does not show what was drawn");
  });
}

}  // namespace fbcli
