// SPDX-License-Identifier: MIT
// The decoded output shared by `uiokit reg` and the Python module: reset values and masks in
// JSON, and `--reset` text naming the fields that differ from theirs.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/reg/report.hpp") && __has_include(<nlohmann/json.hpp>)
#include "svd_snippet.hpp"
#include "uiokit/reg/report.hpp"

namespace {
// R: reset 0x0123 with the top byte undefined (mask 0x00ff); LOW (bits 0..7) is defined at
// reset, HIGH (bits 8..15) is not.
const auto device_with_reset = svd::parse(
    svd_snippet::device(svd_snippet::reg_xml("R", 0, "<size>16</size><resetValue>0x0123</resetValue><resetMask>0x00ff</resetMask>"
                                                 "<fields><field><name>LOW</name><bitRange>[7:0]</bitRange></field>"
                                                 "<field><name>HIGH</name><bitRange>[15:8]</bitRange></field></fields>")),
    "t.svd");

uiokit::reg::Shown shown(std::string_view name) {
  const auto t = svd::find(device_with_reset, name);
  uiokit::reg::Shown s;
  s.name = t.name();
  s.offset = t.reg->offset;
  s.bits = t.reg->size;
  s.peripheral = t.peripheral;
  s.reg = t.reg;
  s.field = t.field;
  return s;
}
}  // namespace

TEST_CASE("svd report: JSON gives the reset value and mask within the register's width") {
  const auto r = shown("P.R");
  const auto j = uiokit::reg::value_json(r, 0x5523, std::nullopt);
  CHECK(j["reset_value"] == 0x0123);
  CHECK(j["reset_mask"] == 0x00ff);
  // A field asked for alone carries its value, not the register's reset.
  CHECK_FALSE(uiokit::reg::value_json(shown("P.R.LOW"), 0x5523, std::nullopt).contains("reset_value"));
}

TEST_CASE("svd report: --reset text marks fields that differ, where the reset defines them") {
  const auto r = shown("P.R");
  const auto plain = uiokit::reg::format_value(r, 0x5524);
  CHECK(plain.find("reset") == std::string::npos);
  const auto text = uiokit::reg::format_value(r, 0x5524, true);
  CHECK(text.find("(reset 0x0023, defined bits 0x00ff)") != std::string::npos);
  const auto low = text.find("LOW");
  REQUIRE(low != std::string::npos);
  CHECK(text.find("(reset 0x23)", low) != std::string::npos);  // 0x24 now
  const auto high_line = text.substr(text.find("HIGH"), text.find('\n', text.find("HIGH")) - text.find("HIGH"));
  CHECK(high_line.find("reset") == std::string::npos);  // bits the reset leaves undefined
  // A field at its reset value is not marked.
  const auto same = uiokit::reg::format_value(r, 0x5523, true);
  CHECK(same.substr(same.find("LOW")).find("(reset") == std::string::npos);
}
#endif
#endif
