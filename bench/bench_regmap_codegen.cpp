// SPDX-License-Identifier: MIT
// Typed register operations against the same operations through a raw volatile pointer.
//
// Each pair below does the same access: a typed read, write, modify and field extract on one
// side, the hand-written `volatile std::uint32_t*` code on the other. The functions are not
// inlined so each stands alone in the binary. Run under callgrind (scripts/bench.sh does), the
// instruction counts per pair must be identical: the typed layer costs nothing at run time.
// Run directly, it prints nanoseconds per operation as a second view.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "uiokit/backend/file.hpp"
#include "uiokit/reg/block.hpp"

using namespace uiokit::reg;

namespace {
struct CTRL : Reg<"CTRL", 0x0, std::uint32_t> {
  using EN = Field<"EN", 0, 1>;
  using MODE = Field<"MODE", 1, 2>;
  using DIV = Field<"DIV", 8, 8>;
  using fields = Fields<EN, MODE, DIV>;
};
struct DATA : Reg<"DATA", 0x4, std::uint32_t> {};
using Dev = Block<"dev", 0x8, CTRL, DATA>;
using B = Bound<Dev, MmioIo>;

#define NOINLINE extern "C" __attribute__((noinline, used))
}  // namespace

NOINLINE std::uint32_t typed_read(B b) { return b.read<DATA>().raw(); }
NOINLINE std::uint32_t raw_read(volatile std::uint32_t* p) { return p[1]; }

NOINLINE void typed_write(B b) { b.write<CTRL>(CTRL::EN{1}, CTRL::DIV{4}); }
NOINLINE void raw_write(volatile std::uint32_t* p) { p[0] = 0x401; }

NOINLINE void typed_modify(B b) { b.modify(CTRL::MODE{2}); }
NOINLINE void raw_modify(volatile std::uint32_t* p) { p[0] = (p[0] & ~0x6u) | 0x4u; }

NOINLINE std::uint32_t typed_field(B b) { return b.get<CTRL::DIV>(); }
NOINLINE std::uint32_t raw_field(volatile std::uint32_t* p) { return (p[0] >> 8) & 0xffu; }

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 10'000'000;
  auto region = uiokit::map_memfd("bench", 4096);
  B b = Dev::bind(region);
  auto* p = reinterpret_cast<volatile std::uint32_t*>(region.base());
  std::uint32_t sink = 0;

  auto time = [&](const char* name, auto&& fn) {
    const auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < n; ++i) fn();
    const auto t1 = std::chrono::steady_clock::now();
    const double ns = std::chrono::duration<double, std::nano>(t1 - t0).count() / static_cast<double>(n);
    std::printf("%-14s %6.2f ns/op\n", name, ns);
    return ns;
  };
  struct Pair {
    const char* what;
    double typed, raw;
  } pairs[] = {
      {"read", time("typed_read", [&] { sink += typed_read(b); }), time("raw_read", [&] { sink += raw_read(p); })},
      {"write", time("typed_write", [&] { typed_write(b); }), time("raw_write", [&] { raw_write(p); })},
      {"modify", time("typed_modify", [&] { typed_modify(b); }), time("raw_modify", [&] { raw_modify(p); })},
      {"field", time("typed_field", [&] { sink += typed_field(b); }), time("raw_field", [&] { sink += raw_field(p); })},
  };
  std::printf("\n%-8s %s\n", "op", "typed/raw time ratio (instruction counts: scripts/bench.sh)");
  for (const auto& pr : pairs) std::printf("%-8s %.3f\n", pr.what, pr.typed / pr.raw);
  return sink == 0xdeadbeef ? 1 : 0;  // keep the reads alive
}
