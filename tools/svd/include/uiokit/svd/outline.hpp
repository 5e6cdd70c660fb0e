// SPDX-License-Identifier: MIT
// An SVD file opened for a few of its peripherals. A vendor file of megabytes describes a hundred
// or more peripherals and a bring-up script touches a few, so opening reads the file and scans it
// for its <peripheral> elements only (where each is, its name, what it derives from), and a
// peripheral is resolved when it is first asked for, at the cost of its own XML.
//
// A peripheral is resolved from a document made of the file's own bytes: everything before
// <peripherals>, the peripheral's element, the elements it needs (its derivedFrom, and the
// peripherals that its registers' and fields' derivedFrom paths start with), and everything
// after </peripherals>, by the same reader as load(). Warnings name the file's own lines. Where
// that document cannot stand for the file (a reference that would be looked up among all the
// peripherals, such as an enumeratedValues set found only device-wide, or any error), the whole
// file is read through load_cached() and answers from then on, errors included: an answer is
// always the one load() gives. A file the scan cannot outline is read whole when it is opened:
// peripheral arrays (<dim> on a peripheral), a peripheral name given twice, elements other than
// <peripheral> in <peripherals>, a DOCTYPE with declarations.
//
// The difference from load(): an error in a peripheral nobody asks for surfaces only when the
// whole file is needed (all peripherals, a name that is not found). Limits apply to each document
// read.
#pragma once

#include <cstddef>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uiokit/svd/parse.hpp"

namespace uiokit::svd {

class Outline {
 public:
  // Reads and scans the file; throws what load() throws for a file that cannot be read, and for
  // a file read whole (see above) anything load() throws.
  explicit Outline(const std::filesystem::path& path, const Limits& limits = {});
  ~Outline();
  Outline(Outline&&) noexcept;
  Outline& operator=(Outline&&) noexcept;

  const std::string& name() const { return name_; }      // the device's <name>
  const std::string& source() const { return source_; }  // the path, as messages name it
  std::size_t size() const { return names_.size(); }      // peripherals, in file order
  const std::string& name(std::size_t i) const { return names_.at(i); }
  // The index of the peripheral named exactly so, else ignoring case.
  std::optional<std::size_t> find(std::string_view name) const;
  // Peripheral i, resolved on first use; the reference stays valid as long as the Outline.
  const Peripheral& peripheral(std::size_t i);
  // The file read whole (once): every peripheral, the warnings of the whole file.
  const Device& whole();
  bool outlined() const { return scan_ != nullptr; }  // false: whole() was read at open
  // What the reader warned of in the documents read so far (each line once), as Device::warnings.
  const std::vector<std::string>& warnings() const { return warnings_; }

  struct Scan;  // outline.cpp

 private:
  std::filesystem::path path_;
  std::string source_;
  Limits limits_;
  std::string name_;
  std::vector<std::string> names_;
  std::unique_ptr<Scan> scan_;  // the file's bytes and where its peripherals are
  std::deque<Device> parts_;    // the documents resolved so far (they own the descriptions)
  std::vector<const Peripheral*> resolved_;
  std::optional<Device> whole_;
  std::vector<std::string> warnings_;
  void keep_warnings(const Device& d);
};

}  // namespace uiokit::svd
