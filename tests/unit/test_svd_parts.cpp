// SPDX-License-Identifier: MIT
// A file read a few peripherals at a time (tools/svd/src/parts.cpp, which load() uses for files of
// 8 MiB or more) gives what the whole reading gives: the same model byte for byte, and where the
// parts decline, load() gives the whole reading's warnings or error. The parts are asked of these
// smaller files directly; each case checks whether they answered, so that a case meant for the
// parts cannot pass on the whole reading.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/parse.hpp") && __has_include(<pugixml.hpp>)
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../../tools/svd/src/reader.hpp"
#include "svd_snippet.hpp"
#include "uiokit/svd/serial.hpp"

namespace {

namespace fs = std::filesystem;

constexpr unsigned big_peripherals = 30, big_registers = 48;

// Peripheral i: 48 registers of four fields with a value each, padded descriptions; `attrs` in its
// start tag, `more` at the end of its registers.
std::string big_peripheral(unsigned i, std::string_view attrs = {}, std::string_view more = {}) {
  const std::string pad(160, 'd');
  std::string s = "<peripheral" + std::string(attrs) + "><name>P" + std::to_string(i) + "</name><description>" + pad +
                  "</description><baseAddress>" + std::to_string((i + 1) * 0x10000) + "</baseAddress><registers>\n";
  for (unsigned r = 0; r < big_registers; ++r) {
    s += "<register><name>R" + std::to_string(r) + "</name><description>" + pad + "</description><addressOffset>" +
         std::to_string(4 * r) + "</addressOffset><fields>";
    for (unsigned f = 0; f < 4; ++f)
      s += "<field><name>F" + std::to_string(f) + "</name><bitOffset>" + std::to_string(8 * f) +
           "</bitOffset><bitWidth>4</bitWidth><enumeratedValues><enumeratedValue><name>ON</name><value>1</value>"
           "</enumeratedValue></enumeratedValues></field>";
    s += "</fields></register>\n";
  }
  return s + std::string(more) + "</registers></peripheral>\n";
}

struct PeripheralEdit {
  unsigned at = big_peripherals;  // the peripheral changed (none by default)
  std::string attrs, more;
};

std::string big_file(std::initializer_list<PeripheralEdit> edits = {}) {
  std::string s = "<?xml version=\"1.0\"?>\n<device><name>BIG</name><version>1</version><description>a large device</description>\n"
                  "<size>32</size><access>read-write</access><peripherals>\n";
  for (unsigned i = 0; i < big_peripherals; ++i) {
    std::string attrs, more;
    for (const auto& e : edits)
      if (e.at == i) attrs += e.attrs, more += e.more;
    s += big_peripheral(i, attrs, more);
  }
  return s + "</peripherals><vendorExtensions/></device>\n";
}

// The text in a file of its own, removed with this.
struct PartsTempFile {
  fs::path path = fs::temp_directory_path() / ("uiokit-parts-" + std::to_string(::getpid()) + ".svd");
  explicit PartsTempFile(const std::string& text) { std::ofstream(path, std::ios::binary) << text; }
  ~PartsTempFile() { fs::remove(path); }
};

struct PartsReading {
  std::string model, error;  // the model's bytes and warnings, or the error's message
};

PartsReading read_whole(const std::string& text, const std::string& source, const svd::Limits& limits) {
  try {
    const auto d = svd::parse(text, source, limits);
    std::string w;
    for (const auto& line : d.warnings) w += line + "\n";
    return {svd::encode(d) + w, {}};
  } catch (const uiokit::Error& e) {
    return {{}, e.what()};
  }
}

PartsReading read_loaded(const fs::path& path, const svd::Limits& limits) {
  try {
    const auto d = svd::load(path, limits);
    std::string w;
    for (const auto& line : d.warnings) w += line + "\n";
    return {svd::encode(d) + w, {}};
  } catch (const uiokit::Error& e) {
    return {{}, e.what()};
  }
}

// load() and the whole reading agree, and the parts where they answer; true when they answered.
bool answered_by_parts(const std::string& text, const svd::Limits& limits = {}) {
  const PartsTempFile f(text);
  const auto w = read_whole(text, f.path.string(), limits);
  const auto l = read_loaded(f.path, limits);
  CHECK(l.error == w.error);
  CHECK((l.model == w.model));
  auto bytes = uiokit::svd::detail::read_file(f.path);
  const auto parts = uiokit::svd::detail::parse_by_parts(bytes, f.path.string(), limits, 0);
  if (parts) CHECK((svd::encode(*parts) == w.model));  // a model read by parts has no warnings
  return parts.has_value();
}

}  // namespace

TEST_CASE("svd parts: a file without a word to say is read by parts, as read whole") {
  CHECK(answered_by_parts(big_file()));
}

TEST_CASE("svd parts: peripherals deriving from others are read with them") {
  // P5 takes everything from P2 but its base; P7 derives from P6 and adds a register; P9 from
  // P8, which derives from P1.
  CHECK(answered_by_parts(big_file({{5, " derivedFrom=\"P2\"", {}},
                            {7, " derivedFrom=\"P6\"", "<register><name>EXTRA</name><addressOffset>0x800</addressOffset></register>"},
                            {9, " derivedFrom=\"P8\"", {}},
                            {8, " derivedFrom=\"P1\"", {}}})));
}

TEST_CASE("svd parts: a register deriving from another peripheral's register is read with that peripheral") {
  CHECK(answered_by_parts(big_file({{20, {}, "<register derivedFrom=\"P3.R1\"><name>COPY</name><addressOffset>0x900</addressOffset></register>"}})));
  // Named by a path that goes nowhere: the whole reading's error, from load() too.
  CHECK_FALSE(answered_by_parts(big_file({{20, {}, "<register derivedFrom=\"P3.NONE\"><name>COPY</name><addressOffset>0x900</addressOffset></register>"}})));
}

TEST_CASE("svd parts: what only the whole file can answer is answered by the whole reading") {
  // An enumeratedValues set named device-wide, from another peripheral's field.
  const std::string named_set = "<register><name>S</name><addressOffset>0xa00</addressOffset><fields><field><name>M</name><bitOffset>0</bitOffset>"
                                "<bitWidth>2</bitWidth><enumeratedValues><name>MODES</name><enumeratedValue><name>FAST</name><value>2</value>"
                                "</enumeratedValue></enumeratedValues></field></fields></register>";
  const std::string uses_set = "<register><name>U</name><addressOffset>0xa00</addressOffset><fields><field><name>M</name><bitOffset>0</bitOffset>"
                               "<bitWidth>2</bitWidth><enumeratedValues derivedFrom=\"MODES\"/></field></fields></register>";
  CHECK_FALSE(answered_by_parts(big_file({{1, {}, named_set}, {25, {}, uses_set}})));
  // A set of that name in the part too: device-wide, the file's first one is meant, not the part's.
  std::string other_set = named_set;
  other_set.replace(other_set.find("0xa00"), 5, "0xa04");
  other_set.replace(other_set.find("<value>2</value>"), 16, "<value>3</value>");
  CHECK_FALSE(answered_by_parts(big_file({{1, {}, named_set}, {25, {}, uses_set}, {26, " derivedFrom=\"P25\"", other_set}})));
  // A peripheral deriving from one that is not there.
  CHECK_FALSE(answered_by_parts(big_file({{12, " derivedFrom=\"NOPE\"", {}}})));
}

TEST_CASE("svd parts: a file with a warning or an error late in it gives the whole reading's") {
  const std::string odd_access = "<register><name>W</name><addressOffset>0xb00</addressOffset><access>read-writeonce</access></register>";
  CHECK_FALSE(answered_by_parts(big_file({{27, {}, odd_access}})));
  CHECK_FALSE(answered_by_parts(big_file({{3, {}, odd_access}, {27, {}, odd_access}})));
  const std::string bad_size = "<register><name>E</name><addressOffset>0xb00</addressOffset><size>0</size></register>";
  CHECK_FALSE(answered_by_parts(big_file({{28, {}, bad_size}})));
  CHECK_FALSE(answered_by_parts(big_file({{4, {}, bad_size}, {28, {}, bad_size}})));
  // A name given twice, within a part (an error) and kept with a warning.
  const std::string twice = "<register><name>R0</name><addressOffset>0xc00</addressOffset></register>";
  CHECK_FALSE(answered_by_parts(big_file({{16, {}, twice}})));
  svd::Limits keep;
  keep.keep_duplicates = true;
  CHECK_FALSE(answered_by_parts(big_file({{16, {}, twice}}), keep));
}

TEST_CASE("svd parts: the limits count the whole file, not each part") {
  const unsigned registers = big_peripherals * big_registers;
  const unsigned elements = registers * (1 + 4 + 4);
  svd::Limits exact;
  exact.max_registers = registers;
  exact.max_elements = elements;
  CHECK(answered_by_parts(big_file(), exact));
  svd::Limits fewer_registers = exact;
  fewer_registers.max_registers = registers - 1;
  CHECK_FALSE(answered_by_parts(big_file(), fewer_registers));
  svd::Limits fewer_elements = exact;
  fewer_elements.max_elements = elements - 1;
  CHECK_FALSE(answered_by_parts(big_file(), fewer_elements));
  // Counted alike where a part is read with a peripheral of another part.
  const auto copy = big_file({{20, {}, "<register derivedFrom=\"P3.R1\"><name>COPY</name><addressOffset>0x900</addressOffset></register>"}});
  svd::Limits with_copy;
  with_copy.max_registers = registers + 1;
  with_copy.max_elements = elements + 9;
  CHECK(answered_by_parts(copy, with_copy));
  with_copy.max_elements = elements + 8;
  CHECK_FALSE(answered_by_parts(copy, with_copy));
}

#endif
#endif
