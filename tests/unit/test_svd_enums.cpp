// SPDX-License-Identifier: MIT
// Enumerated values: don't-care bits, usage on read and on write, names before numbers.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/parse.hpp")
#include "svd_snippet.hpp"

namespace {
std::string value(const char* name, const char* v) {
  return std::string("<enumeratedValue><name>") + name + "</name><value>" + v + "</value></enumeratedValue>";
}
std::string field(const std::string& sets, unsigned width = 5) {
  return "<fields><field><name>F</name><bitOffset>0</bitOffset><bitWidth>" + std::to_string(width) + "</bitWidth>" + sets + "</field></fields>";
}
std::string set(const char* usage, const std::string& values) {
  return std::string("<enumeratedValues>") + (usage ? std::string("<usage>") + usage + "</usage>" : "") + values + "</enumeratedValues>";
}
const svd::Field& only_field(const svd::Device& d) { return *svd::find(d, "P.R.F").field; }
}  // namespace

TEST_CASE("svd enums: binary values with don't-care bits match with a mask (# and 0b)") {
  const auto d = svd::parse(device(reg_xml("R", 0, field(set(nullptr, value("A", "#01x") + value("B", "0b10X") + value("C", "0B111")), 3))), "t.svd");
  const auto& f = only_field(d);
  CHECK(f.enums.at(0).mask == 0b110);
  CHECK(f.enum_for(0b010)->name == "A");
  CHECK(f.enum_for(0b011)->name == "A");
  CHECK(f.enum_for(0b101)->name == "B");
  CHECK(f.enum_for(0b111)->name == "C");
  CHECK(f.enum_for(0b000) == nullptr);
  CHECK(d.warnings.empty());
}

TEST_CASE("svd enums: a read decodes with the read and read-write sets only") {
  const auto d = svd::parse(device(reg_xml("R", 0, field(set("write", value("GO", "1")) + set("read", value("BUSY", "1") + value("IDLE", "0"))))), "t.svd");
  const auto& f = only_field(d);
  CHECK(f.enum_for(1)->name == "BUSY");
  CHECK(f.enum_for(0)->name == "IDLE");
  const auto w = svd::parse(device(reg_xml("R", 0, field(set("write", value("GO", "1"))))), "t.svd");
  CHECK(only_field(w).enum_for(1) == nullptr);
}

TEST_CASE("svd enums: a write refuses a name meant for reading only") {
  const auto d = svd::parse(device(reg_xml("R", 0, field(set("write", value("GO", "1")) + set("read", value("BUSY", "2"))))), "t.svd");
  const auto& f = only_field(d);
  CHECK(svd::parse_field_value(f, "GO", "F") == 1);
  try {
    (void)svd::parse_field_value(f, "BUSY", "F");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("for reading") != std::string::npos);
    CHECK(e.hint() == "values for writing: GO");
  }
}

TEST_CASE("svd enums: a name in both the read set and the write set writes the write set's value") {
  for (const bool read_first : {true, false}) {
    const auto w = set("write", value("ON", "1"));
    const auto r = set("read", value("ON", "3"));
    const auto d = svd::parse(device(reg_xml("R", 0, field(read_first ? r + w : w + r))), "t.svd");
    const auto& f = only_field(d);
    CHECK(svd::parse_field_value(f, "ON", "F") == 1);
    CHECK(f.enum_for(3)->name == "ON");
  }
}

TEST_CASE("svd enums: names are resolved before numbers on write, # and 0x force a number") {
  const auto d = svd::parse(device(reg_xml("R", 0, field(set(nullptr, value("00010", "2") + value("16", "3"))))), "t.svd");
  const auto& f = only_field(d);
  CHECK(svd::parse_field_value(f, "00010", "F") == 2);
  CHECK(svd::parse_field_value(f, "16", "F") == 3);
  CHECK(svd::parse_field_value(f, "#16", "F") == 16);
  CHECK(svd::parse_field_value(f, "#0x2", "F") == 2);
  CHECK(svd::parse_field_value(f, "0x10", "F") == 16);
  CHECK(svd::parse_field_value(f, "7", "F") == 7);  // no such name: a number
  CHECK_THROWS_AS(svd::parse_field_value(f, "#32", "F"), Error);  // does not fit 5 bits
}
#endif
#endif
