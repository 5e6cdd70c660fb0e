// SPDX-License-Identifier: MIT
// Schema tokens spelt another way: accepted with a warning naming file:line and the reading.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/parse.hpp")
#include "svd_snippet.hpp"

TEST_CASE("svd tokens: exact spellings give no warning") {
  const auto d = svd::parse(device(reg_xml("R", 0, "<access>read-writeOnce</access><modifiedWriteValues>oneToClear</modifiedWriteValues>")), "t.svd");
  CHECK(d.warnings.empty());
  CHECK(svd::find(d, "P.R").reg->access == uiokit::reg::with(svd::Access::rw_once, svd::OnWrite::one_clears));
}

TEST_CASE("svd tokens: another letter case or vendor spelling is read with a warning naming file:line") {
  const auto d = svd::parse(device(reg_xml("A", 0, "<access>read-writeonce</access>") + "\n" +
                                   reg_xml("B", 4, "<access>Read/Write</access><readAction>Clear</readAction>") + "\n" +
                                   reg_xml("C", 8, "<access>RO</access><modifiedWriteValues>onetoclear</modifiedWriteValues>") + "\n" +
                                   reg_xml("D", 12, "<access>write</access>")),
                            "t.svd");
  CHECK(svd::find(d, "P.A").reg->access == svd::Access::rw_once);
  CHECK(svd::find(d, "P.B").reg->access == uiokit::reg::with(svd::Access::rw, svd::OnWrite::plain, svd::OnRead::clears));
  CHECK(svd::find(d, "P.C").reg->access == uiokit::reg::with(svd::Access::ro, svd::OnWrite::one_clears));
  CHECK(svd::find(d, "P.D").reg->access == svd::Access::wo);
  REQUIRE(d.warnings.size() == 6);
  CHECK(d.warnings[0] == "t.svd:3: warning: P.A: access \"read-writeonce\" is not spelt as the schema has it (reading chosen: read-writeOnce)");
  CHECK(d.warnings[1].starts_with("t.svd:4: warning: P.B: access \"Read/Write\""));
  CHECK(d.warnings[2].starts_with("t.svd:4: warning: P.B: readAction \"Clear\""));
  CHECK(d.warnings[4].find("(reading chosen: oneToClear)") != std::string::npos);
}

TEST_CASE("svd tokens: every modifiedWriteValues and readAction of the schema has its own meaning") {
  const std::pair<const char*, svd::OnWrite> writes[] = {
      {"oneToClear", svd::OnWrite::one_clears},   {"oneToSet", svd::OnWrite::one_sets},     {"oneToToggle", svd::OnWrite::one_toggles},
      {"zeroToClear", svd::OnWrite::zero_clears}, {"zeroToSet", svd::OnWrite::zero_sets},   {"zeroToToggle", svd::OnWrite::zero_toggles},
      {"clear", svd::OnWrite::clears},            {"set", svd::OnWrite::sets},              {"modify", svd::OnWrite::modifies}};
  for (const auto& [token, meaning] : writes) {
    CAPTURE(token);
    const auto d = svd::parse(device(reg_xml("R", 0, std::string("<modifiedWriteValues>") + token + "</modifiedWriteValues>")), "t.svd");
    CHECK(d.warnings.empty());
    CHECK(uiokit::reg::on_write(svd::find(d, "P.R").reg->access) == meaning);
  }
  const std::pair<const char*, svd::OnRead> reads[] = {
      {"clear", svd::OnRead::clears}, {"set", svd::OnRead::sets}, {"modify", svd::OnRead::modifies}, {"modifyExternal", svd::OnRead::modifies_external}};
  for (const auto& [token, meaning] : reads) {
    CAPTURE(token);
    const auto d = svd::parse(device(reg_xml("R", 0, std::string("<readAction>") + token + "</readAction>")), "t.svd");
    CHECK(d.warnings.empty());
    const auto* r = svd::find(d, "P.R").reg;
    CHECK(uiokit::reg::on_read(r->access) == meaning);
    CHECK(r->read_has_side_effects());
  }
}

TEST_CASE("svd tokens: a field's and an enumerated set's tokens too") {
  const auto d = svd::parse(device(reg_xml("R", 0, "<fields><field><name>F</name><bitOffset>0</bitOffset><bitWidth>1</bitWidth><access>READ-ONLY</access>"
                                               "<enumeratedValues><usage>Read</usage><enumeratedValue><name>on</name><value>1</value></enumeratedValue></enumeratedValues></field></fields>")),
                            "t.svd");
  const auto* f = svd::find(d, "P.R.F").field;
  CHECK(f->access == svd::Access::ro);
  CHECK(f->enums.at(0).usage == svd::Usage::read);
  CHECK(d.warnings.size() == 2);
}

TEST_CASE("svd tokens: an unknown token is still an error naming file:line") {
  try {
    (void)svd::parse(device(reg_xml("R", 0, "<access>sometimes</access>")), "t.svd");
    FAIL("parsed");
  } catch (const Error& e) {
    CHECK(e.subject() == "t.svd:3:2");  // the register element, at the start of line 3
    CHECK(std::string(e.what()).find("unknown access \"sometimes\"") != std::string::npos);
  }
}
#endif
#endif
