// SPDX-License-Identifier: MIT
// The library's small-file reader and writer (lib/regmap/src/text_file.hpp), which replaces
// iostreams for sysfs attributes, /proc entries and device-tree blobs.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include "text_file.hpp"

namespace fs = std::filesystem;
using namespace uiokit::detail;

namespace {

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("uiokit-text-" + std::to_string(::getpid()));
  Scratch() { fs::create_directories(dir); }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string file(const char* name) const { return (dir / name).string(); }
};

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  for_each_line(text, [&](std::string_view l) { out.emplace_back(l); });
  return out;
}

}  // namespace

TEST_CASE("write_file then read_file give back the bytes, and a second write truncates") {
  Scratch s;
  const auto f = s.file("a");
  REQUIRE(write_file(f, std::string("one\ntwo\0three", 13)) == 0);
  CHECK(read_file(f) == std::string("one\ntwo\0three", 13));
  REQUIRE(write_file(f, "x") == 0);
  CHECK(read_file(f) == "x");
  CHECK(read_line(f) == "x");
}

TEST_CASE("read_file reads a file whose size says 0 to its end") {
  const auto status = read_file("/proc/self/status");
  REQUIRE(status);
  CHECK(status->find("Pid:") != std::string::npos);
  CHECK(status->size() > 100);
}

TEST_CASE("read_file and write_file say why they failed") {
  Scratch s;
  errno = 0;
  CHECK_FALSE(read_file(s.file("missing")));
  CHECK(errno == ENOENT);
  CHECK_FALSE(read_file(s.dir.string()));
  CHECK(errno == EISDIR);
  CHECK(write_file(s.dir.string(), "x") == EISDIR);
  CHECK(write_file(s.file("no/such/folder"), "x") == ENOENT);
}

TEST_CASE("read_file refuses a file over its limit with EFBIG") {
  Scratch s;
  const auto f = s.file("big");
  REQUIRE(write_file(f, std::string(10000, 'a')) == 0);
  CHECK(read_file(f, 10000)->size() == 10000);
  errno = 0;
  CHECK_FALSE(read_file(f, 9999));
  CHECK(errno == EFBIG);
}

TEST_CASE("read_line gives the first line without its newline and trailing blanks") {
  Scratch s;
  const auto f = s.file("attr");
  REQUIRE(write_file(f, "0x1234 \r\nsecond\n") == 0);
  CHECK(read_line(f) == "0x1234");
  REQUIRE(write_file(f, "") == 0);
  CHECK(read_line(f) == "");
}

TEST_CASE("for_each_line splits on newlines and keeps a last line without one") {
  CHECK(lines_of("") == std::vector<std::string>{});
  CHECK(lines_of("a") == std::vector<std::string>{"a"});
  CHECK(lines_of("a\n") == std::vector<std::string>{"a"});
  CHECK(lines_of("a\n\nb") == std::vector<std::string>{"a", "", "b"});
}

TEST_CASE("for_each_word splits on blanks and stops when asked") {
  std::vector<std::string> words;
  for_each_word("  a\tbb \n ccc  ", [&](std::string_view w) {
    words.emplace_back(w);
    return true;
  });
  CHECK(words == std::vector<std::string>{"a", "bb", "ccc"});
  words.clear();
  for_each_word("a stop b", [&](std::string_view w) {
    words.emplace_back(w);
    return w != "stop";
  });
  CHECK(words == std::vector<std::string>{"a", "stop"});
}

TEST_CASE("parse_hex takes hex with or without 0x and nothing else") {
  CHECK(parse_hex("0x00000000fea00000") == 0xfea00000ull);
  CHECK(parse_hex("DEADbeef") == 0xdeadbeefull);
  CHECK(parse_hex("0X10") == 0x10ull);
  CHECK(parse_hex("0") == 0ull);
  CHECK(parse_hex("ffffffffffffffff") == ~0ull);
  CHECK_FALSE(parse_hex(""));
  CHECK_FALSE(parse_hex("0x"));
  CHECK_FALSE(parse_hex("12g"));
  CHECK_FALSE(parse_hex("-1"));
  CHECK_FALSE(parse_hex(" 1"));
  CHECK_FALSE(parse_hex("10000000000000000"));
}
