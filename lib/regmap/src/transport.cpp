// SPDX-License-Identifier: MIT
#include "uiokit/transport.hpp"

#include <cstring>

namespace uiokit {

std::string widths_text(unsigned mask) {
  std::string s;
  for (unsigned w : {1u, 2u, 4u, 8u}) {
    if (!(mask & w)) continue;
    if (!s.empty()) s += (mask & ~(2 * w - 1)) ? ", " : " and ";
    s += std::to_string(w * 8);
  }
  return s + "-bit";
}

void Transport::check(std::uint64_t offset, unsigned width, bool for_write) const {
  if (!access_fits(size(), offset, width)) check_access(describe(), size(), offset, width);
  if (!(widths() & width))
    throw Error(Errc::bad_width, describe(),
                std::to_string(width * 8) + "-bit access at offset " + hex(offset) + ": this transport does " +
                    widths_text(widths()) + " accesses only");
  if (for_write && !writable())
    throw Error(Errc::permission_denied, describe(), "write at offset " + hex(offset) + " to a read-only window");
}

std::uint64_t Transport::read(std::uint64_t offset, unsigned width, Endian e) {
  check(offset, width);
  const std::uint64_t v = load(offset, width);
  switch (width) {
    case 1: return v;
    case 2: return mmio::from_device(static_cast<std::uint16_t>(v), e);
    case 4: return mmio::from_device(static_cast<std::uint32_t>(v), e);
    default: return mmio::from_device(v, e);
  }
}

void Transport::write(std::uint64_t offset, unsigned width, std::uint64_t value, Endian e) {
  check(offset, width, true);
  if (width < 8 && value >> (width * 8))
    throw Error(Errc::invalid_argument, describe(),
                "value " + hex(value) + " does not fit a " + std::to_string(width * 8) + "-bit write", offset);
  switch (width) {
    case 1: break;
    case 2: value = mmio::from_device(static_cast<std::uint16_t>(value), e); break;
    case 4: value = mmio::from_device(static_cast<std::uint32_t>(value), e); break;
    default: value = mmio::from_device(value, e); break;
  }
  store(offset, width, value);
}

void Transport::check_span(std::uint64_t offset, std::uint64_t length, bool for_write) const {
  if (length == 0) return;
  check(offset, 1, for_write);
  if (length > size() - offset)
    throw Error(Errc::out_of_range, describe(),
                hex(length) + " bytes at offset " + hex(offset) + " run past the end (" + hex(size()) + " bytes)");
}

void Transport::read_bytes(std::uint64_t offset, std::span<std::byte> out) {
  check_span(offset, out.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::byte>(load(offset + i, 1));
}

void Transport::write_bytes(std::uint64_t offset, std::span<const std::byte> in) {
  check_span(offset, in.size(), true);
  for (std::size_t i = 0; i < in.size(); ++i) store(offset + i, 1, static_cast<std::uint8_t>(in[i]));
}

std::uint64_t RegionTransport::load(std::uint64_t offset, unsigned width) {
  auto* p = region_.base() + offset;
  switch (width) {
    case 1: return mmio::load<std::uint8_t>(p);
    case 2: return mmio::load<std::uint16_t>(p);
    case 4: return mmio::load<std::uint32_t>(p);
    default: return mmio::load<std::uint64_t>(p);
  }
}

void RegionTransport::store(std::uint64_t offset, unsigned width, std::uint64_t value) {
  auto* p = region_.base() + offset;
  switch (width) {
    case 1: mmio::store(p, static_cast<std::uint8_t>(value)); break;
    case 2: mmio::store(p, static_cast<std::uint16_t>(value)); break;
    case 4: mmio::store(p, static_cast<std::uint32_t>(value)); break;
    default: mmio::store(p, value); break;
  }
}

void RegionTransport::read_bytes(std::uint64_t offset, std::span<std::byte> out) {
  check_span(offset, out.size());
  if (out.empty()) return;
  std::memcpy(out.data(), region_.data() + offset, out.size());
}

void RegionTransport::write_bytes(std::uint64_t offset, std::span<const std::byte> in) {
  check_span(offset, in.size(), true);
  if (in.empty()) return;
  std::memcpy(region_.data() + offset, in.data(), in.size());
}

}  // namespace uiokit
