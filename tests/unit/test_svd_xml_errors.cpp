// SPDX-License-Identifier: MIT
// XML errors name file:line:column; a file that ends inside an element is called truncated.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#if __has_include("uiokit/svd/parse.hpp")
#include "svd_snippet.hpp"

namespace {
const std::string whole = "<device><name>T</name>\n<peripherals>\n  <peripheral><name>P</name><baseAddress>0</baseAddress></peripheral>\n</peripherals>\n</device>\n";
}  // namespace

TEST_CASE("svd xml: a malformed tag names line and column") {
  const auto e = error_of("<device><name>T</name>\n<peripherals>\n  <peripheral><name>P</nam></peripheral>\n</peripherals></device>");
  CHECK(e.find("t.svd:3:") != std::string::npos);
  CHECK(e.find("truncated") == std::string::npos);
}

TEST_CASE("svd xml: a file cut short is called truncated, wherever it is cut") {
  for (std::size_t cut : {whole.size() / 3, whole.size() / 2, whole.size() - 3}) {
    CAPTURE(cut);
    const auto e = error_of(whole.substr(0, cut));
    CHECK(e.find("truncated") != std::string::npos);
    CHECK(e.find("t.svd:") != std::string::npos);
  }
  CHECK(error_of(whole) == "no error");
}

TEST_CASE("svd xml: load() of a truncated file names the file, line and column") {
  const auto path = std::filesystem::temp_directory_path() / "uiokit_truncated_test.svd";
  std::ofstream(path) << whole.substr(0, whole.size() / 2);
  try {
    (void)svd::load(path);
    FAIL("loaded");
  } catch (const Error& e) {
    CHECK(e.subject().starts_with(path.string() + ":3:"));
    CHECK(std::string(e.what()).find("truncated") != std::string::npos);
  }
  std::filesystem::remove(path);
}

TEST_CASE("svd xml: an error in well-formed XML names the element's line and column too") {
  // The second R starts on line 4 after four spaces: its element's name is at column 6.
  const std::string xml = svd_snippet::device(svd_snippet::reg_xml("R", 0) + "\n    " + svd_snippet::reg_xml("R", 4));
  try {
    (void)svd::parse(xml, "t.svd");
    FAIL("parsed");
  } catch (const Error& e) {
    CHECK(e.subject() == "t.svd:4:6");
  }
}
#endif
#endif
