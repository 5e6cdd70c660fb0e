// SPDX-License-Identifier: MIT
// testdev-ports START [WRITE]: QEMU's pci-testdev I/O BAR through the port transports, with the
// typed block generated from tools/svd/devices/pci-testdev.svd. START and WRITE are device
// addresses of the same 256 ports (vfio:...:bar1, pci:...:bar1, io:PORT+0x100,
// uio:NAME:portK); WRITE defaults to START. Through START: start test 0 (no-eventfd) and read
// its header (test number 3, width 1, port offset 0x83, data 0xfa, count 0, name
// "portio-no-eventfd"); through WRITE: write 0xfa to the test's port three times and 0x12
// once; through START again: the count is 3 (the device counts only the matching one-byte
// writes). Then a 64-bit access is refused naming the transport, and a 16-bit read of the
// name's first two bytes gives "po". It prints what one 8-bit and one 32-bit read cost through
// START (the mean of 1000, guest time under TCG).
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include <uiokit/address/open.hpp>
#include <uiokit/transport.hpp>

#include "check_util.hpp"
#include "testdev_regs/TESTDEV.hpp"

namespace {
using testdev_regs::TESTDEV;

std::string name_of(auto& dev) {
  const std::uint32_t words[] = {dev.template read<TESTDEV::NAME0>().raw(), dev.template read<TESTDEV::NAME1>().raw(),
                                 dev.template read<TESTDEV::NAME2>().raw(), dev.template read<TESTDEV::NAME3>().raw(),
                                 dev.template read<TESTDEV::NAME4>().raw()};
  std::string s;
  for (std::uint32_t w : words)
    for (int i = 0; i < 4; ++i, w >>= 8) {
      if ((w & 0xff) == 0) return s;
      s += static_cast<char>(w & 0xff);
    }
  return s;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return check::fail("usage: testdev-ports START [WRITE]");
  return check::run([&] {
    auto start = uiokit::open_transport(argv[1]);
    std::unique_ptr<uiokit::Transport> other;
    uiokit::Transport* writer = start.get();
    if (argc > 2) writer = (other = uiokit::open_transport(argv[2])).get();
    std::printf("start: %s (%s accesses)\nwrite: %s\n", start->describe().c_str(),
                uiokit::widths_text(start->widths()).c_str(), writer->describe().c_str());

    auto dev = uiokit::reg::bind<TESTDEV::block>(*start);
    dev.write_raw<TESTDEV::TEST>(0);
    const unsigned test = dev.read<TESTDEV::TEST>().raw(), width = dev.read<TESTDEV::WIDTH>().raw(),
                   data = dev.read<TESTDEV::DATA>().raw();
    const std::uint32_t offset = dev.read<TESTDEV::OFFSET>().raw(), count0 = dev.read<TESTDEV::COUNT>().raw();
    const std::string name = name_of(dev);
    std::printf("test %u width %u offset 0x%" PRIx32 " data 0x%02x count %" PRIu32 " name '%s'\n", test, width, offset, data,
                count0, name.c_str());
    if (test != 3 || width != 1 || offset != 0x83 || data != 0xfa || count0 != 0 || name != "portio-no-eventfd")
      return check::fail("the header of test 0 is not test 3, width 1, offset 0x83, data 0xfa, count 0, 'portio-no-eventfd'");

    auto port = uiokit::reg::bind<TESTDEV::block>(*writer);
    for (int i = 0; i < 3; ++i) port.write_raw<TESTDEV::NO_EVENTFD_PORT>(0xfa);
    port.write_raw<TESTDEV::NO_EVENTFD_PORT>(0x12);  // not the test's data: not counted
    const std::uint32_t count = dev.read<TESTDEV::COUNT>().raw();
    std::printf("after 3 writes of 0xfa and 1 of 0x12: count %" PRIu32 "\n", count);
    if (count != 3) return check::fail("the count is not 3");

    const auto po = start->read(0x10, 2);
    std::printf("16-bit read at 0x10: 0x%04" PRIx64 "\n", po);
    if (po != 0x6f70) return check::fail("the 16-bit read of the name is not 'po' (0x6f70)");
    try {
      (void)start->read(0x10, 8);
      return check::fail("a 64-bit read was not refused");
    } catch (const uiokit::Error& e) {
      std::printf("64-bit read refused: %s (%s, exit status %d)\n", e.what(), std::string(uiokit::to_string(e.code())).c_str(),
                  uiokit::exit_status(e.code()));
      if (e.code() != uiokit::Errc::bad_width || e.subject() != start->describe())
        return check::fail("refused, but not as bad_width naming the transport");
    }
    for (unsigned bytes : {1u, 4u}) {
      const auto t0 = std::chrono::steady_clock::now();
      for (int i = 0; i < 1000; ++i) (void)start->load(0x0c, bytes);
      const std::chrono::duration<double, std::micro> us = std::chrono::steady_clock::now() - t0;
      std::printf("%u-bit read: %.2f us each (1000 reads)\n", bytes * 8, us.count() / 1000);
    }
    return 0;
  });
}
