// SPDX-License-Identifier: MIT
// A scripted GDB stub for unit tests: a thread serving one end of a socketpair, with target
// memory in a vector and knobs for the failures a real stub shows (bad checksums, refused
// packets, E replies, a dropped connection, slowness).
#pragma once

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "uiokit/gdb/rsp.hpp"

namespace test_gdb {

struct Stub {
  std::uint64_t base = 0x10000;
  std::vector<std::uint8_t> mem = std::vector<std::uint8_t>(0x1000);
  std::string features = "PacketSize=1000;qXfer:features:read+";
  bool binary_writes = true;                // answer X packets
  std::atomic<int> naks{0};                 // refuse the next client packets with `-`
  int corrupt_replies = 0;                  // send the next replies with a bad checksum first
  int close_after = -1;                     // close the connection after this many m packets
  std::atomic<int> delay_ms{0};             // before every reply
  // A first look at each packet: a reply, or nullopt for the default handling. A reply of
  // several packets (a monitor's O output, then OK) is their payloads joined by '\n'.
  std::function<std::optional<std::string>(const std::string&)> hook;

  std::mutex lock;
  std::vector<std::string> packets;         // every packet the client sent, as sent
  std::atomic<int> naks_received{0};

  int client_fd = -1;

  void start() {
    int sv[2];
    ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
    client_fd = sv[0];
    fd_ = sv[1];
    thread_ = std::thread([this] { serve(); });
  }
  ~Stub() {
    if (thread_.joinable()) {
      ::shutdown(fd_, SHUT_RDWR);
      thread_.join();
    }
    ::close(fd_);
  }
  std::vector<std::string> sent() {
    std::lock_guard g(lock);
    return packets;
  }

 private:
  int fd_ = -1;
  std::thread thread_;
  bool acks_ = true;
  int m_count_ = 0;

  void put(const std::string& s) { (void)::send(fd_, s.data(), s.size(), MSG_NOSIGNAL); }

  std::string memory_reply(const std::string& p) {
    const char kind = p[0];
    const auto comma = p.find(',');
    const auto colon = p.find(':');
    const std::uint64_t addr = std::stoull(p.substr(1, comma - 1), nullptr, 16);
    const std::uint64_t len = std::stoull(p.substr(comma + 1, colon - comma - 1), nullptr, 16);
    if (addr < base || addr + len > base + mem.size()) return "E14";
    auto* m = mem.data() + (addr - base);
    if (kind == 'm') {
      std::vector<std::byte> b(len);
      for (std::size_t i = 0; i < len; ++i) b[i] = std::byte{m[i]};
      return uiokit::gdb::to_hex(b);
    }
    std::string data = p.substr(colon + 1);
    if (kind == 'M') data = *uiokit::gdb::from_hex(data);
    if (data.size() != len) return "E01";
    for (std::size_t i = 0; i < len; ++i) m[i] = static_cast<std::uint8_t>(data[i]);
    return "OK";
  }

  std::optional<std::string> answer(const std::string& p) {
    if (hook)
      if (auto r = hook(p)) return r;
    if (p.rfind("qSupported", 0) == 0) return features;
    if (p == "QStartNoAckMode") {
      if (features.find("QStartNoAckMode+") == std::string::npos) return "";
      acks_ = false;
      return "OK";
    }
    if (p[0] == 'm') {
      if (close_after >= 0 && m_count_++ >= close_after) return std::nullopt;
      return memory_reply(p);
    }
    if (p[0] == 'M' || (p[0] == 'X' && binary_writes)) return memory_reply(p);
    return "";
  }

  // The client's packets with escapes undone (X data).
  static std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) out += s[i] == '}' && i + 1 < s.size() ? static_cast<char>(s[++i] ^ 0x20) : s[i];
    return out;
  }

  void serve() {
    using K = uiokit::gdb::PacketReader::Event::Kind;
    uiokit::gdb::PacketReader reader;
    std::string pending, last_reply;
    char buf[65536];
    for (;;) {
      const auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return;
      pending.append(buf, static_cast<std::size_t>(n));
      std::size_t used = 0;
      while (auto ev = reader.feed(pending, used)) {
        pending.erase(0, used);
        if (ev->kind == K::nak) {
          ++naks_received;
          put(last_reply);
          continue;
        }
        if (ev->kind != K::packet) continue;
        if (naks > 0) {
          --naks;
          put("-");
          continue;
        }
        if (acks_) put("+");
        const auto payload = unescape(ev->payload);
        {
          std::lock_guard g(lock);
          packets.push_back(ev->payload);
        }
        const bool was_acking = acks_;
        auto reply = answer(payload);
        if (!reply) {
          ::shutdown(fd_, SHUT_RDWR);
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms.load()));
        last_reply.clear();
        for (std::size_t from = 0;;) {
          const auto nl = reply->find('\n', from);
          last_reply += uiokit::gdb::frame(reply->substr(from, nl == std::string::npos ? std::string::npos : nl - from));
          if (nl == std::string::npos) break;
          from = nl + 1;
        }
        if (corrupt_replies > 0 && was_acking) {
          --corrupt_replies;
          std::string bad = last_reply;
          bad[bad.size() - 1] = bad[bad.size() - 1] == '0' ? '1' : '0';
          put(bad);
        } else {
          put(last_reply);
        }
      }
      pending.erase(0, used);
    }
  }
};

}  // namespace test_gdb
