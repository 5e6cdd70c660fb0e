// SPDX-License-Identifier: MIT
// expect: two registers of a block overlap
#include "uiokit/reg/block.hpp"
using namespace uiokit::reg;
struct R : Reg<"R", 0x0, std::uint32_t> {};
struct S : Reg<"S", 0x0, std::uint16_t> {};
using Blk = Block<"blk", 0x10, R, S>;
int main() { return Blk::size == 0; }
