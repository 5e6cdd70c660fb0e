// SPDX-License-Identifier: MIT
#include "uiokit/rtc/iso8601.hpp"

#include <cctype>
#include <cstdio>

#include "uiokit/rtc/failure.hpp"

namespace uiokit::rtc {

namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  int digits(unsigned n, const char* what) {
    int v = 0;
    for (unsigned i = 0; i < n; ++i) {
      if (done() || !std::isdigit(static_cast<unsigned char>(text_[pos_])))
        fail(std::string("expected ") + std::to_string(n) + " digits of " + what);
      v = v * 10 + (text_[pos_++] - '0');
    }
    return v;
  }
  void expect(char c, const char* where) {
    if (!accept(c)) fail(std::string("expected '") + c + "' " + where);
  }
  [[noreturn]] void fail(const std::string& why) const {
    throw_invalid_time("'" + std::string(text_) + "' is not an ISO 8601 time: " + why + " at position " +
                       std::to_string(pos_ + 1) + " (example: 2026-11-22T03:40:05Z)");
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

DateTime parse_iso8601(std::string_view text) {
  Scanner s(text);
  DateTime t;
  t.year = s.digits(4, "the year");
  s.expect('-', "after the year");
  t.month = s.digits(2, "the month");
  s.expect('-', "after the month");
  t.day = s.digits(2, "the day");
  if (!s.accept('T') && !s.accept(' ') && !s.accept('t')) s.fail("expected 'T' or a space before the time");
  t.hour = s.digits(2, "the hour");
  s.expect(':', "after the hour");
  t.minute = s.digits(2, "the minute");
  if (s.accept(':')) t.second = s.digits(2, "the second");
  int offset_min = 0;
  if (s.accept('Z') || s.accept('z')) {
    // UTC, as without a zone
  } else if (s.peek() == '+' || s.peek() == '-') {
    const int sign = s.accept('-') ? -1 : (s.accept('+'), 1);
    const int oh = s.digits(2, "the zone's hours");
    s.accept(':');
    const int om = s.digits(2, "the zone's minutes");
    if (oh > 23 || om > 59) s.fail("the zone offset is not a time of day");
    offset_min = sign * (oh * 60 + om);
  }
  if (!s.done()) s.fail("unexpected text after the time");
  if (auto why = invalid_reason(t); !why.empty()) throw_invalid_time("'" + std::string(text) + "': " + why);
  if (offset_min != 0) t = from_unix(to_unix(t) - offset_min * 60);
  return t;
}

std::string format_iso8601(const DateTime& t) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour, t.minute, t.second);
  return buf;
}

}  // namespace uiokit::rtc
