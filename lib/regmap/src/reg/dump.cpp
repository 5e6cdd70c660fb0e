// SPDX-License-Identifier: MIT
#include "uiokit/reg/dump.hpp"

namespace uiokit::reg {

void dump(const model::Peripheral& p, const DumpIo& io, const DumpOptions& o, const std::function<void(const std::string&)>& text,
          nlohmann::ordered_json* entries) {
  if (text) text(format_heading(p));
  for (const auto& rg : p.registers) {
    if (o.only && &rg != o.only) continue;
    auto s = shown(p, rg);
    if (io.place) {
      auto placed = s;
      if (const auto why = io.place(placed); !why.empty()) {
        if (text) text(format_unreadable(s, why));
        if (entries) entries->push_back(unreadable_json(s, why));
        continue;
      }
      s = std::move(placed);
    }
    if (const auto skip = dump_skip(rg, o.force); !skip.empty()) {
      if (text) text(format_skipped(s, skip));
      if (entries) entries->push_back(skipped_json(s, skip));
      continue;
    }
    const auto v = io.load(s);
    if (text) text(format_value(s, v, o.reset));
    if (entries) entries->push_back(value_json(s, v, o.address));
  }
}

}  // namespace uiokit::reg
