// SPDX-License-Identifier: MIT
// A resolved Device as a flat run of bytes and back: the body of a cache entry (cache.hpp).
// Integers are in the machine's byte order (an entry is read where it was written; a header
// field catches another order); strings are a 32-bit length and the characters. Decoding
// treats the bytes as untrusted: every length and count is checked against what is left, every
// enumeration and bit range against what the reader itself could produce, and the Limits
// against the counts, so that bad bytes give nothing, never a model the reader could not have.
//
// Each peripheral is its name, the size of the rest of its bytes, and the rest: a decode can
// pass over the peripherals it is not asked for without reading them, so that a command naming
// one peripheral of a file of thousands pays for that one.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "uiokit/svd/parse.hpp"

namespace uiokit::svd {

std::string encode(const Device& d);
// One peripheral, as a device holding only it: two models of it compare equal as these bytes.
std::string encode(const Peripheral& p);
// Asked of each peripheral in turn: its index, its name and its encoded bytes. False leaves the
// peripheral out of the decoded Device, unread.
using Keep = std::function<bool(std::size_t index, std::string_view name, std::string_view bytes)>;

// The Device whose descriptions view into `bytes`, or nothing when the bytes are not a valid
// encoding. `owner` keeps the bytes alive: it joins the Device's storage. With `keep`, only the
// peripherals it accepts are decoded (the Limits then count those); the bytes of the others are
// checked for their length only.
std::optional<Device> decode(std::string_view bytes, std::shared_ptr<const void> owner, const Limits& limits = {},
                             const Keep& keep = {});
inline std::optional<Device> decode(std::shared_ptr<const std::string> bytes, const Limits& limits = {}) {
  if (!bytes) return std::nullopt;
  const std::string_view view(*bytes);
  return decode(view, std::move(bytes), limits);
}

}  // namespace uiokit::svd
