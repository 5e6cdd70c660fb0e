// SPDX-License-Identifier: MIT
// Line and column in the reader's messages, for places anywhere in a long file: before and after
// the edges of the 64-byte words and 512-byte blocks its line index counts by, on long and short
// lines, and in a file with no line end at all. Each expected place is counted here from the
// text, a byte at a time.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/parse.hpp")
#include "svd_snippet.hpp"

namespace {

// "t.svd:LINE:COLUMN" of the element whose name starts at `at`, counted byte by byte.
std::string place_of(const std::string& xml, std::size_t at) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if (xml[i] == '\n') ++line, column = 1;
    else ++column;
  }
  return "t.svd:" + std::to_string(line) + ":" + std::to_string(column);
}

// The duplicate register's error: its subject is where the second R is, its text where the first.
void check_duplicate_named_in_place(const std::string& xml) {
  const auto first = xml.find("<register>"), second = xml.find("<register>", first + 1);
  REQUIRE(second != std::string::npos);
  const std::string where_first = place_of(xml, first + 1);
  try {
    (void)svd::parse(xml, "t.svd");
    FAIL("parsed");
  } catch (const Error& e) {
    CHECK(e.subject() == place_of(xml, second + 1));
    // "also at t.svd:LINE": the line of the first one, without its column
    CHECK(std::string(e.what()).find("also at " + where_first.substr(0, where_first.rfind(':')) + ")") != std::string::npos);
  }
}

}  // namespace

TEST_CASE("svd lines: places after lines of every length across word and block edges") {
  for (const std::size_t lines : {0u, 1u, 7u, 64u, 65u, 300u})
    for (const std::size_t length : {0u, 1u, 62u, 63u, 64u, 65u, 511u, 512u, 513u})
      for (const std::size_t indent : {0u, 5u, 63u, 600u}) {
        CAPTURE(lines);
        CAPTURE(length);
        CAPTURE(indent);
        std::string pad;
        for (std::size_t i = 0; i < lines; ++i) pad += std::string(length, ' ') + "\n";
        check_duplicate_named_in_place(device(reg_xml("R", 0) + "\n" + pad + std::string(indent, ' ') + reg_xml("R", 4)));
      }
}

TEST_CASE("svd lines: a file without a line end is all line 1") {
  for (const std::size_t indent : {0u, 60u, 64u, 512u, 5000u}) {
    CAPTURE(indent);
    check_duplicate_named_in_place("<device><name>T</name><peripherals><peripheral><name>P</name><baseAddress>0</baseAddress><registers>" +
                                   reg_xml("R", 0) + std::string(indent, ' ') + reg_xml("R", 4) +
                                   "</registers></peripheral></peripherals></device>");
  }
}

TEST_CASE("svd lines: an XML error in the last byte of a file of whole blocks") {
  // 1024 bytes, the last line unterminated: the error is at its last byte, line 2, column 1015.
  std::string xml = "<device>\n";
  xml += std::string(1024 - xml.size() - 1, ' ') + "<";
  REQUIRE(xml.size() == 1024);
  try {
    (void)svd::parse(xml, "t.svd");
    FAIL("parsed");
  } catch (const Error& e) {
    CHECK(e.subject() == "t.svd:2:1015");
  }
}
#endif
#endif
