// SPDX-License-Identifier: MIT
// The bochs-display driver over memory-backed Regions: the registers a mode set writes, panning,
// and refusals that leave every register as it was; the displays' lock files. The CLCD driver's
// tests are in test_fb_clcd.cpp.
#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>
#include <vector>

#include "uiokit/backend/file.hpp"
#include "uiokit/error.hpp"
#include "uiokit/fb/bochs.hpp"
#include "uiokit/fb/draw.hpp"
#include "uiokit/fb/open.hpp"
#ifdef UIOKIT_TEST_FB_INFO_JSON
#include "info_json.hpp"
#endif

using namespace uiokit::fb;
using uiokit::Errc;
using uiokit::Region;

namespace {
// Windows owned by the test, lent to the driver, so the test can look at the registers.
struct Windows {
  Region regs = uiokit::map_memfd("regs", 0x1000);
  Region vram;
  explicit Windows(std::size_t vram_size) : vram(uiokit::map_memfd("vram", vram_size)) {}
};
class LentBochs final : public BochsDevice {
 public:
  explicit LentBochs(Windows& w) : w_(w) {}
  Region& framebuffer() override { return w_.vram; }
  Region& registers() override { return w_.regs; }
  std::string name() const override { return "test-bochs"; }
  std::string via() const override { return "test"; }

 private:
  Windows& w_;
};

std::vector<std::byte> snapshot(const Region& r) { return {r.data(), r.data() + r.size()}; }

template <class F>
void refused_without_writes(const Region& regs, Errc code, F&& bad) {
  const auto before = snapshot(regs);
  try {
    bad();
    FAIL("a bad mode was accepted");
  } catch (const uiokit::Error& e) {
    CHECK(e.code() == code);
  }
  CHECK(snapshot(regs) == before);
}
}  // namespace

TEST_CASE("fb bochs: mode set programs DISPI, show() pans, bad modes write nothing") {
  Windows w(4 << 20);
  w.regs.write<std::uint16_t>(0x500, 0xB0C5);
  w.regs.write<std::uint16_t>(0x514, 64);  // 4 MiB in 64 KiB units
  w.regs.write<std::uint32_t>(0x600, 8);
  BochsDisplay fb(std::make_unique<LentBochs>(w));
  CHECK_FALSE(fb.mode());
  const Mode m = fb.set_mode({640, 480, PixelFormat::xrgb8888, 2});
  CHECK(w.regs.read<std::uint16_t>(0x502) == 640);
  CHECK(w.regs.read<std::uint16_t>(0x504) == 480);
  CHECK(w.regs.read<std::uint16_t>(0x506) == 32);
  CHECK(w.regs.read<std::uint16_t>(0x508) == 0x41);  // enabled, linear framebuffer
  CHECK(w.regs.read<std::uint16_t>(0x50e) == 960);   // virtual height: two pages
  CHECK(w.regs.read<std::uint32_t>(0x604) == 0x1e1e1e1e);
  CHECK(fb.mode()->stride == 2560);
  CHECK(m.pages == 2);
  fill(fb.page(1), {255, 0, 0});
  CHECK(w.vram.read<std::uint32_t>(640 * 480 * 4) == 0x00ff0000u);
  CHECK(w.vram.read<std::uint32_t>(0) == 0);  // page 0 untouched
  CHECK(fb.back_page() == 1);
  fb.show(1);
  CHECK(w.regs.read<std::uint16_t>(0x512) == 480);
  CHECK(fb.shown() == 1);

  refused_without_writes(w.regs, Errc::invalid_argument, [&] { fb.set_mode({0, 480, PixelFormat::xrgb8888, 2}); });
  refused_without_writes(w.regs, Errc::invalid_argument, [&] { fb.set_mode({1920, 1080, PixelFormat::xrgb8888, 2}); });
  refused_without_writes(w.regs, Errc::unsupported, [&] { fb.set_mode({640, 480, PixelFormat::xbgr8888, 2}); });
  // QEMU shows nothing below 64x64, and pixman needs rows of whole 32-bit words.
  refused_without_writes(w.regs, Errc::invalid_argument, [&] { fb.set_mode({48, 480, PixelFormat::xrgb8888, 2}); });
  refused_without_writes(w.regs, Errc::invalid_argument, [&] { fb.set_mode({641, 480, PixelFormat::rgb565, 2}); });
  refused_without_writes(w.regs, Errc::invalid_argument, [&] { fb.show(2); });
  CHECK(fb.mode()->width == 640);
}

#ifdef UIOKIT_TEST_FB_INFO_JSON
TEST_CASE("fb: info --json names the display, its mode (null when off) and the page shown") {
  Windows w(4 << 20);
  w.regs.write<std::uint16_t>(0x500, 0xB0C5);
  w.regs.write<std::uint16_t>(0x514, 64);
  BochsDisplay fb(std::make_unique<LentBochs>(w));
  auto j = nlohmann::json::parse(fbcli::info_json(fb).dump());
  CHECK(j["display"] == "test-bochs");
  CHECK(j["via"] == "test");
  CHECK(j["memory_bytes"] == 4u << 20);
  CHECK(j["mode"].is_null());
  CHECK(j["formats"].size() == fb.formats().size());
  fb.set_mode({640, 480, PixelFormat::xrgb8888, 2});
  fb.show(1);
  j = fbcli::info_json(fb);
  CHECK(j["mode"]["width"] == 640);
  CHECK(j["mode"]["format"] == "xrgb8888");
  CHECK(j["mode"]["stride"] == 2560);
  CHECK(j["mode"]["shown"] == 1);
  CHECK(j["details"].is_object());
}
#endif

TEST_CASE("fb bochs: a window without the DISPI ID is not a bochs display") {
  Windows w(1 << 20);
  CHECK_THROWS_AS(BochsDisplay(std::make_unique<LentBochs>(w)), uiokit::Error);
}

TEST_CASE("fb: a second driver of the same display is refused as busy, naming the PID") {
  const auto dir = std::filesystem::temp_directory_path() / ("uiokit-fb-lock-" + std::to_string(::getpid()));
  LockFile first(dir.string(), "clcd@0x10020000");
  try {
    LockFile second(dir.string(), "clcd@0x10020000");
    FAIL("took a held lock");
  } catch (const uiokit::Error& e) {
    CHECK(e.code() == Errc::busy);
    CHECK(std::string(e.what()).find(std::to_string(::getpid())) != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}
