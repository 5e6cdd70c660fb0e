// SPDX-License-Identifier: MIT
// The GDB remote serial protocol's framing: pure byte work, no I/O (tested and fuzzed alone).
//
// A packet is `$payload#cc`, cc the modulo-256 sum of the payload's bytes in two hex digits.
// The receiver answers `+` (accepted) or `-` (checksum wrong: send it again) until both sides
// agree to QStartNoAckMode. In binary payloads (the X write packet) the bytes `#`, `$`, `}` and
// `*` are sent as `}` followed by the byte XOR 0x20. A stub may compress a reply with
// run-length encoding: `c*N` is c followed by N - 29 more copies of c.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace uiokit::gdb {

// `$payload#cc` for a payload already escaped if it is binary.
std::string frame(std::string_view payload);
// Binary data escaped for an X packet.
std::string escape_binary(std::span<const std::byte> data);
// How many bytes escape_binary would make of data.
std::size_t escaped_size(std::span<const std::byte> data);
// A reply's payload with run-length encoding undone; nullopt if the encoding is malformed.
std::optional<std::string> expand_rle(std::string_view payload);
// Hex text to bytes (m replies); nullopt for an odd length or a non-hex digit.
std::optional<std::string> from_hex(std::string_view text);
std::string to_hex(std::span<const std::byte> data);

// Splits a byte stream from the stub into acks, naks and packets, in arrival order.
class PacketReader {
 public:
  struct Event {
    enum class Kind { ack, nak, packet, bad_checksum, overflow };
    Kind kind;
    std::string payload;  // packet: the payload as received (still RLE-encoded)
  };

  explicit PacketReader(std::size_t max_payload = 1 << 20) : max_(max_payload) {}

  // Consumes bytes until one event is complete; returns it and how many bytes it used, or
  // nullopt after using all of `bytes` without completing one.
  std::optional<Event> feed(std::string_view bytes, std::size_t& used);

 private:
  enum class State { idle, payload, check1, check2 };
  State state_ = State::idle;
  std::string payload_;
  std::uint8_t sum_ = 0;
  int check_ = 0;
  bool overflowed_ = false;
  std::size_t max_;
};

}  // namespace uiokit::gdb
