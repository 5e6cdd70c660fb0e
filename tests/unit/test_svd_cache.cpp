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

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>
#include <string_view>
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
    regs += svd_snippet::reg_xml(name, static_cast<unsigned>(4 * i),
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

std::vector<fs::path> files_named(const fs::path& dir, const char* extension) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == extension) out.push_back(e.path());
  return out;
}
std::vector<fs::path> entries(const fs::path& dir) { return files_named(dir, ".model"); }
std::vector<fs::path> identities(const fs::path& dir) { return files_named(dir, ".seen"); }

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

// An entry: a 72-byte header whose first 48 bytes are its key, then the body's size, a hash and
// the number of peripherals; a table of one XXH3-64 per peripheral, of its bytes in the body;
// the body. The header's hash is of the table and of the body without those bytes.
constexpr std::size_t key_size = 48, header_size = 72;

std::uint64_t word(const std::string& bytes, std::size_t at) {
  std::uint64_t v;
  std::memcpy(&v, bytes.data() + at, 8);
  return v;
}

// The body of an entry.
std::string body_of(const std::string& entry) { return entry.substr(header_size + 8 * word(entry, 64)); }

// Each peripheral's bytes in an encoding.
std::vector<std::string_view> peripheral_bytes(const std::string& body) {
  std::vector<std::string_view> parts;
  REQUIRE(svd::decode(body, nullptr, {}, [&](std::size_t, std::string_view, std::string_view part) {
    parts.push_back(part);
    return false;
  }));
  return parts;
}

// An entry of `body` under the key of `entry`, sealed as the cache seals one.
std::string reseal(const std::string& entry, const std::string& body) {
  const auto parts = peripheral_bytes(body);
  std::string table;
  for (const auto part : parts) {
    const std::uint64_t h = XXH3_64bits(part.data(), part.size());
    table.append(reinterpret_cast<const char*>(&h), 8);
  }
  std::string rest = table;
  const char* at = body.data();
  for (const auto part : parts) {
    rest.append(at, part.data());
    at = part.data() + part.size();
  }
  rest.append(at, body.data() + body.size());
  const std::uint64_t words[3] = {body.size(), XXH3_64bits(rest.data(), rest.size()), parts.size()};
  return entry.substr(0, key_size) + std::string(reinterpret_cast<const char*>(words), sizeof words) + table + body;
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
  auto model = svd::decode(std::make_shared<const std::string>(body_of(bytes)));
  REQUIRE(model);
  model->peripherals[0].registers[0].name = "FROM_CACHE";
  spill(entry, reseal(bytes, svd::encode(*model)));
  CHECK(svd::load_cached(s.svd).peripherals[0].registers[0].name == "FROM_CACHE");

  // An altered byte (the seal no longer matches): the entry is dropped and the file read again.
  std::string altered = slurp(entry);
  altered[altered.size() / 2] ^= 0x20;
  spill(entry, altered);
  CHECK(svd::load_cached(s.svd).peripherals[0].registers[0].name == "R0");
  REQUIRE(entries(s.dir).size() == 1);
  CHECK(slurp(entries(s.dir)[0]) == bytes);
}

TEST_CASE("svd cache: a load for some peripherals checks and decodes theirs only") {
  ScratchCache s;
  std::string xml = big_svd(400);
  xml.insert(xml.find("</peripherals>"),
             "<peripheral><name>Q</name><baseAddress>0x2000</baseAddress><registers>" + reg_xml("QR", 0) + "</registers></peripheral>"
             "<peripheral><name>Z</name><baseAddress>0x3000</baseAddress><registers>" + reg_xml("ZR", 4) + "</registers></peripheral>");
  spill(s.svd, xml);
  const auto whole = svd::load_cached(s.svd);  // parsed: every peripheral, and the entry written
  REQUIRE(whole.peripherals.size() == 3);
  const auto q = svd::load_cached(s.svd, {}, {"q"});
  REQUIRE(q.peripherals.size() == 1);
  CHECK(members(q) == members(whole));
  check_same_element(q.peripherals[0], whole.peripherals[1]);
  const auto zp = svd::load_cached(s.svd, {}, {"Z", "P"});
  REQUIRE(zp.peripherals.size() == 2);
  CHECK(zp.peripherals[0].name == "P");  // in file order
  check_same_element(zp.peripherals[1], whole.peripherals[2]);
  CHECK(svd::load_cached(s.svd, {}, {"NONE"}).peripherals.empty());

  // A byte of P altered: a load of Q does not read P's bytes and keeps the entry; a load of P
  // finds the change, and the entry is dropped and written again from the file.
  const auto entry = entries(s.dir).at(0);
  const std::string bytes = slurp(entry);
  std::string altered = bytes;
  altered[altered.find("register 7 of a generated")] ^= 0x20;
  spill(entry, altered);
  CHECK(svd::load_cached(s.svd, {}, {"Q"}).peripherals.size() == 1);
  CHECK(slurp(entry) == altered);
  const auto p = svd::load_cached(s.svd, {}, {"P"});
  check_same_element(p.peripherals.at(0), whole.peripherals[0]);
  CHECK(slurp(entries(s.dir).at(0)) == bytes);
  // A byte outside every peripheral (the device's warning) is checked by every load.
  altered = bytes;
  altered[altered.find("reading chosen")] ^= 0x20;
  spill(entry, altered);
  CHECK(svd::load_cached(s.svd, {}, {"Q"}).warnings == whole.warnings);
  CHECK(slurp(entries(s.dir).at(0)) == bytes);
}

TEST_CASE("svd cache: an unchanged file's key is taken from its identity, a changed one is hashed") {
  ScratchCache s;
  const auto other = s.root / "other.svd";
  spill(s.svd, big_svd(400));
  spill(other, big_svd(400, "OTHER"));
  (void)svd::load_cached(s.svd);
  CHECK(identities(s.dir).empty());  // changed less than two seconds ago: not remembered
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  (void)svd::load_cached(s.svd);
  REQUIRE(identities(s.dir).size() == 1);
  const auto mine = identities(s.dir)[0];
  (void)svd::load_cached(other);
  REQUIRE(identities(s.dir).size() == 2);
  const auto others = identities(s.dir)[0] == mine ? identities(s.dir)[1] : identities(s.dir)[0];

  // The file's record made to carry the other file's key (a record: 64 bytes, then the key): the
  // next load gives the other file's model, so the key came from the record, not from a hash.
  std::string record = slurp(mine);
  REQUIRE(record.size() == slurp(others).size());
  record.replace(64, std::string::npos, slurp(others).substr(64));
  spill(mine, record);
  CHECK(svd::load_cached(s.svd).peripherals[0].registers[0].name == "OTHER");
  // Any change to the file sets its change time, even one that keeps the content and the
  // modification time: the file is hashed again.
  REQUIRE(::chmod(s.svd.c_str(), 0600) == 0);
  CHECK(svd::load_cached(s.svd).peripherals[0].registers[0].name == "R0");
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
