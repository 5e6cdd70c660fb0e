// SPDX-License-Identifier: MIT
// Drawing layer: pixel formats, fills, blits with conversion, text bounds, PNG round trips
// and refusals of bad files.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "uiokit/error.hpp"
#include "uiokit/fb/draw.hpp"
#include "uiokit/fb/image_io.hpp"
#include "uiokit/fb/pattern.hpp"
#include "skip.hpp"

using namespace uiokit::fb;
using uiokit::Errc;

TEST_CASE("fb: packing and unpacking pixel formats") {
  CHECK(pack(PixelFormat::xrgb8888, {0x12, 0x34, 0x56}) == 0x00123456u);
  CHECK(pack(PixelFormat::xbgr8888, {0x12, 0x34, 0x56}) == 0x00563412u);
  CHECK(pack(PixelFormat::rgb565, {255, 0, 0}) == 0xf800u);
  CHECK(pack(PixelFormat::bgr565, {255, 0, 0}) == 0x001fu);
  CHECK(pack(PixelFormat::xrgb1555, {0, 255, 0}) == 0x03e0u);
  // the documented widening: QEMU's PL110 shifts (white 248,252,248), pixman replicates
  CHECK(unpack(PixelFormat::rgb565, 0xffff, Expansion::shift) == Rgb{248, 252, 248});
  CHECK(unpack(PixelFormat::rgb565, 0xffff, Expansion::replicate) == Rgb{255, 255, 255});
  CHECK(unpack(PixelFormat::xbgr1555, 0x7fff, Expansion::shift) == Rgb{248, 248, 248});
  CHECK(parse_format("rgb565") == PixelFormat::rgb565);
  CHECK_THROWS_AS(parse_format("rgb888"), uiokit::Error);
}

TEST_CASE("fb: fill_rect clips and writes only its rectangle, honouring the stride") {
  std::vector<std::uint32_t> mem(20 * 10, 0xdeadbeef);
  Surface s{reinterpret_cast<std::byte*>(mem.data()), 16, 10, 20 * 4, PixelFormat::xrgb8888};  // 4 pixels of padding
  fill(s, {1, 2, 3});
  for (std::uint32_t y = 0; y < 10; ++y) {
    CHECK(mem[y * 20 + 15] == 0x00010203u);
    CHECK(mem[y * 20 + 16] == 0xdeadbeefu);  // padding untouched
  }
  fill_rect(s, {-5, 8, 10, 10}, {255, 255, 255});
  CHECK(s.get(4, 9) == 0x00ffffffu);
  CHECK(s.get(5, 9) == 0x00010203u);
  CHECK(s.get(0, 7) == 0x00010203u);
}

TEST_CASE("fb: blit converts between XRGB8888 and RGB565") {
  Image a(8, 4, PixelFormat::xrgb8888), b(8, 4, PixelFormat::rgb565);
  draw_pattern(a.surface(), Pattern::bars);
  blit(b.surface(), 0, 0, a.surface());
  CHECK(b.surface().get(0, 0) == 0xffffu);  // white
  CHECK(b.surface().get(5, 0) == 0xf800u);  // red bar
  Image c(8, 4, PixelFormat::xrgb8888);
  blit(c.surface(), 0, 0, b.surface());
  CHECK(c.surface().get(5, 0) == 0x00ff0000u);  // red back, widened by replication
  blit(c.surface(), 6, 3, a.surface());         // mostly off-surface: clipped, no crash
  CHECK(c.surface().get(7, 3) == a.surface().get(1, 0));
}

TEST_CASE("fb: an io surface (video memory) gets the same pixels as plain memory") {
  // Odd widths and an odd x put rows and runs off any 8-byte boundary: the aligned copies
  // (mmio_copy.hpp) must still write exactly the pixels memcpy writes, and nothing else.
  for (const auto format : {PixelFormat::xrgb8888, PixelFormat::rgb565}) {
    CAPTURE(static_cast<int>(format));
    const std::uint32_t w = 37, h = 11, stride = 41 * 4;
    std::vector<std::uint32_t> plain_mem(stride / 4 * h, 0xdeadbeef), io_mem(stride / 4 * h, 0xdeadbeef);
    Surface plain{reinterpret_cast<std::byte*>(plain_mem.data()), w, h, stride, format};
    Surface io{reinterpret_cast<std::byte*>(io_mem.data()), w, h, stride, format, true};
    Image picture(13, 5, PixelFormat::xrgb8888);
    draw_pattern(picture.surface(), Pattern::bars);
    for (const Surface& s : {plain, io}) {
      fill_rect(s, {3, 1, 29, 7}, {10, 200, 30});
      fill_rect(s, {1, 9, 1, 2}, {255, 0, 0});
      blit(s, 5, 2, picture.surface());
      line(s, 0, 0, 36, 10, {0, 0, 255});
      text(s, 2, 2, "Hi", {255, 255, 0}, nullptr, 1);
    }
    CHECK(plain_mem == io_mem);
    Image back(w, h, format);
    blit(back.surface(), 0, 0, io);  // read back through the aligned copies
    bool same = true;
    for (std::uint32_t y = 0; y < h; ++y)
      for (std::uint32_t x = 0; x < w; ++x) same = same && back.surface().get(x, y) == plain.get(x, y);
    CHECK(same);
  }
}

TEST_CASE("fb: text outside the screen is refused, inside is drawn") {
  Image img(64, 16, PixelFormat::rgb565);
  text(img.surface(), 0, 0, "Hi", {255, 255, 255});
  CHECK(img.surface().get(1, 0) == 0xffffu);  // H's left stroke
  try {
    text(img.surface(), 40, 0, "too long", {255, 255, 255});
    FAIL("drew text off screen");
  } catch (const uiokit::Error& e) {
    CHECK(e.code() == Errc::invalid_argument);
    CHECK(std::string(e.what()).find("does not fit") != std::string::npos);
  }
  CHECK_THROWS_AS(text(img.surface(), -1, 0, "x", {}), uiokit::Error);
  CHECK_THROWS_AS(draw_card(img.surface(), Pattern::grid, {"a label far too long for this"}), uiokit::Error);
}

TEST_CASE("fb: PNG round trips, not-a-PNG and truncated files are clear errors") {
  if (!have_png() && uiokit_test::skip("built without libpng")) return;
  const auto dir = std::filesystem::temp_directory_path() / ("uiokit-fb-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  Image img(64, 48, PixelFormat::xrgb8888);
  draw_card(img.surface(), Pattern::gradient, {"png"});
  save_png(dir / "a.png", img.surface());
  const Image back = load_png(dir / "a.png");
  REQUIRE(back.width() == 64);
  for (std::uint32_t y = 0; y < 48; ++y)
    for (std::uint32_t x = 0; x < 64; ++x) REQUIRE(back.surface().get(x, y) == img.surface().get(x, y));

  std::ofstream(dir / "not.png") << "this is text, not a PNG";
  try {
    (void)load_png(dir / "not.png");
    FAIL("loaded a text file");
  } catch (const uiokit::Error& e) {
    CHECK(e.code() == Errc::parse_error);
    CHECK(std::string(e.what()).find("not.png") != std::string::npos);
  }
  const auto size = std::filesystem::file_size(dir / "a.png");
  std::filesystem::copy_file(dir / "a.png", dir / "cut.png");
  std::filesystem::resize_file(dir / "cut.png", size / 2);
  CHECK_THROWS_AS((void)load_png(dir / "cut.png"), uiokit::Error);
  CHECK_THROWS_AS((void)load_png(dir / "missing.png"), uiokit::Error);
  std::filesystem::remove_all(dir);
}
