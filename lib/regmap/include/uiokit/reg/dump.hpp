// SPDX-License-Identifier: MIT
// Dumps: every register of a block by name, every field decoded, as text or JSON.
//
// A register that cannot be read (write-only) or whose read has a side effect (read-to-clear)
// is listed but not read, with the reason, unless the caller forces side-effect reads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "uiokit/reg/describe.hpp"

namespace uiokit::reg {

struct DumpRow {
  const RegDesc* reg = nullptr;
  std::optional<std::uint64_t> value;  // empty when not read
  std::string note;                    // why it was not read
};

struct Dump {
  BlockDesc block;
  std::optional<std::uint64_t> base_address;  // physical address of the block, if known
  std::vector<DumpRow> rows;
};

struct DumpOptions {
  bool read_side_effects = false;  // also read rc registers (their read changes the device)
};

// reader(reg) returns the register's current value (in CPU order).
Dump make_dump(BlockDesc block, const std::function<std::uint64_t(const RegDesc&)>& reader,
               const DumpOptions& options = {}, std::optional<std::uint64_t> base_address = {});

std::string to_text(const Dump& dump);
std::string to_json(const Dump& dump, int indent = 2);

// A typed block, read through its binding.
template <class B, class Io>
Dump dump(const Bound<B, Io>& bound, const DumpOptions& options = {}, std::optional<std::uint64_t> base = {}) {
  const Io& io = bound.io();
  return make_dump(
      describe<B>(),
      [&io](const RegDesc& r) -> std::uint64_t {
        const auto e = r.endian;
        switch (r.width) {
          case 8: return mmio::from_device(io.template load<std::uint8_t>(r.offset), e);
          case 16: return mmio::from_device(io.template load<std::uint16_t>(r.offset), e);
          case 32: return mmio::from_device(io.template load<std::uint32_t>(r.offset), e);
          default: return mmio::from_device(io.template load<std::uint64_t>(r.offset), e);
        }
      },
      options, base);
}

}  // namespace uiokit::reg
