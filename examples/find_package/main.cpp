// SPDX-License-Identifier: MIT
// A driver for a made-up temperature sensor, over a file that stands in for its registers.
// Run it with no argument: it writes the file, binds the block and checks what it reads.
#include <uiokit/address/open.hpp>
#include <uiokit/reg/block.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>

using namespace uiokit::reg;

struct ID : Reg<"ID", 0x0, std::uint32_t, Access::ro> {};
struct CTRL : Reg<"CTRL", 0x4, std::uint32_t, Access::rw> {
  using ENABLE = Field<"ENABLE", 0, 1>;
  using RATE = Field<"RATE", 4, 3>;  // samples per second: 1 << RATE
  using fields = Fields<ENABLE, RATE>;
};
struct TEMP : Reg<"TEMP", 0x8, std::uint32_t, Access::ro> {};  // millidegrees Celsius
using Sensor = Block<"sensor", 0x10, ID, CTRL, TEMP>;

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : "sensor.bin";
  const std::uint32_t image[4] = {0x5e450001, 0, 21500, 0};
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(image), sizeof image);

  auto region = uiokit::open(std::string("file:") + path);  // any device address works here
  auto sensor = Sensor::bind(region);
  sensor.modify(CTRL::ENABLE{1}, CTRL::RATE{3});
  const auto id = sensor.read<ID>().raw();
  const auto ctrl = sensor.read<CTRL>().raw();
  const auto temp = sensor.read<TEMP>().raw();
  std::printf("id 0x%08x  ctrl 0x%02x  %.1f C\n", id, ctrl, temp / 1000.0);
  return id == 0x5e450001 && ctrl == 0x31 && temp == 21500 ? 0 : 1;
}
