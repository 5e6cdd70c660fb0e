// SPDX-License-Identifier: MIT
// Restoring a snapshot (reg_snapshot.hpp): which registers to write, with what, and which to
// leave alone and why. Only registers that can be written without side effects are written:
//   - skipped: read-only, write-once (register or field), a read with side effects (the
//     current value is read first), a field any write changes (modifiedWriteValues clear/set),
//     no field that can be written at all;
//   - written: the writable, side-effect-free fields take the snapshot's value; fields with a
//     write side effect (oneToClear, zeroToSet, ...) take their no-op value (svd::neutralize)
//     and are named in the notes; bits no field describes keep their current value;
//   - unchanged: the writable fields already hold the snapshot's value: nothing is written.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "reg_snapshot.hpp"

namespace uiokit::cli {

struct RestoreWrite {
  Resolved target;
  std::uint64_t before = 0;  // the value read now
  std::uint64_t value = 0;   // what is written
  std::vector<std::string> notes;
};

struct RestorePlan {
  std::vector<RestoreWrite> writes;
  std::vector<std::pair<std::string, std::string>> skipped;  // name, reason
  std::vector<std::string> unchanged;
};

// Throws (check_same_device) for a snapshot of another device; reads the current values with `read`.
RestorePlan plan_restore(const svd::Device& device, const json& snapshot, const RegisterReader& read);

json plan_json(const RestorePlan& plan, bool dry_run);
void print_plan(const RestorePlan& plan, bool dry_run);

}  // namespace uiokit::cli
