// SPDX-License-Identifier: MIT
// The pages of a large file's XML document: the reader's own, given back whole, while a
// program's own pugixml memory functions keep serving everything else (reader.hpp: XmlPages).
// doctest_discover_tests runs each case in a process of its own, so the program's functions are
// installed here before the reader's first large parse, as in a program that uses pugixml too.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#if __has_include("uiokit/svd/parse.hpp") && __has_include(<pugixml.hpp>)
#include <pugixml.hpp>

#include <cstdlib>

#include "svd_snippet.hpp"

namespace {

struct Counts {
  std::size_t allocations = 0, deallocations = 0;
} program;

void* counting_allocate(std::size_t n) {
  ++program.allocations;
  return std::malloc(n);
}
void counting_deallocate(void* p) {
  ++program.deallocations;
  std::free(p);
}

// Over a MiB of XML: enough registers with descriptions.
std::string large_device() {
  std::string regs;
  for (unsigned i = 0; i < 6000; ++i)
    regs += reg_xml("R" + std::to_string(i), i * 4, "<description>" + std::string(160, 'd') + "</description>") + "\n";
  return device(regs);
}

}  // namespace

TEST_CASE("svd xml pages: a large file's document takes no memory from the program's pugixml functions, which serve the rest") {
  pugi::set_memory_management_functions(counting_allocate, counting_deallocate);
  const auto xml = large_device();
  REQUIRE(xml.size() > (std::size_t{1} << 20));
  {
    const auto d = svd::parse(xml, "t.svd");
    CHECK(d.register_count() == 6000);
    CHECK(svd::find(d, "P.R5999").reg->offset == 5999 * 4);
  }
  CHECK(program.allocations == 0);
  CHECK(program.deallocations == 0);
  // The program's own documents, after the reader installed its functions, still go to the
  // program's, and come back to them.
  {
    pugi::xml_document doc;
    std::string mine(50000, ' ');
    mine = "<a>" + mine + "<b/></a>";
    REQUIRE(doc.load_string(mine.c_str()));
    CHECK(doc.child("a").child("b"));
  }
  CHECK(program.allocations > 0);
  CHECK(program.deallocations == program.allocations);
}

TEST_CASE("svd xml pages: a small file's document is served by the program's pugixml functions") {
  pugi::set_memory_management_functions(counting_allocate, counting_deallocate);
  (void)svd::parse(device(reg_xml("R", 0)), "t.svd");
  CHECK(program.allocations > 0);
  CHECK(program.deallocations == program.allocations);
}

TEST_CASE("svd xml pages: functions a program installs after the reader's are kept, and a large parse then uses them") {
  (void)svd::parse(large_device(), "t.svd");  // installs the reader's functions
  pugi::set_memory_management_functions(counting_allocate, counting_deallocate);
  const auto d = svd::parse(large_device(), "t.svd");
  CHECK(d.register_count() == 6000);
  CHECK(program.allocations > 0);
  CHECK(program.deallocations == program.allocations);
  CHECK((pugi::get_memory_allocation_function() == counting_allocate));
}

#endif
#endif
