// SPDX-License-Identifier: MIT
// uiokit::fdt on dts/test/translate.dts (compiled by dts/CMakeLists.txt) and, when built, the
// board trees the rig boots.
#if defined(UIOKIT_HAVE_LIBFDT) && defined(UIOKIT_TEST_DTB_DIR)
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include <libfdt.h>

#include "uiokit/fdt/tree.hpp"
#include "uiokit/fdt/uio_match.hpp"
#include "skip.hpp"

using namespace uiokit;

namespace {
fdt::Tree test_tree() { return fdt::Tree::from_file(UIOKIT_TEST_DTB_DIR "/translate.dtb"); }
std::uint64_t cpu(const fdt::Tree& t, const char* path, unsigned i = 0) {
  auto n = t.find_path(path);
  REQUIRE(n);
  auto r = t.reg(*n);
  REQUIRE(r.size() > i);
  REQUIRE(r[i].cpu);
  return *r[i].cpu;
}
}  // namespace

TEST_CASE("fdt: reg translated through ranges, two-cell buses, empty and missing ranges") {
  auto t = test_tree();
  CHECK(cpu(t, "/bus@40000000/iofpga@7,00000000/rtc@17000") == 0x10017000);
  CHECK(cpu(t, "/bus@40000000/iofpga@7,00000000/clcd@1f000") == 0x1001f000);
  CHECK(cpu(t, "/bus@40000000/flash@0,00000000") == 0x40000000);
  CHECK(cpu(t, "/soc/rtc@10070000") == 0x10070000);
  CHECK(cpu(t, "/soc/offset-bus@20000000/uart@1000") == 0x20001000);
  CHECK(cpu(t, "/wide/dev@100000000") == 0x1000);
  CHECK(cpu(t, "/interrupt-controller@1e000000", 1) == 0x1e000100);
  auto eeprom = t.reg(*t.find_path("/soc/i2c@13860000/eeprom@50"));
  REQUIRE(eeprom.size() == 1);
  CHECK(eeprom[0].bus == 0x50);
  CHECK_FALSE(eeprom[0].cpu);  // the i2c bus has no ranges
  CHECK_FALSE(t.reg(*t.find_path("/soc/offset-bus@20000000/outside@200000"))[0].cpu);
}

TEST_CASE("fdt: find by compatible, phandle, selector") {
  auto t = test_tree();
  CHECK(t.find_compatible("arm,primecell").size() == 2);
  auto n = fdt::select(t, "compatible=samsung,s3c6410-rtc");
  CHECK(t.path(n) == "/soc/rtc@10070000");
  CHECK_FALSE(t.enabled(n));
  CHECK(t.path(fdt::select(t, "compatible=arm,primecell", 1)) == "/bus@40000000/iofpga@7,00000000/clcd@1f000");
  auto mr = t.u32_property(*t.find_path("/bus@40000000/iofpga@7,00000000/clcd@1f000"), "memory-region");
  REQUIRE(mr);
  CHECK(t.path(*t.find_phandle(*mr)) == "/reserved-memory/vram@4c000000");
  CHECK_THROWS_AS(fdt::select(t, "compatible=nothing,here"), Error);
  CHECK_THROWS_AS(fdt::select(t, "/no/such"), Error);
}

TEST_CASE("fdt: a compatible matching several nodes needs #N") {
  auto t = test_tree();
  // Two PrimeCells: without #N neither is taken, and the refusal lists both with their numbers.
  try {
    fdt::select(t, "compatible=arm,primecell");
    FAIL("an ambiguous compatible was accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid_argument);
    const std::string m = e.what();
    CHECK(m.find("2 nodes are compatible with \"arm,primecell\"") != std::string::npos);
    CHECK(m.find("/bus@40000000/iofpga@7,00000000/clcd@1f000 #1") != std::string::npos);
    CHECK(m.find("add #N") != std::string::npos);
  }
  CHECK(t.path(fdt::select(t, "compatible=arm,primecell", 0)) != t.path(fdt::select(t, "compatible=arm,primecell", 1)));
  try {
    fdt::select(t, "compatible=arm,primecell", 2);
    FAIL("#2 of two accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(std::string(e.what()).find("no #2") != std::string::npos);
  }
  // One match needs no number, and #0 names it too.
  CHECK(t.path(fdt::select(t, "compatible=samsung,s3c6410-rtc", 0)) == "/soc/rtc@10070000");
}

TEST_CASE("fdt: interrupts through interrupt-parent, nexus maps and interrupts-extended") {
  auto t = test_tree();
  auto rtc = t.interrupts(*t.find_path("/soc/rtc@10070000"));
  REQUIRE(rtc.size() == 2);
  CHECK(rtc[0].controller == "/soc/system-controller@10020000");
  CHECK(rtc[0].specifier == std::vector<std::uint32_t>{0, 44, 4});
  CHECK(rtc[1].specifier == std::vector<std::uint32_t>{0, 45, 4});
  auto pl031 = t.interrupts(*t.find_path("/bus@40000000/iofpga@7,00000000/rtc@17000"));
  REQUIRE(pl031.size() == 1);
  CHECK(pl031[0].controller == "/interrupt-controller@1e000000");
  CHECK(pl031[0].specifier == std::vector<std::uint32_t>{0, 4, 4});
  auto uart = t.interrupts(*t.find_path("/soc/offset-bus@20000000/uart@1000"));
  REQUIRE(uart.size() == 1);
  CHECK(uart[0].specifier == std::vector<std::uint32_t>{0, 7, 4});
}

TEST_CASE("fdt: a UIO device is matched by of_node or by map address") {
  auto t = test_tree();
  auto node = *t.find_path("/soc/rtc@10070000");
  sysfs::UioDevice by_addr{3, "rtc", "", {{0, "regs", 0x10070000, 0x1000, 0}}};
  sysfs::UioDevice other{1, "x", "", {{0, "", 0x10000000, 0x1000, 0}}};
  auto m = fdt::find_uio(t, node, {other, by_addr});
  REQUIRE(m);
  CHECK(m->device.number == 3);
  sysfs::UioDevice by_node{5, "rtc", "/soc/rtc@10070000", {{0, "regs", 0, 0x1000, 0}}};
  CHECK(fdt::find_uio(t, node, {by_node})->device.number == 5);
  CHECK_FALSE(fdt::find_uio(t, node, {other}));
}

TEST_CASE("fdt: malformed blobs are errors, never crashes") {
  std::vector<std::uint8_t> junk(100, 0xd0);
  CHECK_THROWS_AS(fdt::Tree::from_bytes(junk), Error);
  CHECK_THROWS_AS(fdt::Tree::from_bytes({}), Error);
  // A real tree cut short, and one with a byte flipped in the structure block.
  std::ifstream in(UIOKIT_TEST_DTB_DIR "/translate.dtb", std::ios::binary);
  std::vector<std::uint8_t> good((std::istreambuf_iterator<char>(in)), {});
  REQUIRE(good.size() > 200);
  std::vector<std::uint8_t> cut(good.begin(), good.begin() + 150);
  try {
    fdt::Tree::from_bytes(cut);
    FAIL("accepted a truncated tree");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::fdt_error);
  }
  for (std::size_t i = 40; i < good.size(); i += 7) {
    auto bad = good;
    bad[i] ^= 0xff;
    try {
      auto t = fdt::Tree::from_bytes(bad);
      for (auto n : t.all_nodes()) {
        (void)t.reg(n);
        (void)t.interrupts(n);
      }
    } catch (const Error&) {
    }
  }
}

// libfdt's checks accept a node name with a '/' and same-named siblings, whose printed paths
// would lead nowhere (or to another node); the reader must refuse both. Here "rtc@17000"
// becomes "rtc/17000".
TEST_CASE("fdt: a node name containing '/', or two siblings of one name, are refused") {
  std::ifstream in(UIOKIT_TEST_DTB_DIR "/translate.dtb", std::ios::binary);
  std::vector<std::uint8_t> blob((std::istreambuf_iterator<char>(in)), {});
  const std::string name = "rtc@17000";
  auto at = std::search(blob.begin(), blob.end(), name.begin(), name.end());
  REQUIRE(at != blob.end());
  CHECK(fdt::Tree::from_bytes(blob).find_path("/bus@40000000/iofpga@7,00000000/rtc@17000"));
  auto slash = blob;
  slash[static_cast<std::size_t>(at - blob.begin()) + 3] = '/';
  CHECK_THROWS_AS(fdt::Tree::from_bytes(slash), Error);
  // "clcd@1f000", its sibling, renamed "rtc@17000" too: two siblings of one name.
  const std::string clcd = "clcd@1f000";
  auto dup = blob;
  auto c = std::search(dup.begin(), dup.end(), clcd.begin(), clcd.end());
  REQUIRE(c != dup.end());
  // Both names take 12 bytes with their NUL and padding, so the structure stays well-formed.
  *std::copy(name.begin(), name.end(), c) = 0;
  CHECK_THROWS_AS(fdt::Tree::from_bytes(dup), Error);
}

namespace {
// A blob written with libfdt's sequential API: `body` adds nodes between the root's begin and end.
template <class Body>
std::vector<std::uint8_t> make_blob(Body body, std::size_t capacity = 1 << 20) {
  std::vector<std::uint8_t> buf(capacity);
  void* f = buf.data();
  const int cap = static_cast<int>(buf.size());
  REQUIRE(fdt_create(f, cap) == 0);
  REQUIRE(fdt_finish_reservemap(f) == 0);
  REQUIRE(fdt_begin_node(f, "") == 0);
  fdt_property_u32(f, "#address-cells", 1);
  fdt_property_u32(f, "#size-cells", 1);
  body(f);
  REQUIRE(fdt_end_node(f) == 0);
  REQUIRE(fdt_finish(f) == 0);
  buf.resize(fdt_totalsize(f));
  return buf;
}
}  // namespace

// A bus claiming 587 million #address-cells would size the child's unit address for an
// interrupt-map lookup by it (a 2.3 GB allocation). It must be refused as a malformed tree.
TEST_CASE("fdt: a hostile #address-cells on an interrupt's bus is refused, not allocated") {
  auto blob = make_blob([](void* f) {
    fdt_begin_node(f, "intc");
    fdt_property(f, "interrupt-controller", nullptr, 0);
    fdt_property_u32(f, "#interrupt-cells", 1);
    fdt_property_u32(f, "phandle", 1);
    fdt_end_node(f);
    fdt_begin_node(f, "nexus");
    fdt_property_u32(f, "#interrupt-cells", 1);
    fdt_property_u32(f, "#address-cells", 0);
    const fdt32_t map[] = {cpu_to_fdt32(5), cpu_to_fdt32(1), cpu_to_fdt32(9)};
    fdt_property(f, "interrupt-map", map, sizeof map);
    fdt_property_u32(f, "phandle", 2);
    fdt_end_node(f);
    fdt_begin_node(f, "bus");
    fdt_property_u32(f, "#address-cells", 587000000u);
    fdt_property_u32(f, "#size-cells", 1);
    fdt_begin_node(f, "dev@0");
    const fdt32_t reg[] = {0, 0};
    fdt_property(f, "reg", reg, sizeof reg);
    fdt_property_u32(f, "interrupts", 5);
    fdt_property_u32(f, "interrupt-parent", 2);
    fdt_end_node(f);
    fdt_end_node(f);
  });
  auto t = fdt::Tree::from_bytes(blob);
  auto dev = t.find_path("/bus/dev@0");
  REQUIRE(dev);
  try {
    (void)t.interrupts(*dev);
    FAIL("accepted #address-cells = 587000000");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::fdt_error);
    CHECK(std::string(e.what()).find("/bus") != std::string::npos);
  }
  // The same tree with a sane bus routes the interrupt through the nexus to the controller.
  auto good = blob;
  const fdt32_t huge = cpu_to_fdt32(587000000u);
  auto at = std::search(good.begin(), good.end(), reinterpret_cast<const std::uint8_t*>(&huge),
                        reinterpret_cast<const std::uint8_t*>(&huge) + 4);
  REQUIRE(at != good.end());
  const fdt32_t one = cpu_to_fdt32(1);
  std::copy_n(reinterpret_cast<const std::uint8_t*>(&one), 4, at);
  auto gt = fdt::Tree::from_bytes(good);
  auto irqs = gt.interrupts(*gt.find_path("/bus/dev@0"));
  REQUIRE(irqs.size() == 1);
  CHECK(irqs[0].controller == "/intc");
  CHECK(irqs[0].specifier == std::vector<std::uint32_t>{9});
}

// parent() answers from a table built once (libfdt's fdt_parent_offset walks from the root each
// time, which made reg() and path() over every node of a deep tree quadratic or worse). The
// deepest node's parent must cost about what the shallowest one's does: a root walk makes it
// hundreds of times dearer at this depth, far beyond the noise of two back-to-back timings.
TEST_CASE("fdt: reg and path over every node of a deep tree, parent() does not walk from the root") {
  constexpr int depth = 2000;
  auto blob = make_blob([](void* f) {
    for (int i = 0; i < depth; ++i) {
      fdt_begin_node(f, "n@0");
      fdt_property_u32(f, "#address-cells", 1);
      fdt_property_u32(f, "#size-cells", 1);
      const fdt32_t reg[] = {0, cpu_to_fdt32(4)};
      fdt_property(f, "reg", reg, sizeof reg);
    }
    for (int i = 0; i < depth; ++i) fdt_end_node(f);
  });
  auto t = fdt::Tree::from_bytes(blob);
  std::vector<fdt::Node> all;
  std::size_t longest = 0;
  for (auto n : t.all_nodes()) {
    all.push_back(n);
    longest = std::max(longest, t.path(n).size());
    try {
      (void)t.reg(n);  // no ranges on the way up: untranslatable, but answered
    } catch (const Error&) {
    }
  }
  CHECK(all.size() == depth + 1);
  CHECK(longest == depth * 4);  // "/n@0" per level

  using clock = std::chrono::steady_clock;
  auto cost = [&](fdt::Node n) {
    auto best = clock::duration::max();
    for (int round = 0; round < 5; ++round) {
      const auto t0 = clock::now();
      std::size_t found = 0;
      for (int i = 0; i < 2000; ++i) found += t.parent(n).has_value();
      best = std::min(best, clock::now() - t0);
      REQUIRE(found == 2000);
    }
    return std::chrono::duration<double>(best).count();
  };
  const double shallow = cost(all[1]), deep = cost(all.back());
  INFO("parent() x2000: depth 1 " << shallow * 1e6 << " us, depth " << depth << " " << deep * 1e6 << " us");
  CHECK(deep < 10 * shallow + 1e-4);
}

// libfdt's path lookup lets "bus" match "bus@40000000" and takes the first such sibling, so
// the path printed for a node under a sibling named exactly "bus" would lead elsewhere. An
// exact name must win; the unit-address shorthand stays for unambiguous paths.
TEST_CASE("fdt: a path through 'bus' is not taken by a sibling 'bus@40000000'") {
  auto blob = make_blob([](void* f) {
    fdt_begin_node(f, "bus@40000000");
    fdt_begin_node(f, "a");
    fdt_end_node(f);
    fdt_end_node(f);
    fdt_begin_node(f, "bus");
    fdt_begin_node(f, "b");
    fdt_end_node(f);
    fdt_end_node(f);
    fdt_begin_node(f, "soc@0");
    fdt_begin_node(f, "c");
    fdt_end_node(f);
    fdt_end_node(f);
  });
  auto t = fdt::Tree::from_bytes(blob);
  for (auto n : t.all_nodes()) {
    const auto p = t.path(n);
    CAPTURE(p);
    CHECK(t.find_path(p) == n);
  }
  auto b = t.find_path("/bus/b");
  REQUIRE(b);
  CHECK(t.name(*b) == "b");
  CHECK(t.find_path("/bus@40000000/a"));
  CHECK_FALSE(t.find_path("/bus/a"));  // "bus" exists: no shorthand into "bus@40000000"
  auto c = t.find_path("/soc/c");      // no "soc": the shorthand still works
  REQUIRE(c);
  CHECK(t.path(*c) == "/soc@0/c");
}

TEST_CASE("fdt: the board trees the rig boots, when built") {
  for (const char* f : {UIOKIT_DTB_VEXPRESS, UIOKIT_DTB_SMDKC210}) {
    if (!std::filesystem::exists(f) && uiokit_test::skip("board tree not built (needs the rig): " + std::string(f))) {
      return;
    }
    auto t = fdt::Tree::from_file(f);
    auto stubs = t.find_compatible("uiokit,uio-stub");
    CHECK_FALSE(stubs.empty());
    for (auto n : stubs) {
      auto r = t.reg(n);
      REQUIRE_FALSE(r.empty());
      const auto a = r[0].cpu.value_or(0);
      CHECK((a == 0x10017000 || a == 0x1001f000 || a == 0x10020000 || a == 0x10070000));
    }
  }
}
#endif
