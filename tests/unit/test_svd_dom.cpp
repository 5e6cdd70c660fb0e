// SPDX-License-Identifier: MIT
// The SVD reader's split parse (tools/svd/src/dom.hpp): a large file parsed in two parts on two
// threads must give the model one parse gives, and a file whose cut would be unsafe must fall
// back to one parse, with the same errors. The split threshold is set to 0 here, so that small
// files take the large files' path.
#ifdef UIOKIT_SVD_DIR
#if __has_include("uiokit/svd/parse.hpp")
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dom.hpp"
#include "uiokit/error.hpp"
#include "uiokit/svd/parse.hpp"

using namespace uiokit;
namespace fs = std::filesystem;

namespace {

svd::Limits split_from(std::size_t bytes) {
  svd::Limits l;
  l.parallel_from_bytes = bytes;
  return l;
}
const svd::Limits whole = split_from(~std::size_t{0}), split = split_from(0);

// Everything the model holds, one line per element: equal texts, equal models.
std::string dump(const svd::Device& d) {
  std::ostringstream o;
  o << "device " << d.name << " | " << d.description << '\n';
  for (const auto& p : d.peripherals) {
    o << "P " << p.name << " | " << p.description << " | " << p.group << ' ' << p.base << ' ' << p.block_size << '\n';
    for (const auto& r : p.registers) {
      o << " R " << r.name << " | " << r.description << ' ' << r.offset << ' ' << r.size << ' ' << to_string(r.access)
        << ' ' << r.reset_value << ' ' << r.reset_mask << ' ' << to_string(r.modified_write) << ' '
        << to_string(r.read_action) << '\n';
      for (const auto& f : r.fields) {
        o << "  F " << f.name << " | " << f.description << ' ' << f.lsb << ' ' << f.width << ' ' << to_string(f.access)
          << ' ' << to_string(f.modified_write) << ' ' << to_string(f.read_action) << '\n';
        for (const auto& e : f.enums)
          o << "   E " << e.name << " | " << e.description << ' ' << e.value << ' ' << e.mask << ' ' << e.is_default << '\n';
      }
    }
  }
  return o.str();
}

std::string outcome(const std::string& xml, const svd::Limits& limits) {
  try {
    return dump(svd::parse(xml, "t.svd", limits));
  } catch (const Error& e) {
    return std::string("error: ") + e.what();
  }
}

bool splits(const std::string& xml) {
  svd::detail::Dom dom;
  return svd::detail::parse_split(dom, xml, nullptr) && dom.split();
}

std::string peripheral(const std::string& name, const std::string& body) {
  return "<peripheral><name>" + name + "</name><baseAddress>0x" + std::to_string(name.size()) + "000</baseAddress>" + body +
         "</peripheral>\n";
}

std::string field_with(const std::string& values) {
  return "<registers><register><name>R</name><addressOffset>0</addressOffset><fields><field><name>X</name>"
         "<bitOffset>0</bitOffset><bitWidth>2</bitWidth>" +
         values + "</field></fields></register></registers>";
}

// Derivations that reach across the cut: a peripheral from one in the other part, an
// enumeratedValues set by plain name (found through the peripherals' and the device's scopes)
// and by dotted path, a register from a sibling.
std::string across_the_cut() {
  std::string x = "<device><name>X</name><description>cut</description><size>32</size><peripherals>\n";
  x += peripheral("FIRST", field_with("<enumeratedValues><name>MODE</name><enumeratedValue><name>first_off</name>"
                                      "<value>0</value></enumeratedValue></enumeratedValues>"));
  for (int i = 0; i < 8; ++i) x += peripheral("FILL" + std::to_string(i), field_with(""));
  x += "<peripheral derivedFrom=\"FIRST\"><name>COPY</name><baseAddress>0x9000</baseAddress></peripheral>\n";
  x += peripheral("LAST", field_with("<enumeratedValues derivedFrom=\"MODE\"/>"));
  x += peripheral("PATH", field_with("<enumeratedValues derivedFrom=\"FIRST.R.X.MODE\"/>"));
  x += "<peripheral derivedFrom=\"LAST\"><name>LAST2</name><baseAddress>0xa000</baseAddress><registers>"
       "<register derivedFrom=\"FIRST.R\"><name>R2</name><addressOffset>4</addressOffset></register></registers></peripheral>\n";
  return x + "</peripherals></device>\n";
}

}  // namespace

TEST_CASE("svd split parse: a large file is parsed in two parts, peripherals in file order") {
  const std::string x = across_the_cut();
  svd::detail::Dom dom;
  REQUIRE(svd::detail::parse_split(dom, x, nullptr));
  REQUIRE(dom.split());
  REQUIRE(dom.peripheral_nodes.size() == 13);
  CHECK(std::string(dom.peripheral_nodes.front().child_value("name")) == "FIRST");
  CHECK(std::string(dom.peripheral_nodes.back().child_value("name")) == "LAST2");
  for (std::size_t i = 0; i < dom.positions.size(); ++i) {
    CAPTURE(i);
    // each position is where that <peripheral> tag's name starts in the file
    CHECK(x.compare(dom.positions[i] - 1, 11, "<peripheral") == 0);
    if (i > 0) CHECK(dom.positions[i] > dom.positions[i - 1]);
  }
  CHECK_FALSE(dom.parts[0]->first_child().empty());
  CHECK_FALSE(dom.parts[1]->first_child().empty());

  svd::detail::Dom one;
  svd::detail::parse_whole(one, x, nullptr);
  CHECK_FALSE(one.split());
  CHECK(one.peripheral_nodes.size() == 13);
  CHECK(one.positions == dom.positions);
}

TEST_CASE("svd split parse: derivations across the cut resolve as in one parse") {
  const std::string x = across_the_cut();
  REQUIRE(splits(x));
  const auto a = svd::parse(x, "t.svd", whole), b = svd::parse(x, "t.svd", split);
  CHECK(dump(a) == dump(b));
  // and they are what the file says, not merely the same
  const auto& last = b.peripherals.at(10);
  REQUIRE(last.name == "LAST");
  CHECK(last.registers.at(0).fields.at(0).enums.at(0).name == "first_off");
  CHECK(b.peripherals.at(11).registers.at(0).fields.at(0).enums.at(0).name == "first_off");
  CHECK(b.peripherals.at(9).name == "COPY");
  CHECK(b.peripherals.at(9).registers.at(0).fields.at(0).enums.at(0).name == "first_off");
  CHECK(b.peripherals.at(12).registers.size() == 2);
}

TEST_CASE("svd split parse: the files we ship give the same model either way") {
  for (const auto& entry : fs::directory_iterator(UIOKIT_SVD_DIR)) {
    if (entry.path().extension() != ".svd") continue;
    CAPTURE(entry.path().string());
    const auto a = svd::load(entry.path(), whole), b = svd::load(entry.path(), split);
    CHECK(dump(a) == dump(b));
    CHECK(b.register_count() > 0);
  }
}

namespace {
struct Case {
  const char* what;
  std::string xml;
  bool split;
};

// Files whose cut is safe, and files whose cut is not (or that are broken).
std::vector<Case> cut_cases() {
  std::string body;
  for (int i = 0; i < 6; ++i) body += peripheral("P" + std::to_string(i), field_with(""));
  const std::string head = "<device><name>D</name><peripherals>\n", tail = "</peripherals></device>\n";
  const auto mid = [&](const std::string& inside) {  // `inside` placed in the middle peripheral's description
    std::string b = body;
    const auto at = b.find("<name>P3</name>") + 15;
    return head + b.insert(at, "<description>" + inside + "</description>") + tail;
  };
  return std::vector<Case>{
      {"plain", head + body + tail, true},
      {"a <peripheral> tag in a comment at the middle", mid(std::string(400, ' ') + "<!-- <peripheral> -->"), false},
      {"in CDATA", mid(std::string(400, ' ') + "<![CDATA[ <peripheral> ]]>"), false},
      {"<peripherals> in a comment before the real one",
       "<device><!-- <peripherals> --><name>D</name><peripherals>\n" + body + tail, false},
      {"attributes on <peripherals>", "<device><name>D</name><peripherals a=\"1\">\n" + body + tail, false},
      {"text between peripherals", head + body + "stray text\n" + body + tail, false},
      {"an empty <peripherals/> first", "<device><peripherals/><name>D</name><peripherals>\n" + body + tail, false},
      {"a broken register late in the file",
       head + body + peripheral("BAD", "<registers><register><name>R</name></register></registers>") + tail, true},
      {"an XML error in the second half", head + body + "<peripheral><name>Q</name></periph>\n" + tail, false},
      {"an XML error in the head", "<device><name>D</nam><peripherals>\n" + body + tail, false},
      {"no device", "<devices><peripherals>\n" + body + "</peripherals></devices>\n", false},
      // one parse ends at the NUL, unclosed, while the parts are each whole: must not split
      {"a NUL between peripherals", head + body + std::string(3, '\0') + body + tail, false},
  };
}
}  // namespace

TEST_CASE("svd split parse: an unsafe cut falls back to one parse, errors included") {
  const auto cases = cut_cases();
  for (const auto& c : cases) {
    CAPTURE(c.what);
    CHECK(splits(c.xml) == c.split);
    const auto one = outcome(c.xml, whole);
    CHECK(outcome(c.xml, split) == one);
    if (std::string(c.what) == "plain") CHECK(one.find("P5") != std::string::npos);
  }
  // the errors are the single parse's, offsets included
  CHECK(outcome(cases[8].xml, split).find("XML: ") != std::string::npos);
  CHECK(outcome(cases[7].xml, split).find("BAD.R") != std::string::npos);
  CHECK(outcome(cases[10].xml, split).find("no <device>") != std::string::npos);
}

TEST_CASE("svd split parse: a file on disk: parts in place, a rejected cut read again") {
  const auto dir = fs::temp_directory_path() / ("uiokit-svd-dom-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string x = across_the_cut();
  std::ofstream(dir / "x.svd") << x;
  std::ofstream(dir / "bad.svd") << x.substr(0, x.size() - 30);  // cut off: the close tags are missing
  CHECK(dump(svd::load(dir / "x.svd", split)) == dump(svd::parse(x, "t.svd", whole)));
  std::string a, b;
  try {
    (void)svd::load(dir / "bad.svd", split);
  } catch (const Error& e) {
    a = e.what();
  }
  try {
    (void)svd::load(dir / "bad.svd", whole);
  } catch (const Error& e) {
    b = e.what();
  }
  CHECK(a.find("XML: ") != std::string::npos);
  CHECK(a == b);
  // Rejected after the parts were parsed in the file's bytes: the whole parse must not see them.
  for (const auto& c : cut_cases()) {
    CAPTURE(c.what);
    std::ofstream(dir / "c.svd", std::ios::trunc) << c.xml;
    std::string got, want = outcome(c.xml, whole);
    try {
      got = dump(svd::load(dir / "c.svd", split));
    } catch (const Error& e) {
      got = std::string("error: ") + e.what();
    }
    // the source named in messages is the path, not "t.svd"
    const auto at = want.find("t.svd");
    if (at != std::string::npos) want.replace(at, 5, (dir / "c.svd").string());
    CHECK(got == want);
  }
  fs::remove_all(dir);
}

#endif
#endif
