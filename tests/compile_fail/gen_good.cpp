// SPDX-License-Identifier: MIT
// The control for the gen_* cases: the same generated block, used correctly, compiles.
#include "testdev.hpp"
int main() {
  uiokit::reg::Bound<testdev::TIMER0::block, uiokit::reg::MmioIo> b(uiokit::reg::MmioIo{nullptr});
  if (sizeof(b) == 0) {
    b.modify(testdev::TIMER0::STATUS::ARMED{1});
    (void)b.read<testdev::TIMER0::DATA::at<3>>();
  }
  return 0;
}
