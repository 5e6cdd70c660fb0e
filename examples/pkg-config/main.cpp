// SPDX-License-Identifier: MIT
// A driver for a made-up countdown timer, over a file mapped as its register window.
// Run it with no argument: it writes the file, binds the block and checks what it reads.
#include <uiokit/backend/file.hpp>
#include <uiokit/reg/block.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>

using namespace uiokit::reg;

struct LOAD : Reg<"LOAD", 0x00, std::uint32_t, Access::rw> {};
struct VALUE : Reg<"VALUE", 0x04, std::uint32_t, Access::ro> {};
struct CONTROL : Reg<"CONTROL", 0x08, std::uint32_t, Access::rw> {
  using EN = Field<"EN", 7, 1>;
  using PERIODIC = Field<"PERIODIC", 6, 1>;
  using PRESCALE = Field<"PRESCALE", 2, 2>;
  using fields = Fields<EN, PERIODIC, PRESCALE>;
};
using Timer = Block<"timer", 0x20, LOAD, VALUE, CONTROL>;

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : "timer.bin";
  std::uint32_t image[8] = {};
  image[1] = 0x1234;  // VALUE, as the counter left it
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(image), sizeof image);

  auto region = uiokit::map_file(path);
  auto timer = Timer::bind(region);
  timer.write_raw<LOAD>(1000000);
  timer.modify(CONTROL::EN{1}, CONTROL::PERIODIC{1}, CONTROL::PRESCALE{1});
  const auto load = timer.read<LOAD>().raw();
  const auto value = timer.read<VALUE>().raw();
  const auto control = timer.read<CONTROL>().raw();
  std::printf("load %u  value 0x%x  control 0x%02x\n", load, value, control);
  return load == 1000000 && value == 0x1234 && control == 0xc4 ? 0 : 1;
}
