// SPDX-License-Identifier: MIT
#include "irq_wait.hpp"

#include <nlohmann/json.hpp>

#include <string>

#include "timestamp.hpp"
#include "uiokit/error.hpp"

namespace uiokit::cli {

std::uint64_t irq_wait(Interrupt& irq, const IrqWaitOptions& o, std::FILE* out) {
  using clock = std::chrono::steady_clock;
  const auto deadline = o.timeout ? clock::now() + *o.timeout : clock::time_point::max();
  std::uint64_t seen = 0;
  irq.enable();
  while (!o.count || seen < o.count) {
    std::optional<std::chrono::milliseconds> left;
    if (o.timeout) left = std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()));
    const auto ev = irq.wait(left);
    if (!ev)
      throw Error(Errc::timeout, irq.describe(), "no interrupt within " + std::to_string(o.timeout->count()) + " ms (" + std::to_string(seen) +
                                                     (o.count ? " of " + std::to_string(o.count) : std::string()) + " events seen)");
    ++seen;
    if (o.json) {
      const nlohmann::ordered_json j{{"time", timestamp()}, {"irq", irq.describe()}, {"event", seen},
                                     {"count", ev->count}, {"missed", ev->missed()}, {"total", ev->total}};
      std::fprintf(out, "%s\n", j.dump().c_str());
    } else {
      std::fprintf(out, "%s  %s: event %llu  count %llu  missed %llu  total %llu\n", timestamp().c_str(), irq.describe().c_str(),
                   static_cast<unsigned long long>(seen), static_cast<unsigned long long>(ev->count),
                   static_cast<unsigned long long>(ev->missed()), static_cast<unsigned long long>(ev->total));
    }
    std::fflush(out);
    irq.enable();
  }
  return seen;
}

}  // namespace uiokit::cli
