// SPDX-License-Identifier: MIT
// svd::Outline: each peripheral resolved alone is the one the whole reading gives; what the scan
// cannot follow, and what a part cannot answer, goes to the whole reading.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/outline.hpp")
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "svd_snippet.hpp"
#include "uiokit/svd/outline.hpp"
#include "uiokit/svd/serial.hpp"

namespace {

// The document in a file of its own, removed with the object.
struct File {
  std::filesystem::path path;
  explicit File(const std::string& xml) {
    static int n = 0;
    path = std::filesystem::temp_directory_path() / ("uiokit-outline-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".svd");
    std::ofstream(path) << xml;
  }
  ~File() { std::filesystem::remove(path); }
};

std::string periph(std::string_view name, unsigned base, std::string_view inner, std::string_view attrs = {}) {
  return "<peripheral" + std::string(attrs) + "><name>" + std::string(name) + "</name><baseAddress>" + std::to_string(base) +
         "</baseAddress><registers>" + std::string(inner) + "</registers></peripheral>\n";
}

std::string doc(std::string_view peripherals) {
  return "<?xml version=\"1.0\"?>\n<!-- a <peripheral> in a comment -->\n<device><name>D</name><size>16</size>\n<peripherals>\n" +
         std::string(peripherals) + "</peripherals></device>\n";
}

// Every peripheral of the outline against load(); whether the file was outlined.
bool same_as_whole(const std::string& xml) {
  const File f(xml);
  const auto whole = svd::load(f.path);
  svd::Outline o(f.path);
  CHECK(o.name() == whole.name);
  REQUIRE(o.size() == whole.peripherals.size());
  for (std::size_t i = 0; i < o.size(); ++i) {
    CHECK(o.name(i) == whole.peripherals[i].name);
    CHECK(svd::encode(o.peripheral(i)) == svd::encode(whole.peripherals[i]));
  }
  return o.outlined();
}

const std::string a = periph("A", 0x1000, reg_xml("R", 0, "<fields><field><name>F</name><bitOffset>0</bitOffset><bitWidth>2</bitWidth>"
                                                      "<enumeratedValues><name>MODE</name><enumeratedValue><name>ON</name><value>1</value>"
                                                      "</enumeratedValue></enumeratedValues></field></fields>"));

}  // namespace

TEST_CASE("svd outline: peripherals resolved alone are those of the whole reading") {
  const std::string b = periph("B", 0x2000, reg_xml("S", 4));
  CHECK(same_as_whole(doc(a + b)));
  // Children in another order than the schema's, a comment between peripherals, attributes.
  CHECK(same_as_whole(doc(a + "<!-- <peripheral><name>OLD</name></peripheral> -->\n" +
                          "<peripheral ><baseAddress>0x3000</baseAddress><interrupt><name>IRQ</name><value>1</value></interrupt>"
                          "<name>C</name><registers>" + reg_xml("T", 0) + "</registers></peripheral >\n")));
}

TEST_CASE("svd outline: a peripheral derived from another, and a register path into another") {
  CHECK(same_as_whole(doc(a + periph("B", 0x2000, "", " derivedFrom=\"A\""))));
  CHECK(same_as_whole(doc(a + periph("B", 0x2000, reg_xml("S", 8), "") +
                          "<peripheral><name>C</name><baseAddress>0x3000</baseAddress><registers>"
                          "<register derivedFrom=\"A.R\"><name>R2</name><addressOffset>4</addressOffset></register>"
                          "</registers></peripheral>\n")));
}

TEST_CASE("svd outline: an enumerated set found only device-wide is answered by the whole reading") {
  // B's document holds C (a register of B derives from it) but not A, whose MODE the whole
  // reading takes: a set looked up device-wide in B's document alone would be C's.
  const std::string c = periph("C", 0x3000, reg_xml("T", 0, "<fields><field><name>H</name><bitOffset>0</bitOffset><bitWidth>2</bitWidth>"
                                                        "<enumeratedValues><name>MODE</name><enumeratedValue><name>OFF</name><value>0</value>"
                                                        "</enumeratedValue></enumeratedValues></field></fields>"));
  const std::string b = periph("B", 0x2000, reg_xml("S", 0, "<fields><field><name>G</name><bitOffset>0</bitOffset><bitWidth>2</bitWidth>"
                                                        "<enumeratedValues derivedFrom=\"MODE\"/></field></fields>") +
                                                "<register derivedFrom=\"C.T\"><name>T2</name><addressOffset>4</addressOffset></register>");
  const File f(doc(c + b + a));
  svd::Outline o(f.path);
  CHECK(o.outlined());
  const auto& g = o.peripheral(1).registers.at(0).fields.at(0);
  REQUIRE(g.enums.size() == 1);
  CHECK(g.enums[0].name == "ON");
  CHECK(same_as_whole(doc(c + b + a)));
}

TEST_CASE("svd outline: what the scan does not follow is read whole at open") {
  // A peripheral array, a peripheral given twice with keep_duplicates... and CDATA between.
  CHECK_FALSE(same_as_whole(doc(a + "<peripheral><dim>2</dim><dimIncrement>0x100</dimIncrement><name>U%s</name>"
                                    "<baseAddress>0x4000</baseAddress><registers>" + reg_xml("R", 0) + "</registers></peripheral>\n")));
  CHECK_FALSE(same_as_whole(doc(a + "<![CDATA[ x ]]>" + periph("B", 0x2000, reg_xml("S", 4)))));
  const File dup(doc(a + a));
  CHECK_THROWS_WITH_AS(svd::Outline{dup.path}, doctest::Contains("peripheral \"A\" is given twice"), const Error&);
}

TEST_CASE("svd outline: the <peripherals> found must be the one the reader takes") {
  // pugixml takes several root elements; the reader reads the first <device>, which has none.
  CHECK_FALSE(same_as_whole("<device><name>X</name></device>\n<device><name>D</name><peripherals>\n" + a + "</peripherals></device>\n"));
  CHECK_FALSE(same_as_whole("<device><name>D</name><vendorExtensions><peripherals></peripherals></vendorExtensions>\n<peripherals>\n" + a +
                            "</peripherals></device>\n"));
}

TEST_CASE("svd outline: an error in one peripheral is met when that peripheral is asked for") {
  const std::string bad = periph("B", 0x2000, reg_xml("S", 0, "<access>sometimes</access>"));
  const File f(doc(a + bad));
  const auto expected = error_of(doc(a + bad));
  svd::Outline o(f.path);
  CHECK(o.outlined());
  CHECK(o.peripheral(0).registers.at(0).name == "R");  // A is sound
  std::string got = "no error";
  try {
    (void)o.peripheral(1);
  } catch (const Error& e) {
    got = e.what();
  }
  // The whole reading's message, its place included (t.svd there, this file's path here).
  CHECK(got.find("unknown access \"sometimes\"") != std::string::npos);
  CHECK(got.find(f.path.string() + ":6:") != std::string::npos);
  CHECK(expected.find("t.svd:6:") != std::string::npos);
  CHECK_THROWS_AS((void)o.whole(), const Error&);
}

TEST_CASE("svd outline: an end tag in a comment cuts the element short: the file is read whole") {
  CHECK_FALSE(same_as_whole(doc(periph("A", 0x1000, "<!-- </peripheral> -->" + reg_xml("R", 0)) + periph("B", 0x2000, reg_xml("S", 4)))));
}

TEST_CASE("svd outline: warnings name the file's lines") {
  const std::string b = periph("B", 0x2000, reg_xml("S", 0, "<access>RW</access>"));
  const File f(doc(a + b));
  const auto whole = svd::load(f.path);
  svd::Outline o(f.path);
  (void)o.peripheral(1);
  REQUIRE(o.warnings().size() == 1);
  REQUIRE(whole.warnings.size() == 1);
  CHECK(o.warnings()[0] == whole.warnings[0]);
  CHECK(o.warnings()[0].find(f.path.string() + ":6: warning:") == 0);
}

TEST_CASE("svd outline: a file that cannot be read or is truncated") {
  CHECK_THROWS_WITH_AS(svd::Outline{"/nonexistent/x.svd"}, doctest::Contains("/nonexistent/x.svd"), const Error&);
  const auto full = doc(a);
  const File f(full.substr(0, full.size() - 30));
  CHECK_THROWS_WITH_AS(svd::Outline{f.path}, doctest::Contains("truncated"), const Error&);
}

#endif
#endif
