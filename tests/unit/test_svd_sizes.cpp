// SPDX-License-Identifier: MIT
// Register sizes that are not an access width, and fields reaching past their register.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/parse.hpp")
#include "svd_snippet.hpp"

namespace {
const char* const field_0_3 = "<fields><field><name>F</name><bitOffset>0</bitOffset><bitWidth>4</bitWidth></field></fields>";
}

TEST_CASE("svd sizes: a register below 8 bits is an 8-bit register, its fields as given, with a warning") {
  const auto d = svd::parse(device(reg_xml("R", 1, std::string("<size>4</size>") + field_0_3)), "t.svd");
  const auto* r = svd::find(d, "P.R").reg;
  CHECK(r->size == 8);
  CHECK(r->bytes() == 1);
  CHECK(r->fields.at(0).width == 4);
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0] == "t.svd:3: warning: P.R: register size 4 bits is not 8, 16, 32 or 64 (reading chosen: read as 8 bits; its fields as given)");
}

TEST_CASE("svd sizes: a 24-bit register is read as 32 bits") {
  const auto d = svd::parse(device(reg_xml("R", 0, "<size>24</size>")), "t.svd");
  CHECK(svd::find(d, "P.R").reg->size == 32);
  CHECK(d.warnings.size() == 1);
}

TEST_CASE("svd sizes: a size of 0 or above 64 bits is still an error") {
  CHECK_THROWS(svd::parse(device(reg_xml("R", 0, "<size>0</size>")), "t.svd"));
  CHECK_THROWS(svd::parse(device(reg_xml("R", 0, "<size>128</size>")), "t.svd"));
}

TEST_CASE("svd sizes: a field reaching past its register is clipped, one wholly outside left out") {
  const auto d = svd::parse(device(reg_xml("R", 0, "<size>16</size><fields>\n"
                                               "<field><name>LOW</name><bitOffset>0</bitOffset><bitWidth>4</bitWidth></field>\n"
                                               "<field><name>HIGH</name><bitOffset>12</bitOffset><bitWidth>8</bitWidth></field>\n"
                                               "<field><name>OUT</name><bitOffset>20</bitOffset><bitWidth>2</bitWidth></field>\n"
                                               "</fields>")),
                            "t.svd");
  const auto* r = svd::find(d, "P.R").reg;
  REQUIRE(r->fields.size() == 2);
  CHECK(r->fields[1].name == "HIGH");
  CHECK(r->fields[1].lsb == 12);
  CHECK(r->fields[1].width == 4);
  REQUIRE(d.warnings.size() == 2);
  CHECK(d.warnings[0] == "t.svd:5: warning: P.R.HIGH: bits 12..19 reach past the 16-bit register (reading chosen: bits 12..15)");
  CHECK(d.warnings[1] == "t.svd:6: warning: P.R.OUT: bits 20..21 outside the 16-bit register (reading chosen: the field is left out)");
}
#endif
#endif
