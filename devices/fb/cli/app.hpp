// SPDX-License-Identifier: MIT
// uiokit-fb: shared state of the command line. Each cmd_*.cpp adds its subcommands to the app
// and reads the display options from here; the display is opened only by commands that draw.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "uiokit/fb/framebuffer.hpp"
#include "uiokit/fb/open.hpp"

namespace fbcli {

struct Options {
  std::string bochs;     // "--bochs [BDF]": set (possibly empty) when given
  bool bochs_given = false;
  std::string pl111;     // "--pl111 [daughter|mother]"
  bool pl111_given = false;
  std::string via;
  std::string device;    // "-d ADDRESS": a CLCD's registers
  std::string vram;      // "--vram ADDRESS": its video memory
  std::string lock_dir = "/run/uiokit";
  CLI::Option* bochs_opt = nullptr;
  CLI::Option* pl111_opt = nullptr;
};

Options& options();
// Opens the display the options name; uiokit::Error when none or both are named.
std::unique_ptr<uiokit::fb::Framebuffer> open_display();
uiokit::fb::DeviceSpec device_spec();

uiokit::fb::Rgb parse_colour(const std::string& text);
// "x,y" or "x,y,w,h"
std::vector<int> parse_ints(const std::string& text, std::size_t count, const char* what);

void add_info_commands(CLI::App& app);   // info, mode
void add_draw_commands(CLI::App& app);   // fill, pattern, text, show, capture
void add_demo_commands(CLI::App& app);   // demo, testcard
void add_host_commands(CLI::App& app);   // verify, convert

}  // namespace fbcli
