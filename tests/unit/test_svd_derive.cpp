// SPDX-License-Identifier: MIT
// derivedFrom: dim names, an element deriving from itself, loops.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/parse.hpp")
#include "svd_snippet.hpp"

namespace {
std::string derived(const char* from, const char* name, unsigned offset, const char* inner = "") {
  return std::string("<register derivedFrom=\"") + from + "\"><name>" + name + "</name><addressOffset>" + std::to_string(offset) +
         "</addressOffset>" + inner + "</register>";
}
const std::string array = reg_xml("PMUX%s", 0, "<dim>2</dim><dimIncrement>1</dimIncrement><size>8</size><fields><field><name>E</name><bitOffset>0</bitOffset><bitWidth>4</bitWidth></field></fields>");
}  // namespace

TEST_CASE("svd derive: a dim element is found by its pattern as written") {
  const auto d = svd::parse(device(array + "\n" + derived("PMUX%s", "Q%s", 8, "<dim>2</dim><dimIncrement>1</dimIncrement>")), "t.svd");
  CHECK(svd::find(d, "P.Q1.E").field->width == 4);
  CHECK(d.warnings.empty());
}

TEST_CASE("svd derive: a reference to one expansion of a dim element takes the element, with a warning") {
  const auto d = svd::parse(device(array + "\n" + derived("PMUX0", "Q", 8)), "t.svd");
  CHECK(svd::find(d, "P.Q").reg->size == 8);
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0] == "t.svd:4: warning: P.Q: derivedFrom=\"PMUX0\" names no element as written (reading chosen: the dim element \"PMUX%s\")");
}

TEST_CASE("svd derive: %s in a reference fits a dim element of another pattern") {
  const auto d = svd::parse(device(array + "\n" + derived("PMUX_%s", "Q", 8)), "t.svd");
  CHECK(error_of(device(array + "\n" + derived("PMUX_%s", "Q", 8))) == "no error");
  CHECK_FALSE(d.warnings.empty());
}

TEST_CASE("svd derive: a register derived from itself says so") {
  const auto e = error_of(device(derived("R", "R", 0)));
  CHECK(e.find("t.svd:3") != std::string::npos);
  CHECK(e.find("the element derives from itself") != std::string::npos);
}

TEST_CASE("svd derive: a loop names every member") {
  const auto e = error_of(device(derived("C", "A", 0) + "\n" + derived("A", "B", 4) + "\n" + derived("B", "C", 8)));
  CHECK(e.find("derivedFrom loop: A -> C -> B -> A") != std::string::npos);
  const auto p = error_of("<device><peripherals>\n<peripheral derivedFrom=\"Y\"><name>X</name><baseAddress>0</baseAddress></peripheral>\n"
                          "<peripheral derivedFrom=\"X\"><name>Y</name><baseAddress>4</baseAddress></peripheral>\n</peripherals></device>");
  CHECK(p.find("derivedFrom loop: X -> Y -> X") != std::string::npos);
  CHECK(p.find("t.svd:2") != std::string::npos);
}

TEST_CASE("svd derive: a name that exists nowhere is still an error") {
  CHECK(error_of(device(derived("NOPE", "Q", 8))).find("names no element") != std::string::npos);
}
#endif
#endif
