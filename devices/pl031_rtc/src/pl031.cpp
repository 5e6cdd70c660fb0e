// SPDX-License-Identifier: MIT
// The PL031 driver. Linux's drivers/rtc/rtc-pl031.c (the ARM variant, pl031_ops) is the
// reference for the order of operations: the counter started at probe if it is not, time set
// by a write of RTCLR, the alarm by RTCMR then the interrupt mask, with a pending alarm
// cleared (RTCICR) before the mask is set.
#include "uiokit/pl031_rtc/pl031.hpp"

#include "pl031_regs/RTC.hpp"
#include "uiokit/rtc/failure.hpp"
#include "uiokit/rtc/iso8601.hpp"

namespace uiokit::pl031 {

namespace {

// PrimeCell peripheral ID (TRM 3.3.10): part number 0x031, designer 0x41 (ARM).
constexpr unsigned part_number = 0x031, designer_arm = 0x41;

void check_range(const DateTime& t) {
  if (auto why = rtc::invalid_reason(t); !why.empty()) rtc::throw_invalid_time(why);
  const auto s = rtc::to_unix(t);
  if (s < 0 || s > Pl031::last_second)
    throw Error(Errc::invalid_argument, std::string(rtc::subject_year),
                rtc::format_iso8601(t) + " is outside what the PL031's 32-bit count of seconds since 1970 holds (" +
                    rtc::format_iso8601(rtc::from_unix(0)) + " to " +
                    rtc::format_iso8601(rtc::from_unix(Pl031::last_second)) + ")");
}

}  // namespace

struct Pl031::Regs : private pl031_regs::RTC {
  explicit Regs(Transport& t) : rtc(reg::bind<block>(t)) {
    // The ID registers share their field's type: each is named.
    const unsigned id0 = rtc.read<RTCPeriphID0>().get<RTCPeriphID0::ID>(),
                   id1 = rtc.read<RTCPeriphID1>().get<RTCPeriphID1::ID>(),
                   id2 = rtc.read<RTCPeriphID2>().get<RTCPeriphID2::ID>();
    const unsigned part = id0 | ((id1 & 0xf) << 8), designer = (id1 >> 4) | ((id2 & 0xf) << 4);
    if (part != part_number || designer != designer_arm)
      throw Error(Errc::not_found, t.describe(),
                  "not a PL031: peripheral ID part " + hex(part) + ", designer " + hex(designer) +
                      " (a PL031 reads part 0x31, designer 0x41)");
  }

  std::int64_t count() { return rtc.get<RTCDR::COUNT>(); }
  void load(std::uint32_t s) {
    if (!rtc.is_set<RTCCR::RTCSTART>()) rtc.write<RTCCR::RTCSTART>(1);
    rtc.write(RTCLR::LOAD{s});
  }
  std::int64_t match() { return rtc.get<RTCMR::MATCH>(); }
  void set_match(std::uint32_t s) { rtc.write(RTCMR::MATCH{s}); }
  // RTCIMSC, RTCRIS and RTCMIS have the same AI bit: the register is named.
  bool enabled() { return rtc.read<RTCIMSC>().is_set<RTCIMSC::AI>(); }
  void enable(bool on) {
    ack();
    rtc.write<RTCIMSC>(RTCIMSC::AI{on});
  }
  bool pending() { return rtc.read<RTCRIS>().is_set<RTCRIS::AI>(); }
  void ack() { rtc.write(RTCICR::AI{1}); }

  reg::Bound<block, reg::TransportIo> rtc;
};

Pl031::Pl031(Transport& t) : regs_(std::make_unique<Regs>(t)) {}
Pl031::Pl031(Pl031&&) noexcept = default;
Pl031& Pl031::operator=(Pl031&&) noexcept = default;
Pl031::~Pl031() = default;

DateTime Pl031::read_time() { return rtc::from_unix(regs_->count()); }

void Pl031::validate(const DateTime& t) const { check_range(t); }

DateTime Pl031::set_time(const DateTime& t) {
  check_range(t);
  regs_->load(static_cast<std::uint32_t>(rtc::to_unix(t)));
  const DateTime back = read_time();
  const auto drift = rtc::to_unix(back) - rtc::to_unix(t);
  if (drift < 0 || drift > 2)
    throw Error(Errc::bad_hardware_value, "RTC",
                "wrote " + rtc::format_iso8601(t) + " but read back " + rtc::format_iso8601(back), {}, 0,
                "the counter did not take the load");
  return back;
}

Alarm Pl031::read_alarm() {
  const DateTime t = rtc::from_unix(regs_->match());
  Alarm a;
  a.year = t.year, a.month = t.month, a.day = t.day, a.hour = t.hour, a.minute = t.minute, a.second = t.second;
  a.enabled = regs_->enabled();
  return a;
}

void Pl031::set_alarm(const Alarm& a) {
  if (!a.complete())
    throw Error(Errc::invalid_argument, "alarm", "the PL031 compares the whole time: give every field", {}, 0,
                "--match year,month,day,hour,minute,second (the default)");
  const DateTime t{*a.year, *a.month, *a.day, *a.hour, *a.minute, *a.second};
  check_range(t);
  regs_->enable(false);  // no match on the old mask while the new time goes in
  regs_->set_match(static_cast<std::uint32_t>(rtc::to_unix(t)));
  regs_->enable(a.enabled);
}

void Pl031::enable_alarm(bool on) { regs_->enable(on); }
void Pl031::clear_alarm() { regs_->enable(false); }
bool Pl031::alarm_pending() { return regs_->pending(); }
void Pl031::ack_alarm() { regs_->ack(); }

}  // namespace uiokit::pl031
