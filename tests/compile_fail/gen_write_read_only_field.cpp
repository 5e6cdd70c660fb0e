// SPDX-License-Identifier: MIT
// expect: this field is read-only
// STATUS.BUSY of tests/svd2cpp/testdev.svd is read-only in a read-write register.
#include "testdev.hpp"
int main() {
  uiokit::reg::Bound<testdev::TIMER0::block, uiokit::reg::MmioIo> b(uiokit::reg::MmioIo{nullptr});
  b.modify(testdev::TIMER0::STATUS::BUSY{1});
}
