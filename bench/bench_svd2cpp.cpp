// SPDX-License-Identifier: MIT
// svd2cpp speed: reading an SVD file, generating its headers and writing them (goal for
// STM32H7A3x.svd, 2,900 registers and 18,000 fields: under 1 s). scripts/bench.sh then times
// compiling one translation unit that includes all of them.
//   bench_svd2cpp FILE.svd OUT_DIR [RUNS]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "uiokit/svd/parse.hpp"
#include "uiokit/svd2cpp/svd2cpp.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_svd2cpp FILE.svd OUT_DIR [RUNS]\n");
    return 2;
  }
  const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
  using clock = std::chrono::steady_clock;
  double best = 1e9, best_load = 0, best_gen = 0;
  std::size_t files = 0, registers = 0, peripherals = 0;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = clock::now();
    const auto device = uiokit::svd::load(argv[1]);
    const auto t1 = clock::now();
    const auto out = uiokit::svd2cpp::generate(device);
    uiokit::svd2cpp::write_tree(out, argv[2]);
    const auto t2 = clock::now();
    const double total = std::chrono::duration<double>(t2 - t0).count();
    if (total < best) {
      best = total;
      best_load = std::chrono::duration<double>(t1 - t0).count();
      best_gen = std::chrono::duration<double>(t2 - t1).count();
    }
    files = out.size(), registers = device.register_count(), peripherals = device.peripherals.size();
  }
  std::printf("svd2cpp %s: %zu peripherals, %zu registers -> %zu headers\n", argv[1], peripherals, registers, files);
  std::printf("best of %d: %.3f s (read %.3f s, generate and write %.3f s); goal < 1 s\n", runs, best, best_load, best_gen);
  return best < 1.0 ? 0 : 1;
}
