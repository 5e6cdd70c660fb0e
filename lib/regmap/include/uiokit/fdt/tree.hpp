// SPDX-License-Identifier: MIT
// uiokit::fdt::Tree: a flattened device tree (the running system's or a .dtb file), read with
// libfdt.
//
// The model: a node's `reg` holds addresses in its parent bus's address space, #address-cells
// and #size-cells of the parent say how many 32-bit cells each takes, and every bus on the way
// to the root maps its children's space into its own with `ranges` (child address, parent
// address, size). An empty `ranges;` is the identity; a bus without `ranges` (an I2C or SPI
// bus) does not map its children into the CPU's space at all, so their reg is local only.
// Interrupts go to the interrupt parent (`interrupt-parent`, inherited from ancestors, or
// `interrupts-extended`), through `interrupt-map` nexus nodes, until an
// `interrupt-controller`.
//
// The blob is checked whole with fdt_check_full() when loaded, so a malformed file gives
// uiokit::Error(Errc::fdt_error) instead of a crash, and every later read is bounds-checked.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "uiokit/error.hpp"

namespace uiokit::fdt {

// A node, as libfdt's structure offset; valid only with the Tree it came from.
struct Node {
  int offset = -1;
  friend bool operator==(Node, Node) = default;
};

// One `reg` entry. `bus` is the address as written (in the parent bus's space, cells joined);
// `cpu` the address after every `ranges` up to the root, absent when some bus on the way has
// no `ranges` or no range covers it.
struct RegEntry {
  std::uint64_t bus = 0;
  std::uint64_t size = 0;
  std::optional<std::uint64_t> cpu;
  std::string name;  // from reg-names, if any
};

// One interrupt, resolved to the controller that takes it (through interrupt-map nexuses).
struct Interrupt {
  std::string controller;                 // path of the interrupt-controller node
  std::string controller_compatible;      // its first compatible
  std::vector<std::uint32_t> specifier;   // cells in the controller's #interrupt-cells
  std::string describe() const;           // "GIC 0 44 4" style: "/soc/...: <0 44 4>"
};

class Tree {
 public:
  // The running system's tree: /sys/firmware/fdt (root only on most systems).
  static Tree running_system();
  static Tree from_file(const std::filesystem::path& path);
  // Copies the bytes; `source` names them in messages.
  static Tree from_bytes(std::span<const std::uint8_t> bytes, std::string source = "<memory>");

  const std::string& source() const noexcept { return source_; }

  Node root() const noexcept { return Node{0}; }
  std::optional<Node> find_path(std::string_view path) const;
  std::vector<Node> find_compatible(std::string_view compatible) const;
  std::optional<Node> find_phandle(std::uint32_t phandle) const;
  std::optional<Node> parent(Node n) const;
  std::vector<Node> children(Node n) const;
  // Every node, in document order.
  std::vector<Node> all_nodes() const;

  std::string name(Node n) const;  // "rtc@10070000"
  std::string path(Node n) const;  // "/soc/rtc@10070000"
  std::optional<std::span<const std::uint8_t>> property(Node n, std::string_view prop) const;
  std::optional<std::string> string_property(Node n, std::string_view prop) const;
  std::vector<std::string> string_list(Node n, std::string_view prop) const;
  std::optional<std::uint32_t> u32_property(Node n, std::string_view prop) const;
  std::vector<std::uint32_t> cells(Node n, std::string_view prop) const;
  std::vector<std::string> compatible(Node n) const { return string_list(n, "compatible"); }
  // status absent or "okay"/"ok".
  bool enabled(Node n) const;

  // The node's reg entries, translated through every parent's ranges.
  std::vector<RegEntry> reg(Node n) const;
  // Translates an address in the space of `bus`'s children to the CPU's space.
  std::optional<std::uint64_t> translate(Node bus, std::uint64_t address) const;
  // The node's interrupts (interrupts or interrupts-extended), each resolved to its controller.
  std::vector<Interrupt> interrupts(Node n) const;

 private:
  Tree() = default;
  void check();  // validates the blob and fills parents_
  const void* blob() const noexcept { return bytes_.data(); }
  [[noreturn]] void fail(int err, std::string_view what) const;

  std::string bytes_;  // the blob (a string: what a file is read into, kept without a copy)
  std::string source_;
  std::vector<std::pair<int, int>> parents_;  // (node offset, parent offset; -1 for the root), by offset
};

// Resolves "path", "compatible=X" or "phandle=N" (the dt: address forms) to one node; `index`
// picks among several nodes with the same compatible (document order). Without it a
// compatible must match exactly one node: taking the first of several would silently program
// another device of the same kind, so that is refused (invalid_argument) listing each with its
// #N. Throws not_found listing what there is.
Node select(const Tree& tree, std::string_view selector, std::optional<unsigned> index = {});

}  // namespace uiokit::fdt
