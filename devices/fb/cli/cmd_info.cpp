// SPDX-License-Identifier: MIT
// info and mode: what the display is and does, and setting a mode.
#include <cstdio>

#include "app.hpp"
#include "info_json.hpp"

namespace fbcli {
using namespace uiokit::fb;

void add_info_commands(CLI::App& app) {
  auto* info = app.add_subcommand("info", "Show the display, how it is reached, its current mode and registers");
  static bool json = false;
  info->add_flag("--json", json, "print JSON");
  info->callback([] {
    auto fb = open_display();
    if (json) {
      std::printf("%s\n", info_json(*fb).dump(2).c_str());
      return;
    }
    std::printf("display: %s\nvia: %s\nvideo memory: %zu bytes\nformats:", fb->name().c_str(), fb->via().c_str(),
                fb->memory_size());
    for (auto f : fb->formats()) std::printf(" %s", std::string(to_string(f)).c_str());
    const auto m = fb->mode();
    std::printf("\nmode: %s\n", m ? (describe(*m) + ", showing page " + std::to_string(fb->shown())).c_str() : "none (disabled)");
    for (const auto& [k, v] : fb->details()) std::printf("  %-16s %s\n", k.c_str(), v.c_str());
  });

  auto* mode = app.add_subcommand("mode", "Set a mode (validated before any register is written)");
  static std::string mode_text, format_text;
  static unsigned pages = 2;
  mode->add_option("mode", mode_text, "WIDTHxHEIGHT or WIDTHxHEIGHTxDEPTH (16 or 32)")->required();
  mode->add_option("--format", format_text, "xrgb8888, xbgr8888, rgb565, bgr565, xrgb1555, xbgr1555");
  mode->add_option("--pages", pages, "pages of video memory (2 for double buffering)")->capture_default_str();
  mode->callback([] {
    auto req = parse_mode(mode_text);
    if (!format_text.empty()) req.format = parse_format(format_text);
    req.pages = pages;
    auto fb = open_display();
    const auto m = fb->set_mode(req);
    std::printf("%s: %s via %s\n", fb->name().c_str(), describe(m).c_str(), fb->via().c_str());
  });
}

}  // namespace fbcli
