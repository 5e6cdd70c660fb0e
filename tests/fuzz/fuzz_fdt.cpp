// SPDX-License-Identifier: MIT
// libFuzzer harness: the device-tree reader (uiokit::fdt::Tree over libfdt). Every accessor the
// tools use runs on every node of a tree that loaded: reg translation through ranges,
// interrupts through interrupt-map nexuses, the dt: selectors. uiokit::Error is the expected
// answer to a bad blob; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <span>

#include "uiokit/error.hpp"
#include "uiokit/fdt/tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto tree = uiokit::fdt::Tree::from_bytes(std::span<const std::uint8_t>(data, size), "fuzz");
    std::size_t n = 0;
    for (auto node : tree.all_nodes()) {
      if (++n > 512) break;
      // A path the tree printed must lead back to the same node: a tree with two same-named
      // siblings or a '/' in a node name is refused when it loads, so no path is ambiguous.
      if (tree.find_path(tree.path(node)) != node) __builtin_trap();
      (void)tree.name(node);
      (void)tree.enabled(node);
      (void)tree.parent(node);
      (void)tree.children(node);
      for (const auto& c : tree.compatible(node)) (void)tree.find_compatible(c);
      try {
        (void)tree.reg(node);
      } catch (const uiokit::Error&) {
      }
      try {
        (void)tree.interrupts(node);
      } catch (const uiokit::Error&) {
      }
      if (auto ph = tree.u32_property(node, "phandle")) (void)tree.find_phandle(*ph);
    }
    for (const char* sel : {"/", "compatible=arm,pl111", "phandle=1", "/soc/rtc@10070000"}) {
      try {
        (void)uiokit::fdt::select(tree, sel, 0);
      } catch (const uiokit::Error&) {
      }
    }
  } catch (const uiokit::Error&) {
  }
  return 0;
}
