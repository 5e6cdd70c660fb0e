// SPDX-License-Identifier: MIT
// A GDB remote-protocol client: one connection to a stub (QEMU's -gdb, OpenOCD, gdbserver), one
// request and its reply at a time.
//
// On connecting it asks qSupported for the stub's PacketSize and, when the stub offers
// QStartNoAckMode, turns acknowledgements off. It sends only what it is told to: it never
// continues, detaches (QEMU's D resumes the guest) or kills; closing the socket leaves a
// halted target halted. Every wait has a deadline; a stub that closes the connection, answers
// too slowly or rejects a packet more than `retries` times gives a uiokit::Error naming it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "uiokit/gdb/rsp.hpp"

namespace uiokit::gdb {

struct ClientOptions {
  std::chrono::milliseconds timeout{5000};  // for each request's reply, and for connecting
  unsigned retries = 3;                     // resends after a `-`, re-requests after a bad checksum
};

class Client {
 public:
  // Takes ownership of a connected stream socket; `name` is used in messages ("gdb unix:/q.sock").
  // Runs the handshake.
  Client(int fd, std::string name, ClientOptions options = {});
  static Client connect_tcp(const std::string& host, std::uint16_t port, ClientOptions options = {});
  static Client connect_unix(const std::string& path, ClientOptions options = {});
  ~Client();
  Client(Client&& other) noexcept;
  Client& operator=(Client&&) = delete;
  Client(const Client&) = delete;

  // Sends one packet and returns the reply's payload (run-length encoding undone).
  std::string request(std::string_view payload);
  // A monitor command (qRcmd, gdb's `monitor`): the text it printed, or nullopt when the stub
  // has no monitor. A reply other than OK after the output is an error carrying the output.
  std::optional<std::string> monitor(std::string_view command);

  const std::string& name() const noexcept { return name_; }
  // The largest packet the stub accepts, framing included (qSupported PacketSize; 0x400 when
  // the stub does not say, a size every stub handles).
  std::size_t packet_size() const noexcept { return packet_size_; }
  bool acks() const noexcept { return acks_; }

 private:
  void handshake();
  std::string receive(const std::string& packet, const std::string& what);  // the next reply
  void send_all(std::string_view bytes, std::string_view what);
  PacketReader::Event next_event(std::chrono::steady_clock::time_point deadline, std::string_view what);

  int fd_ = -1;
  std::string name_;
  ClientOptions options_;
  PacketReader reader_;
  std::string pending_;  // bytes received but not yet parsed
  std::size_t packet_size_ = 0x400;
  bool acks_ = true;
};

// The first bytes of a payload, printable, for messages (`m10017000,800`).
std::string summarize(std::string_view payload);

}  // namespace uiokit::gdb
