// SPDX-License-Identifier: MIT
// expect: this register is not in this block
#include "uiokit/reg/block.hpp"
using namespace uiokit::reg;
struct R : Reg<"R", 0x0, std::uint32_t> {};
struct S : Reg<"S", 0x4, std::uint32_t> {};
using Blk = Block<"blk", 0x4, R>;
int main() { Bound<Blk, MmioIo> b(MmioIo{nullptr}); return static_cast<int>(b.read<S>().raw()); }
