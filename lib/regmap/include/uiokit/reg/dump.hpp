// SPDX-License-Identifier: MIT
// Dumps: every register of a peripheral by name, every field decoded, as `uiokit reg dump`
// prints them (text) or its --json gives them. One loop serves the tool, the Python module and
// a typed block read through its binding (dump(bound)), so the three cannot drift apart.
//
// A register that cannot be read (write-only) or whose read has a side effect (read-to-clear)
// is listed but not read, with the reason, unless the caller forces side-effect reads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "uiokit/reg/bound.hpp"
#include "uiokit/reg/describe.hpp"
#include "uiokit/reg/report.hpp"

namespace uiokit::reg {

struct DumpOptions {
  bool force = false;  // also read registers whose read has a side effect
  bool reset = false;  // text: reset values, and fields that differ from theirs
  std::optional<std::uint64_t> address;  // the peripheral's physical address: JSON "address"
  const model::Register* only = nullptr;        // one register of the peripheral instead of all
};

// How a dump reaches the registers.
struct DumpIo {
  // The register's value, in CPU order.
  std::function<std::uint64_t(const Shown&)> load;
  // Puts the register where it is in the Region (its offset there), or says why it cannot be
  // read there (outside the window, misaligned). Asked first; optional: offsets are then the
  // model's.
  std::function<std::string(Shown&)> place;
};

// One peripheral: its heading and registers as text, each piece handed to `text` as soon as it
// is read (a dump that fails part way has shown what it read), and as JSON entries appended to
// `entries`. Either may be empty/null.
void dump(const model::Peripheral& p, const DumpIo& io, const DumpOptions& options,
          const std::function<void(const std::string&)>& text, nlohmann::ordered_json* entries);

namespace detail {
template <class Io>
std::uint64_t load_register(const Io& io, const model::Register& r) {
  const auto e = r.endian;
  switch (r.size) {
    case 8: return mmio::from_device(io.template load<std::uint8_t>(r.offset), e);
    case 16: return mmio::from_device(io.template load<std::uint16_t>(r.offset), e);
    case 32: return mmio::from_device(io.template load<std::uint32_t>(r.offset), e);
    default: return mmio::from_device(io.template load<std::uint64_t>(r.offset), e);
  }
}
template <class B, class Io>
DumpIo bound_io(const Bound<B, Io>& bound) {
  return DumpIo{[&io = bound.io()](const Shown& s) { return load_register(io, *s.reg); }, {}};
}
}  // namespace detail

// A typed block read through its binding, as `uiokit reg dump` prints it.
template <class B, class Io>
std::string dump(const Bound<B, Io>& bound, const DumpOptions& options = {}) {
  const auto p = describe<B>();
  std::string out;
  dump(p, detail::bound_io(bound), options, [&out](const std::string& s) { out += s; }, nullptr);
  return out;
}
// As `uiokit reg dump --json` gives it: one entry per register.
template <class B, class Io>
nlohmann::ordered_json dump_json(const Bound<B, Io>& bound, const DumpOptions& options = {}) {
  const auto p = describe<B>();
  auto out = nlohmann::ordered_json::array();
  dump(p, detail::bound_io(bound), options, {}, &out);
  return out;
}

}  // namespace uiokit::reg
