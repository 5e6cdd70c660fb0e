// SPDX-License-Identifier: MIT
// Region and the file, memfd and /dev/mem backends: mapping, checked access, and every bad input
// turned into uiokit::Error before it can fault.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "uiokit/backend/devmem.hpp"
#include "uiokit/backend/file.hpp"
#include "uiokit/region.hpp"

namespace fs = std::filesystem;
using uiokit::Errc;

namespace {
struct TempFile {
  fs::path path;
  explicit TempFile(std::size_t size, const std::string& tag = "region") {
    path = fs::temp_directory_path() / ("uiokit-test-" + tag + "-" + std::to_string(::getpid()));
    std::ofstream f(path, std::ios::binary);
    for (std::size_t i = 0; i < size; ++i) f.put(static_cast<char>(i & 0xff));
  }
  ~TempFile() { fs::remove(path); }
};

template <class F>
Errc code_of(F&& f) {
  try {
    f();
  } catch (const uiokit::Error& e) {
    return e.code();
  }
  FAIL("no uiokit::Error thrown");
  return Errc::unsupported;
}

// Runs f in a child that has dropped to nobody (uid and gid 65534) when the test runs as root,
// so permission checks run under CI's root too; returns the Errc the child saw.
template <class F>
Errc code_as_nobody(F&& f) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(250);
    try {
      f();
    } catch (const uiokit::Error& e) {
      ::_exit(static_cast<int>(e.code()));
    } catch (...) {
      ::_exit(251);
    }
    ::_exit(252);  // nothing thrown
  }
  int st = 0;
  REQUIRE(::waitpid(pid, &st, 0) == pid);
  REQUIRE(WIFEXITED(st));
  const int rc = WEXITSTATUS(st);
  REQUIRE_MESSAGE(rc != 250, "could not drop to uid 65534");
  REQUIRE_MESSAGE(rc != 251, "the child threw something other than uiokit::Error");
  REQUIRE_MESSAGE(rc != 252, "no uiokit::Error thrown as uid 65534");
  return static_cast<Errc>(rc);
}
}  // namespace

TEST_CASE("map_file maps a whole file and reads every width") {
  TempFile t(8192);
  auto r = uiokit::map_file(t.path);
  CHECK(r.size() == 8192);
  CHECK(r.name() == t.path.filename().string());
  CHECK(r.read<std::uint8_t>(3) == 3);
  CHECK(r.read<std::uint16_t>(2) == 0x0302);
  CHECK(r.read<std::uint32_t>(4) == 0x07060504);
  CHECK(r.read<std::uint64_t>(8) == 0x0f0e0d0c0b0a0908ULL);
  CHECK(r.read(4, 4) == 0x07060504);
  CHECK(r.read<std::uint32_t>(4, uiokit::Endian::big) == 0x04050607);
}

TEST_CASE("map_file at an unaligned offset starts the Region at that byte") {
  TempFile t(3 * 4096);
  uiokit::FileMapOptions o;
  o.offset = 4096 + 16;
  o.size = 64;
  auto r = uiokit::map_file(t.path, o);
  CHECK(r.size() == 64);
  CHECK(r.read<std::uint8_t>(0) == 16);
  CHECK(code_of([&] { (void)r.read<std::uint8_t>(64); }) == Errc::out_of_range);
}

TEST_CASE("MAP_SHARED writes reach the file after sync, MAP_PRIVATE writes do not") {
  TempFile t(4096);
  {
    auto r = uiokit::map_file(t.path);
    r.write<std::uint32_t>(0, 0xdeadbeef);
    r.sync();
  }
  {
    uiokit::FileMapOptions o;
    o.share = uiokit::Share::private_copy;
    auto p = uiokit::map_file(t.path, o);
    CHECK(p.read<std::uint32_t>(0) == 0xdeadbeef);
    p.write<std::uint32_t>(0, 0x11111111);
    CHECK(p.read<std::uint32_t>(0) == 0x11111111);
  }
  std::ifstream f(t.path, std::ios::binary);
  unsigned char b[4];
  f.read(reinterpret_cast<char*>(b), 4);
  CHECK(b[0] == 0xef);
  CHECK(b[3] == 0xde);
}

TEST_CASE("checked access refuses out-of-range, misaligned and odd-width accesses with the offset named") {
  auto r = uiokit::map_memfd("regs", 256);
  CHECK(code_of([&] { (void)r.read<std::uint32_t>(256); }) == Errc::out_of_range);
  CHECK(code_of([&] { (void)r.read<std::uint32_t>(254); }) == Errc::out_of_range);
  CHECK(code_of([&] { (void)r.read<std::uint32_t>(2); }) == Errc::misaligned);
  CHECK(code_of([&] { (void)r.read(0, 3); }) == Errc::bad_width);
  try {
    (void)r.read<std::uint64_t>(0x104);
    FAIL("a read past the end was not refused");
  } catch (const uiokit::Error& e) {
    const std::string msg = e.what();
    CHECK(msg.find("0x104") != std::string::npos);
    CHECK(msg.find("regs") != std::string::npos);
  }
}

TEST_CASE("access_fits is check_access's rule: true exactly where check_access does not throw") {
  // Every width from 0 to 9 at every offset of windows of 0 to 20 bytes, and the edges of the
  // 64-bit range where size - offset and offset + width could wrap.
  auto agree = [](std::uint64_t size, std::uint64_t offset, std::uint64_t width) {
    bool threw = false;
    try {
      uiokit::check_access("w", size, offset, width);
    } catch (const uiokit::Error&) {
      threw = true;
    }
    CHECK_MESSAGE(uiokit::access_fits(size, offset, width) == !threw, "size ", size, " offset ", offset, " width ", width);
  };
  for (std::uint64_t size = 0; size <= 20; ++size)
    for (std::uint64_t offset = 0; offset <= 24; ++offset)
      for (std::uint64_t width = 0; width <= 9; ++width) agree(size, offset, width);
  constexpr auto max = ~std::uint64_t{0};
  for (std::uint64_t width : {1, 2, 4, 8})
    for (std::uint64_t offset : {max, max - 7, max - 8, max - 15, std::uint64_t{0}})
      for (std::uint64_t size : {max, max - 7, std::uint64_t{8}}) agree(size, offset, width);
  static_assert(uiokit::access_fits(8, 4, 4) && !uiokit::access_fits(8, 6, 4) && !uiokit::access_fits(8, 2, 4));
}

TEST_CASE("a value wider than the access is refused and nothing is written") {
  auto r = uiokit::map_memfd("regs", 16);
  r.write<std::uint64_t>(0, 0x5a5a5a5a5a5a5a5aULL);
  r.write<std::uint64_t>(8, 0x5a5a5a5a5a5a5a5aULL);
  // Truncated, 0x1ab would store 0xab; 0x1ab5a would store 0xb5a over two bytes.
  CHECK(code_of([&] { r.write(0, 1, 0x1ab); }) == Errc::invalid_argument);
  CHECK(code_of([&] { r.write(2, 2, 0x1ab5a); }) == Errc::invalid_argument);
  CHECK(code_of([&] { r.write(4, 4, 0x1'0000'00abULL); }) == Errc::invalid_argument);
  CHECK(r.read<std::uint64_t>(0) == 0x5a5a5a5a5a5a5a5aULL);
  CHECK(r.read<std::uint64_t>(8) == 0x5a5a5a5a5a5a5a5aULL);
}

TEST_CASE("a mapping past the end of a file is refused before it can SIGBUS") {
  TempFile t(100);
  uiokit::FileMapOptions o;
  o.size = 8192;
  CHECK(code_of([&] { (void)uiokit::map_file(t.path, o); }) == Errc::file_too_short);
  o.size = 0;
  o.offset = 4096;
  CHECK(code_of([&] { (void)uiokit::map_file(t.path, o); }) == Errc::file_too_short);
}

TEST_CASE("a missing file and an unreadable file are named") {
  try {
    (void)uiokit::map_file("/nonexistent/uiokit/regs");
    FAIL("mapped a missing file");
  } catch (const uiokit::Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(std::string(e.what()).find("/nonexistent/uiokit/regs") != std::string::npos);
  }
  TempFile t(64, "noperm");
  fs::permissions(t.path, fs::perms::none);
  CHECK(code_as_nobody([&] { (void)uiokit::map_file(t.path); }) == Errc::permission_denied);
}

TEST_CASE("a read-only mapping refuses writes") {
  TempFile t(4096);
  uiokit::FileMapOptions o;
  o.writable = false;
  auto r = uiokit::map_file(t.path, o);
  CHECK(code_of([&] { r.write<std::uint8_t>(0, 1); }) == Errc::permission_denied);
}

TEST_CASE("map_devmem rounds to pages and keeps the physical address, refusals are explained") {
  // A file with /dev/mem's layout stands in: byte N is physical address N.
  TempFile t(3 * 4096, "devmem");
  uiokit::DevmemOptions o;
  o.path = t.path.string();
  auto r = uiokit::map_devmem(0x1010, 0x20, o);
  REQUIRE(r.phys());
  CHECK(*r.phys() == 0x1010);
  CHECK(r.read<std::uint8_t>(0) == 0x10);
  CHECK(r.describe().find("0x1010") != std::string::npos);

  uiokit::DevmemOptions real;  // /dev/mem itself: needs root (a container may have none)
  if (fs::exists(real.path))
    CHECK(code_as_nobody([&] { (void)uiokit::map_devmem(0xfed00000, 0x1000, real); }) == Errc::permission_denied);
  uiokit::DevmemOptions missing;
  missing.path = "/nonexistent/mem";
  CHECK(code_of([&] { (void)uiokit::map_devmem(0, 4096, missing); }) == Errc::not_found);
}

TEST_CASE("replace_with_ones turns the window into all-ones memory") {
  auto r = uiokit::map_memfd("bar", 4096);
  r.write<std::uint32_t>(0, 0x12345678);
  r.replace_with_ones();
  CHECK(r.removed());
  CHECK(r.read<std::uint32_t>(0) == 0xffffffffu);
  CHECK(r.read<std::uint64_t>(4088) == ~0ULL);
}

TEST_CASE("Region moves and unmaps once") {
  auto a = uiokit::map_memfd("a", 4096);
  auto b = std::move(a);
  CHECK(!a);  // NOLINT(bugprone-use-after-move): checking the moved-from state is the point
  CHECK(b.size() == 4096);
  CHECK(code_of([&] { (void)a.read<std::uint8_t>(0); }) == Errc::invalid_argument);
}
