// SPDX-License-Identifier: MIT
// Small whole files (sysfs attributes, /proc entries, a device-tree blob, a state record) read
// and written with plain read() and write() instead of iostreams. Two reasons:
// - a sysfs attribute is parsed by the kernel once per write() call, so a value must go out in
//   exactly one call, which a stream does not promise;
// - a file stream drags the locale and stream machinery of libstdc++ into every program that
//   opens a device, and its start-up cost (relocations, first touches of code pages) is most of
//   what separates a one-shot `uiokit reg read` from memtool.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace uiokit::detail {

// The whole file. nullopt when it cannot be opened or read, with errno saying why; a file longer
// than `limit` bytes gives nullopt with errno EFBIG. /proc and sysfs files report a size of 0,
// so the file is read to its end rather than by its size.
std::optional<std::string> read_file(const std::string& path, std::size_t limit = std::size_t{1} << 20);

// The first line, without its newline and trailing blanks; what a sysfs attribute holds.
std::optional<std::string> read_line(const std::string& path);

// `text` written to `path` (created with mode 0644, truncated) in one write() call. 0 on
// success, else the errno of the failing open, write or close.
int write_file(const std::string& path, std::string_view text);

// Calls f(line) for each line of `text`, without the newline; a last line without one counts.
template <class F>
void for_each_line(std::string_view text, F&& f) {
  while (!text.empty()) {
    const auto nl = text.find('\n');
    f(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

// Calls f(word) for each blank-separated word of `text`; f returns false to stop.
template <class F>
void for_each_word(std::string_view text, F&& f) {
  constexpr std::string_view blanks = " \t\r\n\v\f";
  for (auto at = text.find_first_not_of(blanks); at != std::string_view::npos; at = text.find_first_not_of(blanks, at)) {
    const auto end = text.find_first_of(blanks, at);
    if (!f(text.substr(at, end - at))) return;
    if (end == std::string_view::npos) return;
    at = end;
  }
}

// A hexadecimal number with or without "0x", the whole of `word`; nullopt otherwise.
std::optional<unsigned long long> parse_hex(std::string_view word);

}  // namespace uiokit::detail
