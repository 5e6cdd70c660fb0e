// SPDX-License-Identifier: MIT
// The SVD reader (inheritance, derivedFrom, dim, clusters), name lookup and w1c-safe writes.
#ifdef UIOKIT_SVD_DIR
#include <doctest/doctest.h>

#include <algorithm>

#if __has_include("uiokit/svd/parse.hpp")
#include "uiokit/error.hpp"
#include "uiokit/svd/lookup.hpp"
#include "uiokit/svd/parse.hpp"
#include "uiokit/svd/write.hpp"

using namespace uiokit;

namespace {
const char* const sample = R"(<?xml version="1.0"?>
<device><name>T</name><size>32</size><access>read-write</access><resetValue>0</resetValue>
 <peripherals>
  <peripheral><name>UART0</name><baseAddress>0x4000</baseAddress><size>16</size><access>read-only</access><resetValue>0x55</resetValue>
   <addressBlock><offset>0</offset><size>0x100</size></addressBlock>
   <registers>
    <register><name>DATA</name><addressOffset>0</addressOffset><access>read-write</access></register>
    <register><name>STAT</name><addressOffset>2</addressOffset><readAction>clear</readAction></register>
    <register><name>IRQ</name><addressOffset>4</addressOffset><access>read-write</access>
     <fields>
      <field><name>RX</name><bitOffset>0</bitOffset><bitWidth>1</bitWidth><modifiedWriteValues>oneToClear</modifiedWriteValues></field>
      <field><name>TX</name><bitOffset>1</bitOffset><bitWidth>1</bitWidth><modifiedWriteValues>oneToClear</modifiedWriteValues></field>
      <field><name>EN</name><lsb>4</lsb><msb>6</msb>
       <enumeratedValues><enumeratedValue><name>off</name><value>0</value></enumeratedValue><enumeratedValue><name>fast</name><value>#1x1</value></enumeratedValue></enumeratedValues></field>
      <field><name>NZ</name><bitRange>[8:8]</bitRange><modifiedWriteValues>zeroToClear</modifiedWriteValues></field>
     </fields></register>
    <register derivedFrom="IRQ"><name>IRQ2</name><addressOffset>6</addressOffset></register>
    <register><name>BUF%s</name><dim>3</dim><dimIncrement>2</dimIncrement><addressOffset>0x10</addressOffset></register>
    <register><name>V[%s]</name><dim>2</dim><dimIncrement>2</dimIncrement><dimIndex>A,B</dimIndex><addressOffset>0x20</addressOffset></register>
    <cluster><name>CH[%s]</name><dim>2</dim><dimIncrement>0x10</dimIncrement><addressOffset>0x40</addressOffset><size>32</size>
     <register><name>CTRL</name><addressOffset>0</addressOffset></register>
     <register><name>CNT</name><addressOffset>4</addressOffset><size>8</size></register>
    </cluster>
   </registers></peripheral>
  <peripheral derivedFrom="UART0"><name>UART1</name><baseAddress>0x5000</baseAddress>
   <registers><register><name>EXTRA</name><addressOffset>0x80</addressOffset></register></registers></peripheral>
 </peripherals></device>)";

svd::Device dev() { return svd::parse(sample, "sample"); }
}  // namespace

TEST_CASE("svd: properties inherit device -> peripheral -> cluster -> register") {
  auto d = dev();
  auto t = svd::find(d, "UART0.DATA");
  CHECK(t.reg->size == 16);
  CHECK(t.reg->access == svd::Access::rw);
  CHECK(t.reg->reset_value == 0x55);
  CHECK(uiokit::reg::base_of(svd::find(d, "UART0.STAT").reg->access) == svd::Access::ro);
  CHECK(svd::find(d, "UART0.CH[1].CTRL").reg->size == 32);
  CHECK(svd::find(d, "UART0.CH[1].CNT").reg->size == 8);
}

TEST_CASE("svd: dim arrays, dimIndex, clusters and derivedFrom") {
  auto d = dev();
  CHECK(svd::find(d, "UART0.BUF2").reg->offset == 0x14);
  CHECK(svd::find(d, "UART0.V[B]").reg->offset == 0x22);
  CHECK(svd::find(d, "UART0.CH[1].CNT").reg->offset == 0x54);
  auto irq2 = svd::find(d, "UART0.IRQ2");
  CHECK(irq2.reg->offset == 6);
  CHECK(irq2.reg->fields.size() == 4);
  auto u1 = svd::find(d, "UART1.IRQ.TX");
  CHECK(u1.peripheral->base == 0x5000);
  CHECK(u1.field->access == uiokit::reg::Access::w1c);
  CHECK(svd::find(d, "UART1.EXTRA").reg->offset == 0x80);
  CHECK(u1.peripheral->block_size == 0x100);
  CHECK(svd::find(d, "uart0.irq.en").field->name == "EN");  // case-insensitive fallback
}

TEST_CASE("svd: enumerated values with don't-care bits") {
  auto d = dev();
  auto f = svd::find(d, "UART0.IRQ.EN").field;
  CHECK(f->lsb == 4);
  CHECK(f->width == 3);
  CHECK(f->enum_for(0)->name == "off");
  CHECK(f->enum_for(5)->name == "fast");
  CHECK(f->enum_for(7)->name == "fast");
  CHECK(f->enum_for(2) == nullptr);
  CHECK(svd::parse_field_value(*f, "fast", "EN") == 5);
  CHECK_THROWS_AS(svd::parse_field_value(*f, "8", "EN"), Error);
  CHECK_THROWS_AS(svd::parse_field_value(*f, "slow", "EN"), Error);
}

TEST_CASE("svd: unknown names suggest the nearest ones") {
  try {
    auto d = dev();
    svd::find(d, "UART0.IRQQ");
    FAIL("found");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(e.hint().find("UART0.IRQ") != std::string::npos);
  }
  CHECK(svd::edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("svd: a field write never sets the other w1c flags") {
  auto d = dev();
  auto t = svd::find(d, "UART0.IRQ.EN");
  // current: RX and TX pending (bits 0, 1), NZ (zeroToClear) set
  const std::uint64_t cur = 0x103;
  const auto v = svd::plan_field_write(*t.reg, *t.field, 5, cur);
  CHECK((v & 0x3) == 0);       // writing back 1s would clear RX and TX
  CHECK((v & 0x100) == 0x100); // a 0 would clear NZ
  CHECK(((v >> 4) & 7) == 5);
  // acknowledging TX only
  auto tx = svd::find(d, "UART0.IRQ.TX");
  CHECK((svd::plan_field_write(*tx.reg, *tx.field, 1, cur) & 3) == 2);
  // modify with --set of RX: only RX gets its 1
  CHECK((svd::plan_modify(*t.reg, 1, 0, cur) & 3) == 1);
}

TEST_CASE("svd: access and readAction are enforced") {
  auto d = dev();
  auto stat = svd::find(d, "UART0.STAT");
  CHECK_THROWS_AS(svd::check_writable(*stat.reg, nullptr, "STAT"), Error);
  CHECK_THROWS_AS(svd::check_readable(*stat.reg, false, "STAT"), Error);
  CHECK_NOTHROW(svd::check_readable(*stat.reg, true, "STAT"));
  CHECK_THROWS_AS(svd::check_register_value(*svd::find(d, "UART0.DATA").reg, 0x10000, "DATA"), Error);
}

TEST_CASE("svd: malformed files are parse errors") {
  for (const char* x : {"", "<device>", "<notsvd/>",
                        "<device><peripherals><peripheral><name>P</name></peripheral></peripherals></device>",
                        "<device><peripherals><peripheral derivedFrom='Q'><name>P</name><baseAddress>0</baseAddress></peripheral></peripherals></device>",
                        "<device><peripherals><peripheral><name>P</name><baseAddress>0</baseAddress><registers><register><name>R%s</name><dim>99999999</dim><dimIncrement>4</dimIncrement><addressOffset>0</addressOffset></register></registers></peripheral></peripherals></device>",
                        "<device><peripherals><peripheral><name>P</name><baseAddress>0</baseAddress><registers><register derivedFrom='R'><name>R</name><addressOffset>0</addressOffset></register></registers></peripheral></peripherals></device>"}) {
    CAPTURE(x);
    CHECK_THROWS_AS(svd::parse(x), Error);
  }
}

// Inputs a careless reader hangs on, crashes on or misreads: each must be refused or read right.
TEST_CASE("svd: hostile inputs are refused, not hung on or misread") {
  auto wrap = [](const std::string& regs) {
    return "<device><peripherals><peripheral><name>P</name><baseAddress>0</baseAddress><registers>" + regs +
           "</registers></peripheral></peripherals></device>";
  };
  // A dimIndex range ending at the largest number (or at the last char) wrapped around forever.
  auto two = svd::parse(wrap("<register><name>R%s</name><dim>2</dim><dimIncrement>4</dimIncrement>"
                             "<dimIndex>18446744073709551614-18446744073709551615</dimIndex><addressOffset>0</addressOffset></register>"));
  CHECK(two.register_count() == 2);
  CHECK(svd::find(two, "P.R18446744073709551615").reg->offset == 4);
  auto del = svd::parse(wrap("<register><name>R%s</name><dim>1</dim><dimIncrement>4</dimIncrement>"
                             "<dimIndex>\x7f-\x7f</dimIndex><addressOffset>0</addressOffset></register>"));
  CHECK(del.register_count() == 1);
  // A bit position near 2^64 wrapped into range, then shifted by more than the word's width:
  // the field is outside the register and left out, with a warning.
  auto far = svd::parse(wrap("<register><name>R</name><addressOffset>0</addressOffset><fields><field><name>F</name>"
                             "<bitOffset>0xffffffffffffffff</bitOffset><bitWidth>2</bitWidth></field></fields></register>"));
  CHECK(far.peripherals.at(0).registers.at(0).fields.empty());
  CHECK(far.warnings.size() == 1);
  // An empty derivedFrom indexed an empty list.
  CHECK_THROWS_AS(svd::parse(wrap("<register derivedFrom=''><name>R</name><addressOffset>0</addressOffset></register>")), Error);
  // dim arrays of dim arrays: a few hundred bytes asking for 65536 x 65536 registers.
  CHECK_THROWS_AS(svd::parse(wrap("<cluster><name>C%s</name><dim>65536</dim><dimIncrement>0x100000</dimIncrement><addressOffset>0</addressOffset>"
                                  "<register><name>R%s</name><dim>65536</dim><dimIncrement>4</dimIncrement><addressOffset>0</addressOffset></register></cluster>")),
                  Error);
}

TEST_CASE("svd: enumeratedValues derivedFrom takes the nearest set of that name") {
  auto d = svd::parse(R"(<device><peripherals>
    <peripheral><name>A</name><baseAddress>0</baseAddress><registers>
      <register><name>R</name><addressOffset>0</addressOffset><fields>
        <field><name>X</name><bitOffset>0</bitOffset><bitWidth>2</bitWidth>
          <enumeratedValues><name>MODE</name><enumeratedValue><name>a_off</name><value>0</value></enumeratedValue></enumeratedValues></field>
        <field><name>Y</name><bitOffset>2</bitOffset><bitWidth>2</bitWidth><enumeratedValues derivedFrom="MODE"/></field>
      </fields></register></registers></peripheral>
    <peripheral><name>B</name><baseAddress>0x100</baseAddress><registers>
      <register><name>R</name><addressOffset>0</addressOffset><fields>
        <field><name>X</name><bitOffset>0</bitOffset><bitWidth>2</bitWidth>
          <enumeratedValues><name>MODE</name><enumeratedValue><name>b_off</name><value>0</value></enumeratedValue></enumeratedValues></field>
        <field><name>Y</name><bitOffset>2</bitOffset><bitWidth>2</bitWidth><enumeratedValues derivedFrom="MODE"/></field>
        <field><name>Z</name><bitOffset>4</bitOffset><bitWidth>2</bitWidth><enumeratedValues derivedFrom="A.R.X.MODE"/></field>
      </fields></register></registers></peripheral>
  </peripherals></device>)");
  CHECK(svd::find(d, "A.R.Y").field->enums.at(0).name == "a_off");
  CHECK(svd::find(d, "B.R.Y").field->enums.at(0).name == "b_off");  // the first MODE in the file was A's
  CHECK(svd::find(d, "B.R.Z").field->enums.at(0).name == "a_off");
}

namespace {
// A file of n peripherals; every third derives from the one before it. `bad` names peripherals
// whose last register lacks its offset, no_base one without a base address (-1: none).
std::string many_peripherals(int n, std::initializer_list<int> bad = {}, int no_base = -1) {
  std::string x = "<device><name>M</name><description>many</description><peripherals>\n";
  for (int p = 0; p < n; ++p) {
    const std::string name = "P" + std::to_string(p);
    const std::string base = p == no_base ? "" : "<baseAddress>" + std::to_string(0x1000 * p) + "</baseAddress>";
    if (p % 3 == 2) {
      x += "<peripheral derivedFrom=\"P" + std::to_string(p - 1) + "\"><name>" + name + "</name>" + base + "</peripheral>\n";
      continue;
    }
    x += "<peripheral><name>" + name + "</name><description>peripheral " + name + "</description>" + base + "<registers>";
    for (int r = 0; r < 4; ++r) {
      const bool broken = r == 3 && std::find(bad.begin(), bad.end(), p) != bad.end();
      const std::string off = broken ? "" : "<addressOffset>" + std::to_string(4 * r) + "</addressOffset>";
      x += "<register><name>R" + std::to_string(r) + "</name><description>register " + std::to_string(r) + " of " + name +
           "</description>" + off + "<fields><field><name>F</name><description>field of " + name +
           "</description><bitOffset>" + std::to_string(r) + "</bitOffset><bitWidth>2</bitWidth><enumeratedValues>"
           "<enumeratedValue><name>low</name><description>the low setting</description><value>1</value></enumeratedValue>"
           "</enumeratedValues></field></fields></register>";
    }
    x += "</registers></peripheral>\n";
  }
  return x + "</peripherals></device>\n";
}

std::string error_of_many(const std::string& xml) {
  try {
    (void)svd::parse(xml, "m.svd");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("svd: derived peripherals share the resolved registers and their text") {
  const auto d = svd::parse(many_peripherals(30), "m.svd");
  REQUIRE(d.peripherals.size() == 30);
  CHECK(d.peripherals[29].description == "peripheral P28");  // derived: P28's registers and text
  CHECK(d.peripherals[29].registers.at(0).fields.at(0).enums.at(0).description == "the low setting");
}

TEST_CASE("svd: the error reported is the first in the file") {
  CHECK(error_of_many(many_peripherals(30, {4, 27})).find("P4.R3") != std::string::npos);
  CHECK(error_of_many(many_peripherals(30, {3}, 25)).find("P3.R3") != std::string::npos);
  CHECK(error_of_many(many_peripherals(30, {}, 25)).find("baseAddress") != std::string::npos);
  svd::Limits tight;
  tight.max_elements = 200;  // the file has 30 peripherals x 4 registers x (1 + 1 + 1)
  CHECK_THROWS_AS(svd::parse(many_peripherals(30), "m.svd", tight), Error);
  tight.max_elements = 360;
  CHECK_NOTHROW(svd::parse(many_peripherals(30), "m.svd", tight));
}

TEST_CASE("svd: descriptions live as long as a copy of the device") {
  svd::Device copy;
  {
    const auto d = svd::parse(many_peripherals(3), "m.svd");
    copy = d;
  }
  CHECK(copy.description == "many");
  CHECK(copy.peripherals.at(1).registers.at(2).description == "register 2 of P1");
  CHECK(copy.peripherals.at(2).registers.at(0).fields.at(0).description == "field of P1");
}

TEST_CASE("svd: the files we ship load, with the values the rig checks") {
  for (const char* n : {"edu", "pl031", "pl110", "pl111", "s3c-rtc", "s3c2410-rtc", "bochs-dispi", "hpet"}) {
    CAPTURE(n);
    auto d = svd::load(std::string(UIOKIT_SVD_DIR) + "/" + n + ".svd");
    CHECK(d.register_count() > 5);
  }
  auto pl111 = svd::load(std::string(UIOKIT_SVD_DIR) + "/pl111.svd");
  CHECK(svd::find(pl111, "CLCD_DB.LCDControl").peripheral->base == 0x10020000);
  CHECK(svd::find(pl111, "CLCD.CLCDPeriphID2").reg->offset == 0xfe8);
  CHECK(svd::find(pl111, "CLCD.LCDIMSC").reg->offset == 0x1c);
  // The stock PL110 has LCDControl and LCDINTRENABLE the other way round; the Versatile's PL110
  // derives from it with the two where the PL111 has them, their fields kept.
  auto pl110 = svd::load(std::string(UIOKIT_SVD_DIR) + "/pl110.svd");
  CHECK(svd::find(pl110, "CLCD.LCDControl").reg->offset == 0x1c);
  CHECK(svd::find(pl110, "CLCD.LCDINTRENABLE").reg->offset == 0x18);
  CHECK(svd::find(pl110, "CLCD.LCDUPCURR").reg->offset == 0x28);
  CHECK(svd::find(pl110, "CLCD_VERSATILE.LCDControl").reg->offset == 0x18);
  CHECK(svd::find(pl110, "CLCD_VERSATILE.LCDINTRENABLE").reg->offset == 0x1c);
  CHECK(svd::find(pl110, "CLCD_VERSATILE.LCDControl.LcdBpp").field->width == 3);
  CHECK(svd::find(pl110, "CLCD_VERSATILE.LCDUPCURR").reg->offset == 0x28);
  auto rtc = svd::load(std::string(UIOKIT_SVD_DIR) + "/s3c-rtc.svd");
  CHECK(svd::find(rtc, "ALMHOUR.HOURDATA").field->width == 6);  // derived from BCDHOUR
  auto bochs = svd::load(std::string(UIOKIT_SVD_DIR) + "/bochs-dispi.svd");
  auto id = svd::find(bochs, "BOCHS.DISPI.ID");
  CHECK(id.reg->offset == 0x500);
  CHECK(id.reg->size == 16);
  CHECK(svd::find(bochs, "DISPI.ENABLE").reg->offset == 0x508);
  auto hpet = svd::load(std::string(UIOKIT_SVD_DIR) + "/hpet.svd");
  CHECK(svd::find(hpet, "HPET.TIMER[2].CONF").reg->offset == 0x140);
}
#endif
#endif
