// SPDX-License-Identifier: MIT
// expect: does not belong to this register
#include "uiokit/reg/block.hpp"
using namespace uiokit::reg;
struct R : Reg<"R", 0x0, std::uint32_t> { using A = Field<"A", 0, 1>; using fields = Fields<A>; };
struct S : Reg<"S", 0x4, std::uint32_t> { using B = Field<"B", 1, 1>; using fields = Fields<B>; };
using Blk = Block<"blk", 0x8, R, S>;
int main() { Bound<Blk, MmioIo> b(MmioIo{nullptr}); b.modify<R>(S::B{1}); }
