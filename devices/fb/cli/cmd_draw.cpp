// SPDX-License-Identifier: MIT
// fill, pattern, text, show, capture: drawing on the display and reading it back.
// pattern and show draw into the page not shown and then flip to it (no half-drawn frame);
// fill and text draw on the page being shown, so that they add to what is there.
#include <cstdio>

#include "app.hpp"
#include "uiokit/error.hpp"
#include "uiokit/fb/draw.hpp"
#include "uiokit/fb/image_io.hpp"
#include "uiokit/fb/pattern.hpp"

namespace fbcli {
using namespace uiokit::fb;

void add_draw_commands(CLI::App& app) {
  static std::string colour = "black", rect_text, pattern_name, text_string, at_text = "8,8", fg = "white", bg, path;
  static std::vector<std::string> labels;
  static int scale = 1;
  static int page = -1;

  auto* fill_cmd = app.add_subcommand("fill", "Fill the shown page, or a rectangle of it, with a colour");
  fill_cmd->add_option("colour", colour, "#rrggbb or a name")->required();
  fill_cmd->add_option("--rect", rect_text, "x,y,w,h (clipped to the screen)");
  fill_cmd->callback([] {
    const Rgb c = parse_colour(colour);
    auto fb = open_display();
    const Surface s = fb->page(fb->shown());
    if (rect_text.empty()) {
      fill(s, c);
    } else {
      const auto r = parse_ints(rect_text, 4, "a rectangle x,y,w,h");
      fill_rect(s, {r[0], r[1], r[2], r[3]}, c);
    }
  });

  auto* pattern_cmd = app.add_subcommand("pattern", "Draw a test pattern (with an optional text box) and flip to it");
  pattern_cmd->add_option("name", pattern_name, "bars, gradient, checker or grid")->required();
  pattern_cmd->add_option("--label", labels, "a line of text for the box at the top left (repeatable)");
  pattern_cmd->callback([] {
    const Pattern p = parse_pattern(pattern_name);
    auto fb = open_display();
    const unsigned back = fb->back_page();
    draw_card(fb->page(back), p, labels);
    fb->show(back);
    std::printf("%s: pattern %s on page %u (%s)\n", fb->name().c_str(), pattern_name.c_str(), back,
                describe(*fb->mode()).c_str());
  });

  auto* text_cmd = app.add_subcommand("text", "Write text on the shown page with the built-in 8x8 font");
  text_cmd->add_option("string", text_string, "printable ASCII")->required();
  text_cmd->add_option("--at", at_text, "x,y of the top-left corner")->capture_default_str();
  text_cmd->add_option("--fg", fg, "text colour")->capture_default_str();
  text_cmd->add_option("--bg", bg, "background colour (default: none)");
  text_cmd->add_option("--scale", scale, "pixel size of the font")->capture_default_str();
  text_cmd->callback([] {
    const auto at = parse_ints(at_text, 2, "a position x,y");
    const Rgb f = parse_colour(fg);
    std::optional<Rgb> b;
    if (!bg.empty()) b = parse_colour(bg);
    auto fb = open_display();
    text(fb->page(fb->shown()), at[0], at[1], text_string, f, b ? &*b : nullptr, scale);
  });

  auto* show_cmd = app.add_subcommand("show", "Show a PNG image, centred on black (clipped if larger)");
  show_cmd->add_option("png", path, "PNG file")->required();
  show_cmd->callback([] {
    const Image img = load_png(path);  // before the device: a bad file leaves the screen alone
    auto fb = open_display();
    const unsigned back = fb->back_page();
    const Surface s = fb->page(back);
    fill(s, {0, 0, 0});
    blit(s, (static_cast<int>(s.width) - static_cast<int>(img.width())) / 2,
         (static_cast<int>(s.height) - static_cast<int>(img.height())) / 2, img.surface());
    fb->show(back);
    std::printf("%s: showing %s (%ux%u) on page %u\n", fb->name().c_str(), path.c_str(), img.width(), img.height(), back);
  });

  auto* capture_cmd = app.add_subcommand("capture", "Save a page of video memory (the shown one by default) as PNG");
  capture_cmd->add_option("png", path, "output file")->required();
  capture_cmd->add_option("--page", page, "page index");
  capture_cmd->callback([] {
    auto fb = open_display();
    const unsigned p = page < 0 ? fb->shown() : static_cast<unsigned>(page);
    const Surface s = fb->page(p);
    save_png(path, s);
    std::printf("%s: page %u (%ux%u %s) saved to %s\n", fb->name().c_str(), p, s.width, s.height,
                std::string(to_string(s.format)).c_str(), path.c_str());
  });
}

}  // namespace fbcli
