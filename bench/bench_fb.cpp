// SPDX-License-Identifier: MIT
// Framebuffer drawing throughput against plain memcpy into the same mapping.
//
// The target is a memory-backed Region (memfd, MAP_SHARED: what a framebuffer mapping looks like
// to the process, minus the device); the source of the copies is an off-screen Image. Prints
// GB/s for memcpy of a whole frame, fill(), fill_rect() of an inner rectangle, and a blit of a
// frame, and each one's ratio to memcpy (goal: >= 0.90); then fill and blit on the same memory
// as an io Surface, as the drivers draw video memory (aligned accesses only, mmio_copy.hpp).
// Figures only: the exit status does not judge them.
//
//   bench_fb [--host-ok]   --host-ok: exit 0 at once (scripts/bench.sh asks every bench_* whether
//                          it runs on the host; this one needs nothing but memory)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "uiokit/backend/file.hpp"
#include "uiokit/fb/draw.hpp"
#include "uiokit/fb/pattern.hpp"

using namespace uiokit::fb;
using clk = std::chrono::steady_clock;

namespace {
template <class F>
double best_seconds(int reps, F&& f) {
  double best = 1e9;
  for (int i = 0; i < reps; ++i) {
    const auto t0 = clk::now();
    f(i);
    best = std::min(best, std::chrono::duration<double>(clk::now() - t0).count());
  }
  return best;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "--host-ok") return 0;
  if (argc > 1) {
    std::fprintf(stderr, "usage: bench_fb [--host-ok]\n");
    return 2;
  }
  double worst = 1e9;
  for (auto fmt : {PixelFormat::xrgb8888, PixelFormat::rgb565}) {
    const std::uint32_t w = 1920, h = 1080;
    Image src(w, h, fmt);
    draw_pattern(src.surface(), Pattern::gradient);
    const std::size_t bytes = std::size_t{src.surface().stride} * h;
    auto region = uiokit::map_memfd("fb", bytes);
    const Surface dst{region.data(), w, h, src.surface().stride, fmt};
    std::memset(region.data(), 0, bytes);  // fault every page in before timing

    const int reps = 40;
    const double t_memcpy = best_seconds(reps, [&](int) { std::memcpy(region.data(), src.surface().data, bytes); });
    const double t_fill = best_seconds(reps, [&](int i) { fill(dst, {static_cast<std::uint8_t>(i), 40, 200}); });
    const double t_rect = best_seconds(reps, [&](int i) {
      fill_rect(dst, {7, 5, static_cast<int>(w) - 14, static_cast<int>(h) - 10}, {static_cast<std::uint8_t>(i), 1, 2});
    });
    const double t_blit = best_seconds(reps, [&](int) { blit(dst, 0, 0, src.surface()); });
    Surface io = dst;
    io.io = true;
    const double t_io_fill = best_seconds(reps, [&](int i) { fill(io, {static_cast<std::uint8_t>(i), 40, 200}); });
    const double t_io_blit = best_seconds(reps, [&](int) { blit(io, 0, 0, src.surface()); });
    const double gb = static_cast<double>(bytes) / 1e9;
    std::printf("%s %ux%u (%zu bytes, best of %d)\n", std::string(to_string(fmt)).c_str(), w, h, bytes, reps);
    std::printf("  memcpy     %6.2f GB/s\n", gb / t_memcpy);
    std::printf("  fill       %6.2f GB/s  ratio to memcpy %.2f\n", gb / t_fill, t_memcpy / t_fill);
    std::printf("  fill_rect  %6.2f GB/s  ratio to memcpy %.2f (inner rectangle, unaligned rows)\n",
                gb / t_rect, t_memcpy / t_rect);
    std::printf("  blit       %6.2f GB/s  ratio to memcpy %.2f\n", gb / t_blit, t_memcpy / t_blit);
    std::printf("  io fill    %6.2f GB/s  ratio to memcpy %.2f (video memory: aligned accesses only)\n",
                gb / t_io_fill, t_memcpy / t_io_fill);
    std::printf("  io blit    %6.2f GB/s  ratio to memcpy %.2f\n", gb / t_io_blit, t_memcpy / t_io_blit);
    worst = std::min({worst, t_memcpy / t_fill, t_memcpy / t_blit});
  }
  std::printf("worst whole-frame fill/blit ratio to memcpy: %.2f (goal >= 0.90)\n", worst);
  return 0;
}
