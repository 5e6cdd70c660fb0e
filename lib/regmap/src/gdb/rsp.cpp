// SPDX-License-Identifier: MIT
#include "uiokit/gdb/rsp.hpp"

namespace uiokit::gdb {

namespace {

constexpr char digits[] = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool needs_escape(std::byte b) {
  const auto c = static_cast<char>(b);
  return c == '#' || c == '$' || c == '}' || c == '*';
}

}  // namespace

std::string frame(std::string_view payload) {
  std::uint8_t sum = 0;
  for (char c : payload) sum = static_cast<std::uint8_t>(sum + static_cast<std::uint8_t>(c));
  std::string out;
  out.reserve(payload.size() + 4);
  out += '$';
  out += payload;
  out += '#';
  out += digits[sum >> 4];
  out += digits[sum & 15];
  return out;
}

std::size_t escaped_size(std::span<const std::byte> data) {
  std::size_t n = data.size();
  for (auto b : data) n += needs_escape(b);
  return n;
}

std::string escape_binary(std::span<const std::byte> data) {
  std::string out;
  out.reserve(escaped_size(data));
  for (auto b : data) {
    if (needs_escape(b)) {
      out += '}';
      out += static_cast<char>(std::to_integer<unsigned char>(b) ^ 0x20);
    } else {
      out += static_cast<char>(b);
    }
  }
  return out;
}

std::optional<std::string> expand_rle(std::string_view payload) {
  if (payload.find('*') == std::string_view::npos) return std::string(payload);
  std::string out;
  for (std::size_t i = 0; i < payload.size(); ++i) {
    if (payload[i] != '*') {
      out += payload[i];
      continue;
    }
    // `*` repeats the previous character; the count is the next byte minus 29, in 3..97.
    if (out.empty() || i + 1 >= payload.size()) return std::nullopt;
    const int n = static_cast<unsigned char>(payload[++i]) - 29;
    if (n < 3 || n > 97) return std::nullopt;
    out.append(static_cast<std::size_t>(n), out.back());
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view text) {
  if (text.size() % 2) return std::nullopt;
  std::string out(text.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_value(text[2 * i]), lo = hex_value(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<char>(hi * 16 + lo);
  }
  return out;
}

std::string to_hex(std::span<const std::byte> data) {
  std::string out;
  out.reserve(data.size() * 2);
  for (auto b : data) {
    const auto v = std::to_integer<unsigned>(b);
    out += digits[v >> 4];
    out += digits[v & 15];
  }
  return out;
}

std::optional<PacketReader::Event> PacketReader::feed(std::string_view bytes, std::size_t& used) {
  using K = Event::Kind;
  for (used = 0; used < bytes.size();) {
    const char c = bytes[used++];
    switch (state_) {
      case State::idle:
        if (c == '+') return Event{K::ack, {}};
        if (c == '-') return Event{K::nak, {}};
        if (c == '$') {
          state_ = State::payload;
          payload_.clear();
          sum_ = 0;
          overflowed_ = false;
        }
        break;  // anything else between packets is noise (a stub's stray byte)
      case State::payload:
        if (c == '#') {
          state_ = State::check1;
          break;
        }
        sum_ = static_cast<std::uint8_t>(sum_ + static_cast<std::uint8_t>(c));
        if (payload_.size() < max_) payload_ += c;
        else overflowed_ = true;
        break;
      case State::check1:
        check_ = hex_value(c);
        state_ = State::check2;
        break;
      case State::check2: {
        state_ = State::idle;
        const int lo = hex_value(c);
        if (overflowed_) return Event{K::overflow, {}};
        if (check_ < 0 || lo < 0 || check_ * 16 + lo != sum_) return Event{K::bad_checksum, {}};
        return Event{K::packet, std::move(payload_)};
      }
    }
  }
  return std::nullopt;
}

}  // namespace uiokit::gdb
