// SPDX-License-Identifier: MIT
// The model cache: the encoding gives back every part of a Device, bad bytes give nothing, and
// load_cached reads an entry when one fits, and the file when the entry is missing, altered,
// of another file or other Limits, or in a folder others may write to.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/cache.hpp") && __has_include(<xxhash.h>)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>
#include <tuple>
#include <type_traits>

#include "svd_snippet.hpp"
#include "uiokit/svd/cache.hpp"
#include "uiokit/svd/serial.hpp"

namespace fs = std::filesystem;

namespace {

// A file well over the size from which models are cached: `n` registers, each with a field that
// has enumerated values and a description, and one token spelt another way (a warning).
std::string big_svd(int n, std::string_view first_name = "R0") {
  std::string regs;
  for (int i = 0; i < n; ++i) {
    const std::string name = i == 0 ? std::string(first_name) : "R" + std::to_string(i);
    regs += svd_snippet::reg(name, static_cast<unsigned>(4 * i),
                             "<description>register " + std::to_string(i) + " of a generated peripheral, padded to make the file large</description>"
                             "<resetValue>" + std::to_string(i) + "</resetValue><access>" + (i == 1 ? "read-writeonce" : "read-write") + "</access>"
                             "<fields><field><name>F</name><description>low bits</description><bitOffset>1</bitOffset><bitWidth>3</bitWidth>"
                             "<modifiedWriteValues>oneToClear</modifiedWriteValues>"
                             "<enumeratedValues><usage>read</usage><enumeratedValue><name>idle</name><description>nothing</description><value>0</value></enumeratedValue>"
                             "<enumeratedValue><name>odd</name><value>#xx1</value></enumeratedValue>"
                             "<enumeratedValue><name>other</name><isDefault>true</isDefault></enumeratedValue></enumeratedValues></field></fields>");
    regs += '\n';
  }
  return svd_snippet::device(regs);
}

// Every member of each element, as a tuple to compare.
auto members(const svd::EnumValue& e) { return std::tie(e.name, e.description, e.value, e.mask, e.is_default, e.usage); }
auto members(const svd::Field& f) {
  return std::tie(f.name, f.description, f.lsb, f.width, f.access, f.encoding);
}
auto members(const svd::Register& r) {
  return std::tie(r.name, r.description, r.offset, r.size, r.access, r.endian, r.reset_value, r.reset_mask);
}
auto members(const svd::Peripheral& p) { return std::tie(p.name, p.description, p.group, p.base, p.block_size); }
auto members(const svd::Device& d) { return std::tie(d.name, d.version, d.description, d.source, d.warnings); }

// a and b hold the same elements, and so, recursively, do their children.
template <class T>
void check_same_list(const std::vector<T>& a, const std::vector<T>& b);

template <class T>
void check_same_element(const T& a, const T& b) {
  CHECK(members(a) == members(b));
  if constexpr (std::is_same_v<T, svd::Peripheral>) check_same_list(a.registers, b.registers);
  if constexpr (std::is_same_v<T, svd::Register>) check_same_list(a.fields, b.fields);
  if constexpr (std::is_same_v<T, svd::Field>) check_same_list(a.enums, b.enums);
}

template <class T>
void check_same_list(const std::vector<T>& a, const std::vector<T>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) check_same_element(a[i], b[i]);
}

void check_same(const svd::Device& a, const svd::Device& b) {
  CHECK(members(a) == members(b));
  check_same_list(a.peripherals, b.peripherals);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void spill(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes; }

std::vector<fs::path> entries(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".model") out.push_back(e.path());
  return out;
}

// A scratch folder as the cache (UIOKIT_SVD_CACHE), restored afterwards.
struct ScratchCache {
  fs::path root = fs::temp_directory_path() / ("uiokit-cache-test-" + std::to_string(::getpid()));
  fs::path dir = root / "cache";
  fs::path svd = root / "big.svd";
  std::string old;
  bool had_old = false;
  ScratchCache() {
    fs::remove_all(root);
    fs::create_directories(root);
    if (const char* o = std::getenv("UIOKIT_SVD_CACHE")) old = o, had_old = true;
    ::setenv("UIOKIT_SVD_CACHE", dir.c_str(), 1);
  }
  ~ScratchCache() {
    if (had_old) ::setenv("UIOKIT_SVD_CACHE", old.c_str(), 1);
    else ::unsetenv("UIOKIT_SVD_CACHE");
    fs::remove_all(root);
  }
};

// An entry's header is 64 bytes; its body's size and XXH3-64 are its last two words.
constexpr std::size_t header_size = 64;
std::string reseal(std::string header, const std::string& body) {
  const std::uint64_t size = body.size(), hash = XXH3_64bits(body.data(), body.size());
  std::memcpy(header.data() + 48, &size, 8);
  std::memcpy(header.data() + 56, &hash, 8);
  return header + body;
}

}  // namespace

TEST_CASE("svd cache: the encoding gives back every part of a Device") {
  const auto d = svd::parse(big_svd(40), "t.svd");
  REQUIRE(d.warnings.size() == 1);
  auto back = svd::decode(std::make_shared<const std::string>(svd::encode(d)));
  REQUIRE(back);
  check_same(d, *back);
  CHECK(back->peripherals[0].registers[2].fields[0].enums[1].mask == 1);
}

TEST_CASE("svd cache: truncated, extended or altered encodings give nothing") {
  const auto d = svd::parse(big_svd(3), "t.svd");
  const std::string e = svd::encode(d);
  for (std::size_t n = 0; n < e.size(); ++n) CHECK_FALSE(svd::decode(std::make_shared<const std::string>(e.substr(0, n))));
  CHECK_FALSE(svd::decode(std::make_shared<const std::string>(e + '\0')));
  // A field's bit range outside its register (lsb 1 -> 40 in a 32-bit register).
  const std::string low_bits = std::string("low bits");
  const auto at = e.find(low_bits);
  REQUIRE(at != std::string::npos);
  std::string bad = e;
  const std::uint32_t lsb = 40;
  std::memcpy(bad.data() + at + low_bits.size(), &lsb, 4);
  CHECK_FALSE(svd::decode(std::make_shared<const std::string>(bad)));
  // A count larger than the bytes left (the peripheral count, after the header strings).
  std::string huge = e;
  const std::uint32_t many = 0x7fffffff;
  const auto warnings_end = huge.find("(reading chosen: read-writeOnce)") + std::strlen("(reading chosen: read-writeOnce)");
  std::memcpy(huge.data() + warnings_end, &many, 4);
  CHECK_FALSE(svd::decode(std::make_shared<const std::string>(huge)));
  // Limits hold for a decoded model as for a read one.
  svd::Limits tight;
  tight.max_registers = 2;
  CHECK_FALSE(svd::decode(std::make_shared<const std::string>(e), tight));
}

TEST_CASE("svd cache: a second load reads the entry the first wrote") {
  ScratchCache s;
  spill(s.svd, big_svd(400));
  REQUIRE(fs::file_size(s.svd) >= 64 * 1024);
  const auto first = svd::load_cached(s.svd);
  REQUIRE(entries(s.dir).size() == 1);
  CHECK((fs::status(s.dir).permissions() & fs::perms::all) == fs::perms::owner_all);
  check_same(first, svd::load(s.svd));

  // An entry whose model differs (resealed so that it is whole) is what the next load returns:
  // the file is not read again.
  const auto entry = entries(s.dir)[0];
  const std::string bytes = slurp(entry);
  auto model = svd::decode(std::make_shared<const std::string>(bytes.substr(header_size)));
  REQUIRE(model);
  model->peripherals[0].registers[0].name = "FROM_CACHE";
  spill(entry, reseal(bytes.substr(0, header_size), svd::encode(*model)));
  CHECK(svd::load_cached(s.svd).peripherals[0].registers[0].name == "FROM_CACHE");

  // An altered byte (the seal no longer matches): the entry is dropped and the file read again.
  std::string altered = slurp(entry);
  altered[altered.size() / 2] ^= 0x20;
  spill(entry, altered);
  CHECK(svd::load_cached(s.svd).peripherals[0].registers[0].name == "R0");
  REQUIRE(entries(s.dir).size() == 1);
  CHECK(slurp(entries(s.dir)[0]) == bytes);
}

TEST_CASE("svd cache: another content, path or Limits is another entry") {
  ScratchCache s;
  spill(s.svd, big_svd(400));
  (void)svd::load_cached(s.svd);
  spill(s.svd, big_svd(400, "CHANGED"));
  CHECK(svd::load_cached(s.svd).peripherals[0].registers[0].name == "CHANGED");
  CHECK(entries(s.dir).size() == 2);
  const auto copy = s.root / "copy.svd";
  fs::copy_file(s.svd, copy);
  const auto c = svd::load_cached(copy);
  CHECK(c.source == copy.string());
  CHECK(c.warnings.at(0).starts_with(copy.string() + ":"));
  svd::Limits keep;
  keep.keep_duplicates = true;
  (void)svd::load_cached(s.svd, keep);
  CHECK(entries(s.dir).size() == 4);
  svd::Limits tight;
  tight.max_registers = 10;
  CHECK_THROWS_AS(svd::load_cached(s.svd, tight), Error);
}

TEST_CASE("svd cache: errors are not cached, and at most 16 entries are kept") {
  ScratchCache s;
  std::string broken = big_svd(400);
  broken.resize(broken.size() - 40);
  spill(s.svd, broken);
  CHECK_THROWS_WITH_AS(svd::load_cached(s.svd), doctest::Contains("truncated"), Error);
  CHECK_THROWS_WITH_AS(svd::load_cached(s.svd), doctest::Contains("truncated"), Error);
  CHECK((!fs::exists(s.dir) || entries(s.dir).empty()));
  for (int i = 0; i < 18; ++i) {
    spill(s.svd, big_svd(400, "V" + std::to_string(i)));
    (void)svd::load_cached(s.svd);
  }
  CHECK(entries(s.dir).size() == 16);
}

TEST_CASE("svd cache: off, or in a folder others may write to, nothing is written") {
  ScratchCache s;
  spill(s.svd, big_svd(400));
  ::setenv("UIOKIT_SVD_CACHE", "off", 1);
  CHECK_FALSE(svd::cache_dir());
  CHECK(svd::load_cached(s.svd).peripherals[0].registers.size() == 400);
  ::setenv("UIOKIT_SVD_CACHE", s.dir.c_str(), 1);
  fs::create_directories(s.dir);
  fs::permissions(s.dir, fs::perms::all);
  CHECK_FALSE(svd::cache_dir());
  CHECK(svd::load_cached(s.svd).peripherals[0].registers.size() == 400);
  CHECK(entries(s.dir).empty());
  // Small files are read directly.
  fs::permissions(s.dir, fs::perms::owner_all);
  spill(s.svd, big_svd(2));
  (void)svd::load_cached(s.svd);
  CHECK(entries(s.dir).empty());
}

TEST_CASE("svd cache: a description from a pipe is read as it comes, and not cached") {
  ScratchCache s;
  const std::string xml = big_svd(400);  // past a pipe's buffer and the first read's size
  REQUIRE(xml.size() >= 64 * 1024);
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  ::signal(SIGPIPE, SIG_IGN);  // a writer whose reader gave up gets EPIPE, not the signal
  std::thread writer([&] {
    for (std::size_t at = 0; at < xml.size();) {
      const auto n = ::write(fds[1], xml.data() + at, xml.size() - at);
      if (n <= 0) break;
      at += static_cast<std::size_t>(n);
    }
    ::close(fds[1]);
  });
  std::optional<svd::Device> d;
  std::string error;
  try {
    d = svd::load_cached("/proc/self/fd/" + std::to_string(fds[0]));
  } catch (const Error& e) {
    error = e.what();
  }
  ::close(fds[0]);  // a writer still writing then fails instead of waiting
  writer.join();
  REQUIRE_MESSAGE(d, error);
  check_same(*d, svd::parse(xml, d->source));
  CHECK((!fs::exists(s.dir) || entries(s.dir).empty()));
}

#endif
#endif
