// SPDX-License-Identifier: MIT
#include "uiokit/gdb/transport.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "uiokit/backend/map_fd.hpp"

namespace uiokit::gdb {

namespace {

std::string mem_args(std::uint64_t addr, std::uint64_t len) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%llx,%llx", static_cast<unsigned long long>(addr), static_cast<unsigned long long>(len));
  return buf;
}

bool is_error(const std::string& reply) {
  return reply.size() >= 2 && reply[0] == 'E' && (reply.size() == 3 || reply[1] == '.');
}

}  // namespace

GdbTransport::GdbTransport(Client client, std::uint64_t base, std::uint64_t size, std::string label)
    : GdbTransport(std::make_shared<Client>(std::move(client)), base, size, std::move(label), nullptr) {}

GdbTransport::GdbTransport(std::shared_ptr<Client> client, std::uint64_t base, std::uint64_t size, std::string label,
                           const GdbTransport* sibling)
    : client_(std::move(client)), base_(base), size_(size), label_(std::move(label)) {
  if (size_ == 0 || base_ + size_ - 1 < base_)
    throw Error(Errc::invalid_argument, label_, "the window must be 1 byte or more and not wrap around");
  if (sibling) {  // the first window asked, and puts QEMU's mode back
    physical_ = sibling->physical_;
    monitor_phys_ = sibling->monitor_phys_;
    return;
  }
  // QEMU builds that have it answer OK and then read and write physical memory.
  physical_ = owns_mode_ = client_->request("qqemu.PhyMemMode:1") == "OK";
  if (!physical_) physical_ = monitor_phys_ = monitor_has_phys();
}

GdbTransport::~GdbTransport() {
  if (!owns_mode_ || !client_) return;  // (moved from: the new owner puts the mode back)
  try {
    client_->request("qqemu.PhyMemMode:0");  // leave the stub as a debugger expects it
  } catch (const Error&) {
  }
}

std::unique_ptr<GdbTransport> GdbTransport::window(std::uint64_t base, std::uint64_t size, std::string label) const {
  return std::unique_ptr<GdbTransport>(new GdbTransport(client_, base, size, std::move(label), this));
}

std::unique_ptr<GdbTransport> GdbTransport::open(const DeviceAddress& a, ClientOptions options) {
  if (a.scheme != DeviceAddress::Scheme::gdb) throw Error(Errc::invalid_argument, a.text, "not a gdb: address");
  auto client = a.path.empty() ? Client::connect_tcp(a.host, a.port, options) : Client::connect_unix(a.path, options);
  auto t = std::make_unique<GdbTransport>(std::move(client), a.offset, a.size ? a.size : 0x1000, to_string(a));
  if (a.cpu_scratch) t->store_through_cpu(*a.cpu_scratch);
  return t;
}

std::string GdbTransport::describe() const {
  return label_ + (monitor_phys_ ? " (physical addresses, through the monitor" : physical_ ? " (physical addresses" : " (addresses as the CPU sees them") +
         (cpu_scratch_ ? "; stores by the CPU)" : ")");
}

std::size_t GdbTransport::read_chunk() const noexcept {
  // The reply carries two hex digits per byte inside `$...#cc`; whole 8-byte words.
  return std::max<std::size_t>(8, (client_->packet_size() - 4) / 2 / 8 * 8);
}

bool GdbTransport::binary_writes() {
  // A zero-length X, as gdb sends: OK or an E reply means the stub has X, an empty one not.
  if (!binary_writes_) binary_writes_ = !client_->request("X" + mem_args(base_, 0) + ":").empty();
  return *binary_writes_;
}

std::size_t GdbTransport::write_chunk() {
  // `X` + address + `,` + length + `:` before the data; the data may double when escaped,
  // which send() allows for by measuring; M needs two hex digits a byte.
  const std::size_t header = 4 + 1 + 16 + 1 + 8 + 1;
  const std::size_t room = client_->packet_size() > header + 8 ? client_->packet_size() - header : 8;
  return binary_writes() ? room : room / 2;
}

Error GdbTransport::refused(std::string_view what, std::uint64_t offset, std::uint64_t length,
                            const std::string& reply) const {
  const std::string detail = std::string(what) + " " + std::to_string(length) + " bytes at offset " + hex(offset);
  if (reply.empty())
    return Error(Errc::unsupported, describe(), detail + ": the stub does not support the packet", base_ + offset);
  if (is_error(reply))
    return Error(Errc::io_failed, describe(), detail + ": the stub answered " + reply, base_ + offset, 0,
                 "E14 is EFAULT: nothing the CPU can reach there, or the MMU maps it elsewhere");
  return Error(Errc::io_failed, describe(), detail + ": unexpected reply " + summarize(reply), base_ + offset);
}

void GdbTransport::fetch(std::uint64_t offset, std::span<std::byte> out) {
  if (monitor_phys_) return monitor_read(offset, out);
  const auto reply = client_->request("m" + mem_args(base_ + offset, out.size()));
  auto bytes = is_error(reply) ? std::nullopt : from_hex(reply);
  if (!bytes || bytes->size() != out.size()) throw refused("reading", offset, out.size(), reply);
  std::memcpy(out.data(), bytes->data(), out.size());
}

void GdbTransport::send(std::uint64_t offset, std::span<const std::byte> in) {
  if (monitor_phys_) return monitor_write(offset, in);
  const auto head = mem_args(base_ + offset, in.size()) + ":";
  const auto reply = binary_writes() ? client_->request("X" + head + escape_binary(in)) : client_->request("M" + head + to_hex(in));
  if (reply != "OK") throw refused("writing", offset, in.size(), reply);
}

std::uint64_t GdbTransport::load(std::uint64_t offset, unsigned width) {
  std::byte b[8]{};
  const bool hit = !cached_.empty() && offset + width <= size_ &&
                   std::all_of(cached_.begin() + static_cast<std::ptrdiff_t>(offset),
                               cached_.begin() + static_cast<std::ptrdiff_t>(offset + width), [](bool c) { return c; });
  if (hit) {
    std::copy_n(cache_.begin() + static_cast<std::ptrdiff_t>(offset), width, b);
    std::fill_n(cached_.begin() + static_cast<std::ptrdiff_t>(offset), width, false);
  } else {
    fetch(offset, std::span(b, width));
  }
  std::uint64_t v = 0;
  for (unsigned i = 0; i < width; ++i) v |= std::to_integer<std::uint64_t>(b[i]) << (8 * i);
  return v;
}

void GdbTransport::store(std::uint64_t offset, unsigned width, std::uint64_t value) {
  if (!cached_.empty()) std::fill_n(cached_.begin() + static_cast<std::ptrdiff_t>(offset), width, false);
  if (cpu_scratch_) return cpu_store(offset, width, value);
  std::byte b[8];
  for (unsigned i = 0; i < width; ++i) b[i] = static_cast<std::byte>(value >> (8 * i));
  send(offset, std::span<const std::byte>(b, width));
}

void GdbTransport::read_bytes(std::uint64_t offset, std::span<std::byte> out) {
  check_span(offset, out.size());
  for (std::size_t done = 0; done < out.size();) {
    const auto n = std::min(read_chunk(), out.size() - done);
    fetch(offset + done, out.subspan(done, n));
    done += n;
  }
}

void GdbTransport::write_bytes(std::uint64_t offset, std::span<const std::byte> in) {
  check_span(offset, in.size(), true);
  if (!cached_.empty()) std::fill_n(cached_.begin() + static_cast<std::ptrdiff_t>(offset), in.size(), false);
  std::size_t done = 0;
  try {
    while (cpu_scratch_ && done < in.size()) {  // the widest aligned store at each byte
      const std::uint64_t at = offset + done;
      unsigned w = 4;
      while (w > 1 && (at % w != 0 || in.size() - done < w)) w /= 2;
      std::uint64_t v = 0;
      for (unsigned i = 0; i < w; ++i) v |= std::to_integer<std::uint64_t>(in[done + i]) << (8 * i);
      cpu_store(at, w, v);
      done += w;
    }
    while (done < in.size()) {
      auto n = std::min(write_chunk(), in.size() - done);
      // X: shrink the chunk until it fits once escaped.
      while (binary_writes() && n > 8 && escaped_size(in.subspan(done, n)) > write_chunk()) n -= n / 8;
      send(offset + done, in.subspan(done, n));
      done += n;
    }
  } catch (const Error& e) {
    if (done == 0) throw;
    throw Error(e.code(), e.subject(),
                e.detail() + "; the first " + std::to_string(done) + " of " + std::to_string(in.size()) +
                    " bytes were written, the rest were not",
                e.address(), e.sys_errno(), e.hint());
  }
}

void GdbTransport::prefetch(std::uint64_t offset, std::uint64_t length) {
  check_span(offset, length);
  if (cached_.empty()) {
    const std::size_t n = window_size(size_, label_);  // the whole window, cached
    cache_.assign(n, std::byte{0});
    cached_.assign(n, false);
  }
  const auto at = static_cast<std::ptrdiff_t>(offset);
  read_bytes(offset, std::span(cache_).subspan(static_cast<std::size_t>(offset), static_cast<std::size_t>(length)));
  std::fill_n(cached_.begin() + at, length, true);
}

}  // namespace uiokit::gdb
