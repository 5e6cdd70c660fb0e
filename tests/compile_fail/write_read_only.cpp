// SPDX-License-Identifier: MIT
// expect: this register is read-only
#include "uiokit/reg/block.hpp"
using namespace uiokit::reg;
struct R : Reg<"R", 0x0, std::uint32_t, Access::ro> {};
using Blk = Block<"blk", 0x4, R>;
int main() { Bound<Blk, MmioIo> b(MmioIo{nullptr}); b.write_raw<R>(1); }
