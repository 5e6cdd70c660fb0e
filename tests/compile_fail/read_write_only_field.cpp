// SPDX-License-Identifier: MIT
// expect: this field is write-only
#include "uiokit/reg/block.hpp"
using namespace uiokit::reg;
struct R : Reg<"R", 0x0, std::uint32_t> { using A = Field<"A", 0, 1, Access::wo>; using fields = Fields<A>; };
using Blk = Block<"blk", 0x4, R>;
int main() { Bound<Blk, MmioIo> b(MmioIo{nullptr}); return b.get<R::A>() ? 1 : 0; }
