// SPDX-License-Identifier: MIT
// --set/--clear masks held to read-only fields as FIELD=VALUE is.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/parse.hpp")
#include "svd_snippet.hpp"

TEST_CASE("svd write checks: a mask touching a read-only field is refused") {
  const auto d = svd::parse(device(reg_xml("R", 0, "<fields><field><name>RO</name><bitOffset>0</bitOffset><bitWidth>2</bitWidth><access>read-only</access></field>"
                                                                        "<field><name>RW</name><bitOffset>4</bitOffset><bitWidth>2</bitWidth></field></fields>")),
                            "t.svd");
  const auto& r = *svd::find(d, "P.R").reg;
  CHECK_NOTHROW(svd::check_mask_writable(r, 0x30, "P.R"));
  CHECK_NOTHROW(svd::check_mask_writable(r, 0x100, "P.R"));  // no field there: the register's access
  try {
    svd::check_mask_writable(r, 0x31, "P.R");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.subject() == "P.R.RO");
  }
}
#endif
#endif
