// SPDX-License-Identifier: MIT
// expect: a field lies outside its register
#include "uiokit/reg/block.hpp"
using namespace uiokit::reg;
struct R : Reg<"R", 0x0, std::uint8_t> { using A = Field<"A", 4, 8>; using fields = Fields<A>; };
using Blk = Block<"blk", 0x4, R>;
int main() { return Blk::size == 0; }
