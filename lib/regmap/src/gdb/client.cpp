// SPDX-License-Identifier: MIT
#include "uiokit/gdb/client.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <span>
#include <utility>

#include "uiokit/address/address.hpp"
#include "uiokit/error.hpp"

namespace uiokit::gdb {

namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

// Connects a non-blocking socket within the timeout, then makes it blocking again (reads and
// writes poll with their own deadlines).
int connect_within(int domain, const sockaddr* sa, socklen_t len, const std::string& name, ClientOptions o) {
  const int fd = ::socket(domain, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) throw_sys(Errc::open_failed, name, "socket", errno);
  int err = 0;
  if (::connect(fd, sa, len) != 0) {
    err = errno;
    if (err == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      const int n = ::poll(&p, 1, static_cast<int>(o.timeout.count()));
      socklen_t el = sizeof err;
      if (n == 0) err = ETIMEDOUT;
      else if (n < 0) err = errno;
      else ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el);
    }
  }
  if (err != 0) {
    ::close(fd);
    if (err == ETIMEDOUT)
      throw Error(Errc::timeout, name, "connect: no answer within " + std::to_string(o.timeout.count()) + " ms");
    throw_sys(Errc::open_failed, name, "connect", err, {},
              "is a stub listening there? e.g. qemu-system-arm -S -gdb unix:PATH,server=on,wait=off, or OpenOCD's gdb port");
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

std::size_t packet_size_from(std::string_view features) {
  // "PacketSize=1000;qXfer:features:read+;..." -- the size is hexadecimal.
  const std::string_view key = "PacketSize=";
  auto p = features.find(key);
  if (p == std::string_view::npos) return 0;
  auto end = features.find(';', p);
  auto v = parse_number("0x" + std::string(features.substr(p + key.size(), end - p - key.size())));
  return v && *v >= 64 && *v <= (1u << 20) ? static_cast<std::size_t>(*v) : 0;
}

}  // namespace

std::string summarize(std::string_view payload) {
  std::string s;
  for (char c : payload.substr(0, 24)) s += (c >= 0x20 && c < 0x7f) ? c : '.';
  if (payload.size() > 24) s += "...";
  return "`" + s + "`";
}

Client::Client(int fd, std::string name, ClientOptions options)
    : fd_(fd), name_(std::move(name)), options_(options) {
  try {
    handshake();
  } catch (...) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
}

Client Client::connect_tcp(const std::string& host, std::uint16_t port, ClientOptions o) {
  const std::string name = "gdb " + host + ":" + std::to_string(port);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res); rc != 0)
    throw Error(Errc::not_found, name, std::string("resolving the host: ") + ::gai_strerror(rc));
  int fd = -1;
  try {
    fd = connect_within(res->ai_family, res->ai_addr, res->ai_addrlen, name, o);
  } catch (...) {
    ::freeaddrinfo(res);
    throw;
  }
  ::freeaddrinfo(res);
  return Client(fd, name, o);
}

Client Client::connect_unix(const std::string& path, ClientOptions o) {
  const std::string name = "gdb unix:" + path;
  sockaddr_un sa{};
  sa.sun_family = AF_UNIX;
  if (path.size() >= sizeof sa.sun_path) throw Error(Errc::invalid_argument, name, "socket path too long");
  std::memcpy(sa.sun_path, path.c_str(), path.size() + 1);
  return Client(connect_within(AF_UNIX, reinterpret_cast<const sockaddr*>(&sa), sizeof sa, name, o), name, o);
}

Client::~Client() {
  if (fd_ >= 0) ::close(fd_);
}

Client::Client(Client&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      name_(std::move(other.name_)),
      options_(other.options_),
      reader_(std::move(other.reader_)),
      pending_(std::move(other.pending_)),
      packet_size_(other.packet_size_),
      acks_(other.acks_) {}

void Client::handshake() {
  const std::string features = request("qSupported:multiprocess+;swbreak+;hwbreak+");
  if (auto n = packet_size_from(features)) packet_size_ = n;
  if (features.find("QStartNoAckMode+") != std::string::npos && request("QStartNoAckMode") == "OK") acks_ = false;
}

void Client::send_all(std::string_view bytes, std::string_view what) {
  while (!bytes.empty()) {
    const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw_sys(Errc::io_failed, name_, "sending " + std::string(what) + " (the connection is gone)", errno);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

PacketReader::Event Client::next_event(Clock::time_point deadline, std::string_view what) {
  for (;;) {
    if (!pending_.empty()) {
      std::size_t used = 0;
      auto ev = reader_.feed(pending_, used);
      pending_.erase(0, used);
      if (ev) return *ev;
    }
    pollfd p{fd_, POLLIN, 0};
    const int n = ::poll(&p, 1, remaining_ms(deadline));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_sys(Errc::io_failed, name_, "waiting for the reply to " + std::string(what), errno);
    if (n == 0)
      throw Error(Errc::timeout, name_,
                  "no reply to " + std::string(what) + " within " + std::to_string(options_.timeout.count()) + " ms", {},
                  0, "a slow or busy stub: is another debugger attached?");
    char buf[8192];
    const auto got = ::recv(fd_, buf, sizeof buf, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw_sys(Errc::io_failed, name_, "receiving the reply to " + std::string(what), errno);
    if (got == 0)
      throw Error(Errc::io_failed, name_, "the stub closed the connection while " + std::string(what) + " waited for its reply");
    pending_.append(buf, static_cast<std::size_t>(got));
  }
}

std::string Client::request(std::string_view payload) {
  const std::string what = summarize(payload);
  const std::string packet = frame(payload);
  send_all(packet, what);
  return receive(packet, what);
}

std::string Client::receive(const std::string& packet, const std::string& what) {
  using K = PacketReader::Event::Kind;
  const auto deadline = Clock::now() + options_.timeout;
  unsigned naks = 0, bad = 0;
  for (;;) {
    auto ev = next_event(deadline, what);
    switch (ev.kind) {
      case K::ack:
        break;
      case K::nak:  // the stub saw a bad checksum: send the packet again
        if (++naks > options_.retries)
          throw Error(Errc::io_failed, name_, "the stub refused " + what + " " + std::to_string(naks) + " times (checksum)");
        send_all(packet, what);
        break;
      case K::bad_checksum:
        if (!acks_ || ++bad > options_.retries)
          throw Error(Errc::io_failed, name_, "the reply to " + what + " arrived with a bad checksum");
        send_all("-", what);
        break;
      case K::overflow:
        throw Error(Errc::io_failed, name_, "the reply to " + what + " is larger than 1 MiB");
      case K::packet: {
        if (acks_) send_all("+", what);
        auto text = expand_rle(ev.payload);
        if (!text) throw Error(Errc::io_failed, name_, "the reply to " + what + " has malformed run-length encoding");
        return *text;
      }
    }
  }
}

std::optional<std::string> Client::monitor(std::string_view command) {
  const std::string payload = "qRcmd," + to_hex(std::as_bytes(std::span(command.data(), command.size())));
  const std::string what = "monitor " + summarize(command);
  const std::string packet = frame(payload);
  send_all(packet, what);
  std::string reply = receive(packet, what), out;
  if (reply.empty()) return std::nullopt;  // no monitor
  // Output comes as O packets (hex text), then OK; anything else ends the command.
  while (reply.size() > 1 && reply[0] == 'O' && reply != "OK") {
    auto text = from_hex(std::string_view(reply).substr(1));
    if (!text) throw Error(Errc::io_failed, name_, "the output of " + what + " is not hex: " + summarize(reply));
    out += *text;
    reply = receive(packet, what);
  }
  if (reply != "OK")
    throw Error(Errc::io_failed, name_, what + " failed: the stub answered " + summarize(reply) + (out.empty() ? "" : " after: " + out));
  return out;
}

}  // namespace uiokit::gdb
