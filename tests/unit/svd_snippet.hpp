// SPDX-License-Identifier: MIT
// Small inline SVD documents for the reader's quirk tests (test_svd_*.cpp): one peripheral P at
// 0x1000 whose <registers> element holds `registers`, each piece on its own line so that tests
// can name lines. Included by the tests only, after the reader's headers are known to exist.
#pragma once

#include <string>
#include <string_view>

#include "uiokit/error.hpp"
#include "uiokit/svd/lookup.hpp"
#include "uiokit/svd/parse.hpp"
#include "uiokit/svd/write.hpp"

namespace svd_snippet {

// Line 1 is <device>, line 2 the peripheral's start, line 3 onwards `registers` as given.
inline std::string device(std::string_view registers, std::string_view more_peripherals = {}) {
  return "<device><name>T</name>\n<peripherals><peripheral><name>P</name><baseAddress>0x1000</baseAddress><registers>\n" +
         std::string(registers) + "\n</registers></peripheral>" + std::string(more_peripherals) + "</peripherals></device>\n";
}

inline std::string reg_xml(std::string_view name, unsigned offset, std::string_view inner = {}) {
  return "<register><name>" + std::string(name) + "</name><addressOffset>" + std::to_string(offset) + "</addressOffset>" +
         std::string(inner) + "</register>";
}

// The reader's error message for `xml` read as t.svd, or "no error".
inline std::string error_of(const std::string& xml) {
  try {
    (void)uiokit::svd::parse(xml, "t.svd");
  } catch (const uiokit::Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace svd_snippet

// Not `using namespace uiokit`: these tests name the reader's types by svd::.
namespace svd = uiokit::svd;
using uiokit::Error;
using svd_snippet::device;
using svd_snippet::error_of;
using svd_snippet::reg_xml;
