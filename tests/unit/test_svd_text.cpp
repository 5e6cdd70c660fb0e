// SPDX-License-Identifier: MIT
// An element's text in every form XML gives it: plain, CDATA, after a child element, padded with
// whitespace, with character references. The reader takes the plain form from the element itself
// and the others from its children: both must read the same.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/parse.hpp")
#include "svd_snippet.hpp"

TEST_CASE("svd text: plain, CDATA, after a child element, padded and escaped read alike") {
  const auto d = svd::parse(device("<register><name>A</name><addressOffset>0x4</addressOffset></register>\n"
                                   "<register><name><![CDATA[B]]></name><addressOffset><![CDATA[8]]></addressOffset></register>\n"
                                   "<register><name><x/>C</name><addressOffset><x/>12</addressOffset></register>\n"
                                   "<register><name>\n   D\t </name><addressOffset> 16\n</addressOffset>"
                                   "<description>a &lt;b&gt; &amp; &#x43;</description></register>"),
                            "t.svd");
  CHECK(svd::find(d, "P.A").reg->offset == 4);
  CHECK(svd::find(d, "P.B").reg->offset == 8);
  CHECK(svd::find(d, "P.C").reg->offset == 12);
  REQUIRE(svd::find(d, "P.D").reg);
  CHECK(svd::find(d, "P.D").reg->offset == 16);
  CHECK(svd::find(d, "P.D").reg->description == "a <b> & C");
  CHECK(d.warnings.empty());
}

TEST_CASE("svd text: an element with no text is there, empty: a number it should hold is an error") {
  CHECK(error_of(device("<register><name>R</name><addressOffset></addressOffset></register>")).find("is not a number") !=
        std::string::npos);
  CHECK(error_of(device("<register><name>R</name><addressOffset><![CDATA[]]></addressOffset></register>")).find("is not a number") !=
        std::string::npos);
}
#endif
#endif
