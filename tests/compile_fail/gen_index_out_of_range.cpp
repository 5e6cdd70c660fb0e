// SPDX-License-Identifier: MIT
// expect: array index out of range
// DATA of tests/svd2cpp/testdev.svd has 4 elements.
#include "testdev.hpp"
int main() {
  uiokit::reg::Bound<testdev::TIMER0::block, uiokit::reg::MmioIo> b(uiokit::reg::MmioIo{nullptr});
  (void)b.read<testdev::TIMER0::DATA::at<4>>();
}
