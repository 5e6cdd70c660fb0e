// SPDX-License-Identifier: MIT
// `uiokit reg snapshot | diff | restore` (tools/reg_snapshot.hpp, reg_diff.hpp, reg_restore.hpp)
// over a small SVD device whose registers live in a map: what a snapshot holds and skips, a
// diff naming exactly the changed field, and what a restore writes, leaves alone and refuses.
#if __has_include("reg_restore.hpp")
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>

#include "reg_diff.hpp"
#include "reg_restore.hpp"
#include "reg_snapshot.hpp"
#include "uiokit/svd/parse.hpp"

using namespace uiokit;
using cli::json;

namespace {
const char* const kSvd = R"(<?xml version="1.0"?>
<device schemaVersion="1.3"><name>demo</name><version>1.2</version>
 <addressUnitBits>8</addressUnitBits><width>32</width><size>32</size><access>read-write</access>
 <peripherals><peripheral><name>TIM</name><baseAddress>0x40001000</baseAddress>
  <addressBlock><offset>0</offset><size>0x40</size><usage>registers</usage></addressBlock>
  <registers>
   <register><name>CTRL</name><addressOffset>0x0</addressOffset><fields>
     <field><name>EN</name><bitRange>[0:0]</bitRange></field>
     <field><name>MODE</name><bitRange>[2:1]</bitRange><enumeratedValues>
       <enumeratedValue><name>off</name><value>0</value></enumeratedValue>
       <enumeratedValue><name>slow</name><value>1</value></enumeratedValue>
       <enumeratedValue><name>fast</name><value>2</value></enumeratedValue></enumeratedValues></field></fields></register>
   <register><name>STATUS</name><addressOffset>0x4</addressOffset><fields>
     <field><name>DONE</name><bitRange>[0:0]</bitRange><modifiedWriteValues>oneToClear</modifiedWriteValues></field>
     <field><name>ERR</name><bitRange>[1:1]</bitRange><modifiedWriteValues>oneToClear</modifiedWriteValues></field></fields></register>
   <register><name>IER</name><addressOffset>0x8</addressOffset><fields>
     <field><name>IE</name><bitRange>[0:0]</bitRange></field>
     <field><name>PEND</name><bitRange>[1:1]</bitRange><modifiedWriteValues>oneToClear</modifiedWriteValues></field></fields></register>
   <register><name>ID</name><addressOffset>0xc</addressOffset><access>read-only</access></register>
   <register><name>FIFO</name><addressOffset>0x10</addressOffset><readAction>clear</readAction></register>
   <register><name>KEY</name><addressOffset>0x14</addressOffset><access>write-only</access></register>
   <register><name>LOCK</name><addressOffset>0x18</addressOffset><access>read-writeOnce</access></register>
   <register><name>LOAD</name><addressOffset>0x1c</addressOffset></register>
   <register><name>STAT</name><addressOffset>0x20</addressOffset><fields>
     <field><name>BUSY</name><bitRange>[0:0]</bitRange><access>read-only</access></field></fields></register>
   <register><name>FAR</name><addressOffset>0x100</addressOffset></register>
  </registers></peripheral></peripherals></device>)";

struct Fake {
  std::map<std::uint64_t, std::uint64_t> regs{{0x0, 0x5}, {0x4, 0x3}, {0x8, 0x1}, {0xc, 0xabc}, {0x10, 7}, {0x18, 1}, {0x1c, 100}};
  int reads_with_side_effects = 0;
  cli::RegisterReader reader() {
    return [this](cli::Resolved& r) {
      r.offset = r.reg->offset;
      if (r.offset >= 0x40) throw Error(Errc::out_of_range, r.name, "outside the window");
      if (r.reg->read_has_side_effects()) ++reads_with_side_effects;
      return regs[r.offset];
    };
  }
};

const json* entry(const json& snap, const std::string& name) {
  for (const auto& r : snap["registers"])
    if (r["name"] == name) return &r;
  return nullptr;
}
std::string skipped(const json& snap, const std::string& name) {
  for (const auto& s : snap["skipped"])
    if (s["name"] == name) return s["reason"];
  return {};
}
}  // namespace

TEST_CASE("snapshot: device, peripherals, decoded registers, side-effect and write-only reads skipped") {
  const svd::Device dev = svd::parse(kSvd, "demo.svd");
  Fake fake;
  const json snap = cli::take_snapshot(dev, fake.reader(), false, "file:demo.bin");
  CHECK(snap["device"]["name"] == "demo");
  CHECK(snap["device"]["version"] == "1.2");
  CHECK(snap["peripherals"][0]["name"] == "TIM");
  CHECK(snap["peripherals"][0]["base"] == 0x40001000);
  REQUIRE(entry(snap, "TIM.CTRL"));
  const json& ctrl = *entry(snap, "TIM.CTRL");
  CHECK(ctrl["address"] == 0x40001000);
  CHECK(ctrl["value"] == 5);
  CHECK(ctrl["fields"]["MODE"]["value"] == 2);
  CHECK(ctrl["fields"]["MODE"]["enum"] == "fast");
  CHECK(entry(snap, "TIM.ID"));
  CHECK(!entry(snap, "TIM.FIFO"));
  CHECK(!entry(snap, "TIM.KEY"));
  CHECK(skipped(snap, "TIM.FIFO").find("side effects") != std::string::npos);
  CHECK(skipped(snap, "TIM.KEY") == "write-only");
  CHECK(fake.reads_with_side_effects == 0);
  CHECK(skipped(snap, "TIM.FAR").find("outside the window") != std::string::npos);
  CHECK(snap["registers"].size() == 7);

  const json forced = cli::take_snapshot(dev, fake.reader(), true, "file:demo.bin");
  CHECK(entry(forced, "TIM.FIFO"));
  CHECK(fake.reads_with_side_effects == 1);
}

TEST_CASE("diff: exactly the changed field, with its enumerated names") {
  const svd::Device dev = svd::parse(kSvd, "demo.svd");
  Fake fake;
  const json before = cli::take_snapshot(dev, fake.reader(), false, "");
  fake.regs[0x0] = 0x3;  // MODE fast -> slow, EN unchanged
  const json after = cli::take_snapshot(dev, fake.reader(), false, "");
  const json changes = cli::diff_snapshots(before, after);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0]["name"] == "TIM.CTRL.MODE");
  CHECK(changes[0]["bits"] == "2:1");
  CHECK(changes[0]["before_enum"] == "fast");
  CHECK(changes[0]["after_enum"] == "slow");
  CHECK(cli::diff_snapshots(before, before).empty());
}

TEST_CASE("restore: writable registers back, w1c at its no-op value, read-only, write-once, w1c-only left alone") {
  const svd::Device dev = svd::parse(kSvd, "demo.svd");
  Fake fake;
  const json snap = cli::take_snapshot(dev, fake.reader(), false, "");
  fake.regs[0x0] = 0x0;  // CTRL changed
  fake.regs[0x4] = 0x0;  // STATUS: w1c flags only
  fake.regs[0x8] = 0x2;  // IER: IE 1 -> 0, PEND now set
  fake.regs[0xc] = 0x0;  // ID: read-only
  fake.regs[0x18] = 0;   // LOCK: write-once
  const auto plan = cli::plan_restore(dev, snap, fake.reader());
  std::map<std::string, std::uint64_t> writes;
  for (const auto& w : plan.writes) writes[w.target.name] = w.value;
  CHECK(writes.size() == 2);
  CHECK(writes["TIM.CTRL"] == 0x5);
  CHECK(writes["TIM.IER"] == 0x1);  // IE back to 1, PEND written as 0: not cleared
  std::map<std::string, std::string> why(plan.skipped.begin(), plan.skipped.end());
  CHECK(why["TIM.ID"] == "read-only");
  CHECK(why["TIM.LOCK"] == "write-once");
  CHECK(why["TIM.STAT"] == "every field is read-only");
  CHECK(why["TIM.STATUS"].find("DONE: oneToClear") != std::string::npos);
  CHECK(why["TIM.FIFO"].find("not in the snapshot") != std::string::npos);
  CHECK(plan.unchanged == std::vector<std::string>{"TIM.LOAD"});
}

TEST_CASE("restore refuses a snapshot of another device, or with a peripheral elsewhere") {
  const svd::Device dev = svd::parse(kSvd, "demo.svd");
  Fake fake;
  json snap = cli::take_snapshot(dev, fake.reader(), false, "");
  json other = snap;
  other["device"]["name"] = "other";
  CHECK_THROWS_WITH_AS(cli::plan_restore(dev, other, fake.reader()), doctest::Contains("device 'other'"), Error);
  json moved = snap;
  moved["peripherals"][0]["base"] = 0x50000000;
  CHECK_THROWS_WITH_AS(cli::plan_restore(dev, moved, fake.reader()), doctest::Contains("0x50000000"), Error);
  CHECK_NOTHROW(cli::check_same_device(dev, snap, "snap"));
}
#endif
