// SPDX-License-Identifier: MIT
// Numbers as the schema writes them (scaledNonNegativeInteger): hexadecimal, binary in two
// spellings, decimal with a k/M/G/T scale, up to 2^64 - 1; anything else, or more, an error.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/parse.hpp")
#include <cstdint>

#include "svd_snippet.hpp"

namespace {
std::uint64_t reset_of(const std::string& v) {
  const auto d = svd::parse(device(reg_xml("R", 0, "<size>64</size><resetValue>" + v + "</resetValue>")), "t.svd");
  return svd::find(d, "P.R").reg->reset_value;
}
}  // namespace

TEST_CASE("svd numbers: every form the schema has") {
  CHECK(reset_of("0x1F") == 0x1f);
  CHECK(reset_of("0XaBcD") == 0xabcd);
  CHECK(reset_of("#0101") == 5);
  CHECK(reset_of("0b0101") == 5);
  CHECK(reset_of("0B11") == 3);
  CHECK(reset_of("31") == 31);
  CHECK(reset_of("007") == 7);
  CHECK(reset_of(" 4k ") == 4096);
  CHECK(reset_of("2M") == std::uint64_t{2} << 20);
  CHECK(reset_of("1g") == std::uint64_t{1} << 30);
  CHECK(reset_of("1T") == std::uint64_t{1} << 40);
}

TEST_CASE("svd numbers: the largest of each form, and one more is an error") {
  CHECK(reset_of("0xffffffffffffffff") == ~std::uint64_t{0});
  CHECK(reset_of("0x0000000000000000ffffffffffffffff") == ~std::uint64_t{0});
  CHECK(reset_of("18446744073709551615") == ~std::uint64_t{0});
  CHECK(reset_of("0b" + std::string(64, '1')) == ~std::uint64_t{0});
  CHECK(reset_of("16777215T") == std::uint64_t{16777215} << 40);
  for (const std::string& bad : {std::string("0x10000000000000000"), std::string("18446744073709551616"), "0b1" + std::string(64, '0'), std::string("16777216T")}) {
    CAPTURE(bad);
    CHECK(error_of(device(reg_xml("R", 0, "<resetValue>" + bad + "</resetValue>"))).find("is not a number") != std::string::npos);
  }
}

TEST_CASE("svd numbers: digits outside the base, signs and stray characters are errors") {
  for (const std::string bad : {"#102", "0b2", "0xG", "12a", "0x", "k", "-1", "+1", "0x 1", "1 2", "1.5", "1kk", "0x1k"}) {
    CAPTURE(bad);
    CHECK(error_of(device(reg_xml("R", 0, "<resetValue>" + bad + "</resetValue>"))).find("<resetValue> is not a number: \"" + bad) != std::string::npos);
  }
}
#endif
#endif
