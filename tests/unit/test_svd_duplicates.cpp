// SPDX-License-Identifier: MIT
// A register, field or peripheral name given twice: an error naming both lines by default;
// Limits::keep_duplicates keeps the first with a warning.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/parse.hpp")
#include "svd_snippet.hpp"

namespace {
svd::Limits keep() {
  svd::Limits l;
  l.keep_duplicates = true;
  return l;
}
const std::string two_regs = reg_xml("R", 0) + "\n" + reg_xml("R", 4);
const std::string two_fields = reg_xml("R", 0, "<fields>\n<field><name>F</name><bitOffset>0</bitOffset></field>\n<field><name>F</name><bitOffset>1</bitOffset></field>\n</fields>");
const std::string second_p = "\n<peripheral><name>P</name><baseAddress>0x2000</baseAddress></peripheral>";
}  // namespace

TEST_CASE("svd duplicates: a register given twice names both lines") {
  const auto e = error_of(device(two_regs));
  CHECK(e.find("t.svd:4") != std::string::npos);
  CHECK(e.find("register \"R\" is given twice (also at t.svd:3)") != std::string::npos);
}

TEST_CASE("svd duplicates: a name given twice among many, wherever the first one is") {
  // R0..R39, one per line from line 3, then R<k> again on line 43: found and named by both lines
  // wherever R<k> came among the first ones.
  for (const unsigned k : {0u, 1u, 14u, 15u, 16u, 17u, 30u, 39u}) {
    CAPTURE(k);
    std::string regs;
    for (unsigned i = 0; i < 40; ++i) regs += reg_xml("R" + std::to_string(i), 4 * i) + "\n";
    const auto e = error_of(device(regs + reg_xml("R" + std::to_string(k), 160)));
    CHECK(e.find("t.svd:43") != std::string::npos);
    CHECK(e.find("register \"R" + std::to_string(k) + "\" is given twice (also at t.svd:" + std::to_string(3 + k) + ")") != std::string::npos);
  }
  std::string distinct;
  for (unsigned i = 0; i < 40; ++i) distinct += reg_xml("R" + std::to_string(i), 4 * i) + "\n";
  CHECK(error_of(device(distinct)) == "no error");
}

TEST_CASE("svd duplicates: long names, and more of them than the check's first memory holds") {
  // 300 registers of 43-character names (13 kB of names), one per line from line 3, and one of
  // 5,001 characters on line 303; then one of them again on line 304.
  const auto long_name = [](unsigned i) { return "R" + std::to_string(i) + "_" + std::string(40, 'x'); };
  const std::string huge = "H" + std::string(5000, 'y');
  std::string regs;
  for (unsigned i = 0; i < 300; ++i) regs += reg_xml(long_name(i), 4 * i) + "\n";
  regs += reg_xml(huge, 4 * 300) + "\n";
  CHECK(error_of(device(regs)) == "no error");
  for (const unsigned k : {0u, 95u, 150u, 299u}) {
    CAPTURE(k);
    const auto e = error_of(device(regs + reg_xml(long_name(k), 4 * 301)));
    CHECK(e.find("t.svd:304") != std::string::npos);
    CHECK(e.find("\" is given twice (also at t.svd:" + std::to_string(3 + k) + ")") != std::string::npos);
  }
  CHECK(error_of(device(regs + reg_xml(huge, 4 * 301))).find("is given twice (also at t.svd:303)") != std::string::npos);
  CHECK(error_of(device(regs + reg_xml(huge + "z", 4 * 301))) == "no error");
}

TEST_CASE("svd duplicates: fields are checked register by register") {
  // The same 32 field names in three registers are no duplicates; one given twice in the last
  // register still is.
  std::string fields;
  for (unsigned i = 0; i < 32; ++i) fields += "<field><name>F" + std::to_string(i) + "</name><bitOffset>" + std::to_string(i) + "</bitOffset></field>";
  const std::string three = reg_xml("A", 0, "<fields>" + fields + "</fields>") + "\n" + reg_xml("B", 4, "<fields>" + fields + "</fields>") + "\n" +
                            reg_xml("C", 8, "<fields>" + fields + "</fields>");
  const auto d = svd::parse(device(three), "t.svd");
  CHECK(d.peripherals.at(0).registers.at(2).fields.size() == 32);
  CHECK(d.warnings.empty());
  const auto e = error_of(device(three + "\n" + reg_xml("D", 12, "<fields><field><name>F7</name><bitOffset>0</bitOffset></field>"
                                                                  "<field><name>F7</name><bitOffset>1</bitOffset></field></fields>")));
  CHECK(e.find("P.D: field \"F7\" is given twice") != std::string::npos);
}

TEST_CASE("svd duplicates: registers given twice by a dim expansion") {
  const auto e = error_of(device(reg_xml("R1", 0) + "\n" + reg_xml("R%s", 4, "<dim>2</dim><dimIncrement>4</dimIncrement>")));
  CHECK(e.find("register \"R1\" is given twice (also at t.svd:3)") != std::string::npos);
}

TEST_CASE("svd duplicates: a field given twice") {
  const auto e = error_of(device(two_fields));
  CHECK(e.find("t.svd:5") != std::string::npos);
  CHECK(e.find("field \"F\" is given twice (also at t.svd:4)") != std::string::npos);
}

TEST_CASE("svd duplicates: a peripheral given twice") {
  const auto e = error_of(device(reg_xml("R", 0), second_p));
  CHECK(e.find("peripheral \"P\" is given twice (also at t.svd:2)") != std::string::npos);
}

TEST_CASE("svd duplicates: keep_duplicates keeps the first and warns") {
  const auto d = svd::parse(device(two_regs), "t.svd", keep());
  REQUIRE(d.peripherals.at(0).registers.size() == 1);
  CHECK(d.peripherals[0].registers[0].offset == 0);
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0] == "t.svd:4: warning: P: register \"R\" is given twice (also at t.svd:3) (reading chosen: the first one is kept, this one is left out)");
  const auto f = svd::parse(device(two_fields), "t.svd", keep());
  CHECK(svd::find(f, "P.R.F").field->lsb == 0);
  const auto p = svd::parse(device(reg_xml("R", 0), second_p), "t.svd", keep());
  CHECK(p.peripherals.size() == 1);
  CHECK(p.peripherals[0].base == 0x1000);
}

TEST_CASE("svd duplicates: registers told apart by alternateGroup are NAME_GROUP, silently") {
  const auto d = svd::parse(device(reg_xml("MCS", 4) + "\n" + reg_xml("MCS", 4, "<alternateGroup>ALT</alternateGroup>")), "t.svd");
  CHECK(svd::find(d, "P.MCS").reg->offset == 4);
  CHECK(svd::find(d, "P.MCS_ALT").reg->offset == 4);
  CHECK(d.warnings.empty());
}

TEST_CASE("svd duplicates: reserved fields given twice are left out with a warning, not refused") {
  const auto d = svd::parse(device(reg_xml("R", 0, "<fields>\n<field><name>RESERVED</name><bitOffset>0</bitOffset></field>\n"
                                               "<field><name>RESERVED</name><bitOffset>1</bitOffset></field>\n</fields>")),
                            "t.svd");
  CHECK(d.peripherals.at(0).registers.at(0).fields.size() == 1);
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].starts_with("t.svd:5: warning: P.R: field \"RESERVED\" is given twice (also at t.svd:4)"));
}

TEST_CASE("svd duplicates: a derived element's own children replace its base's, silently") {
  const auto d = svd::parse(device(reg_xml("A", 0, "<fields><field><name>F</name><bitOffset>0</bitOffset></field></fields>") + "\n" +
                                   "<register derivedFrom=\"A\"><name>B</name><addressOffset>4</addressOffset><fields><field><name>F</name><bitOffset>3</bitOffset></field></fields></register>"),
                            "t.svd");
  CHECK(svd::find(d, "P.B.F").field->lsb == 3);
  CHECK(d.warnings.empty());
}
#endif
#endif
