// SPDX-License-Identifier: MIT
// expect: not aligned to its width
#include "uiokit/reg/block.hpp"
using namespace uiokit::reg;
struct R : Reg<"R", 0x2, std::uint32_t> {};
using Blk = Block<"blk", 0x10, R>;
int main() { return Blk::size == 0; }
