// SPDX-License-Identifier: MIT
// gdb-clcd-card REGS VRAM MODE FORMAT PATTERN LABEL: the CLCD driver (ClcdDisplay, on the
// register blocks generated from pl111.svd) over the GDB transport, before any kernel runs.
// REGS is the controller's window with stores through the CPU (gdb:...:cpu@SCRATCH: QEMU's stub
// drops device writes it is sent); VRAM a window of the video RAM of the same stub, which it
// writes. The
// card is drawn into a local copy of video memory and written to the target's page before the
// flip, so the screendump shows what the driver drew.
#include <cstdio>
#include <memory>
#include <span>
#include <string>

#include "uiokit/address/address.hpp"
#include "uiokit/fake/fake_device.hpp"
#include "uiokit/fb/clcd.hpp"
#include "uiokit/fb/pattern.hpp"
#include "uiokit/gdb/transport.hpp"

using namespace uiokit;

namespace {

class GdbClcd final : public fb::ClcdDevice {
 public:
  GdbClcd(Transport& registers, std::uint64_t bus, std::size_t size)
      : regs_(registers), memory_(size, "video memory (local copy)"), shadow_(memory_.region()), bus_(bus) {}
  Transport& registers() override { return regs_; }
  Region& vram() override { return shadow_; }
  std::uint64_t vram_bus() override { return bus_; }
  std::string name() const override { return "CLCD over GDB"; }
  std::string via() const override { return "gdb"; }

 private:
  Transport& regs_;
  fake::FakeDevice memory_;  // plain bytes: the driver draws here, then they go to the target
  Region shadow_;
  std::uint64_t bus_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: gdb-clcd-card REGS VRAM MODE FORMAT PATTERN LABEL\n");
    return 64;
  }
  try {
    // One connection for both windows: a stub serves one debugger at a time.
    const auto regs_address = parse_address(argv[1]), vram_address = parse_address(argv[2]);
    auto regs = gdb::GdbTransport::open(regs_address);
    if (vram_address.scheme != DeviceAddress::Scheme::gdb || vram_address.path != regs_address.path ||
        vram_address.host != regs_address.host || vram_address.port != regs_address.port)
      throw Error(Errc::invalid_argument, argv[2], "the video memory must be a window of the same GDB stub as the registers");
    auto vram = regs->window(vram_address.offset, vram_address.size ? vram_address.size : 0x1000, to_string(vram_address));
    auto device = std::make_unique<GdbClcd>(*regs, vram_address.offset, static_cast<std::size_t>(vram->size()));
    auto& shadow = device->vram();
    fb::ClcdDisplay display(std::move(device));
    fb::ModeRequest request = fb::parse_mode(argv[3]);
    request.format = fb::parse_format(argv[4]);
    const auto mode = display.set_mode(request);
    const unsigned back = display.back_page();
    fb::draw_card(display.page(back), fb::parse_pattern(argv[5]), {argv[6]});
    const std::size_t at = back * mode.page_bytes;
    vram->write_bytes(at, std::span<const std::byte>(shadow.data() + at, mode.page_bytes));
    display.show(back);
    std::printf("%s: %s, page %u written over %s\n", display.name().c_str(), fb::describe(mode).c_str(), back,
                vram->describe().c_str());
    return 0;
  } catch (const Error& e) {
    std::fprintf(stderr, "gdb-clcd-card: %s\n", e.what());
    return exit_status(e.code());
  }
}
