// SPDX-License-Identifier: MIT
// demo and testcard: an animation drawn with double buffering (draw the hidden page, flip to
// it), and a test card with live information (the board's clock, the mode, the driver path).
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>

#include "app.hpp"
#include "rtc.hpp"
#include "uiokit/error.hpp"
#include "uiokit/fb/draw.hpp"
#include "uiokit/fb/pattern.hpp"

namespace fbcli {
using namespace uiokit::fb;

namespace {
// One frame: moving colour bars, a bouncing square, the frame counter.
void draw_frame(const Surface& s, unsigned n, double fps) {
  const int w = static_cast<int>(s.width), h = static_cast<int>(s.height);
  fill(s, {16, 16, 32});
  constexpr Rgb bars[] = {{255, 255, 255}, {255, 255, 0}, {0, 255, 255}, {0, 255, 0}, {255, 0, 255}, {255, 0, 0}, {0, 0, 255}};
  const int bw = w / 7, shift = static_cast<int>(n * 4) % (bw * 7);
  for (int i = 0; i < 8; ++i)
    fill_rect(s, {i * bw - shift, h / 2, bw, h / 4}, bars[i % 7]);
  const int size = h / 6, span_x = w - size, span_y = h / 2 - size;
  const int t = static_cast<int>(n) * 5;
  const int x = span_x > 0 ? std::abs(t % (2 * span_x) - span_x) : 0;
  const int y = span_y > 0 ? std::abs((t * 3 / 4) % (2 * span_y) - span_y) : 0;
  fill_rect(s, {x, y, size, size}, {255, 128, 0});
  line(s, 0, h - 1, x + size / 2, y + size / 2, {255, 255, 255});
  // The counter, as large as the screen allows (text() refuses what does not fit).
  char buf[64];
  std::snprintf(buf, sizeof buf, "frame %u  %.1f fps", n, fps);
  const int len = static_cast<int>(std::strlen(buf));
  if (8 + len * glyph_width > w) std::snprintf(buf, sizeof buf, "%u", n);
  const int scale = h >= 200 && 8 + len * glyph_width * 2 <= w ? 2 : 1;
  const Rect box = text_bounds(8, h - 8 - glyph_height * scale, buf, scale);
  const Rgb black{0, 0, 0};
  if (box.y >= 0 && box.x + box.w <= w) text(s, box.x, box.y, buf, {255, 255, 255}, &black, scale);
}

// SIGINT/SIGTERM end the animation after the frame being drawn, so that the display is left on a
// whole frame and the driver's destructors run (the VFIO path gives the device back).
volatile std::sig_atomic_t stop_requested = 0;
void request_stop(int) { stop_requested = 1; }

// Runs up to `frames` frames; returns frames per second and sets `drawn`.
double animate(Framebuffer& fb, unsigned frames, unsigned& drawn) {
  struct sigaction sa {};
  sa.sa_handler = request_stop;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  const auto start = std::chrono::steady_clock::now();
  double fps = 0;
  drawn = 0;
  for (unsigned n = 0; n < frames && !stop_requested; ++n) {
    const unsigned back = fb.back_page();
    draw_frame(fb.page(back), n, fps);
    fb.show(back);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fps = secs > 0 ? (n + 1) / secs : 0;
    drawn = n + 1;
  }
  return fps;
}
}  // namespace

void add_demo_commands(CLI::App& app) {
  static unsigned frames = 120;
  static unsigned animate_frames = 0;
  static std::string pattern_name = "bars";

  auto* demo = app.add_subcommand("demo", "Animate with double buffering (pan/flip per frame) and print the frame rate");
  demo->add_option("--frames", frames, "frames to draw")->capture_default_str();
  demo->callback([] {
    auto fb = open_display();
    if (!fb->mode()) throw uiokit::Error(uiokit::Errc::invalid_argument, fb->name(), "no mode set: run `uiokit-fb mode` first");
    unsigned drawn = 0;
    const double fps = animate(*fb, frames, drawn);
    std::printf("demo: %u frames at %s on %s via %s: %.1f frames per second%s\n", drawn, describe(*fb->mode()).c_str(),
                fb->name().c_str(), fb->via().c_str(), fps, drawn < frames ? " (stopped by a signal)" : "");
  });

  auto* card = app.add_subcommand("testcard", "Draw a test card with the board's clock, the mode and the driver path");
  card->add_option("--pattern", pattern_name, "background pattern")->capture_default_str();
  card->add_option("--animate", animate_frames, "first run the demo animation for this many frames (its rate is shown)");
  card->callback([] {
    const Pattern p = parse_pattern(pattern_name);
    auto fb = open_display();
    const auto m = fb->mode();
    if (!m) throw uiokit::Error(uiokit::Errc::invalid_argument, fb->name(), "no mode set: run `uiokit-fb mode` first");
    unsigned drawn = 0;
    const double fps = animate_frames ? animate(*fb, animate_frames, drawn) : 0;
    std::vector<std::string> lines{"uiokit-fb test card", "display: " + fb->name(), "driver path: " + fb->via(),
                                   "mode: " + describe(*m)};
    try {
      const auto rtc = read_pl031();
      lines.push_back("PL031 RTC (" + rtc.via + "): " + rtc.utc);
    } catch (const uiokit::Error& e) {
      lines.push_back("RTC: unavailable");
      std::fprintf(stderr, "testcard: no RTC: %s\n", e.what());
    }
    if (animate_frames) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "demo: %u frames, %.1f fps", drawn, fps);
      lines.push_back(buf);
    }
    const unsigned back = fb->back_page();
    draw_card(fb->page(back), p, lines);
    fb->show(back);
    for (const auto& l : lines) std::printf("%s\n", l.c_str());
  });
}

}  // namespace fbcli
