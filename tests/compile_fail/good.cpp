// SPDX-License-Identifier: MIT
// The control: a correct declaration and every operation it allows must compile.
#include "uiokit/reg/block.hpp"
using namespace uiokit::reg;
struct R : Reg<"R", 0x0, std::uint32_t> {
  using A = Field<"A", 0, 4>;
  using B = Field<"B", 4, 1, Access::w1c>;
  using fields = Fields<A, B>;
};
struct S : Reg<"S", 0x4, std::uint32_t, Access::ro> {};
using Blk = Block<"blk", 0x8, R, S>;
int main() {
  Bound<Blk, MmioIo> b(MmioIo{nullptr});
  if (sizeof(b) == 0) {
    b.modify(R::A{1});
    b.write<R>(R::B{1});
    (void)b.read<S>();
  }
  return 0;
}
