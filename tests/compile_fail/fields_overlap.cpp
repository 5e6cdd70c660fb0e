// SPDX-License-Identifier: MIT
// expect: two fields of a register overlap
#include "uiokit/reg/block.hpp"
using namespace uiokit::reg;
struct R : Reg<"R", 0x0, std::uint32_t> { using A = Field<"A", 0, 4>; using B = Field<"B", 3, 2>; using fields = Fields<A, B>; };
using Blk = Block<"blk", 0x4, R>;
int main() { return Blk::size == 0; }
