// SPDX-License-Identifier: MIT
#include <uiokit/backend/file.hpp>
#include <uiokit/reg/block.hpp>

#include <cstdio>

using namespace uiokit::reg;
struct ID : Reg<"ID", 0x0, std::uint32_t, Access::rw> {};
using Dev = Block<"dev", 0x4, ID>;

int main() {
  auto r = uiokit::map_memfd("consumer", 4096);
  auto d = Dev::bind(r);
  d.write_raw<ID>(0x010000ed);
  std::printf("0x%08x\n", d.read<ID>().raw());
  return d.read<ID>().raw() == 0x010000ed ? 0 : 1;
}
