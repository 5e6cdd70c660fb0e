// SPDX-License-Identifier: MIT
// expect: a field's access contradicts its register's
#include "uiokit/reg/block.hpp"
using namespace uiokit::reg;
struct R : Reg<"R", 0x0, std::uint32_t, Access::ro> { using A = Field<"A", 0, 1, Access::rw>; using fields = Fields<A>; };
using Blk = Block<"blk", 0x4, R>;
int main() { return Blk::size == 0; }
