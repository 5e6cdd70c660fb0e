// SPDX-License-Identifier: MIT
#include "text_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace uiokit::detail {
namespace {

// Closes on every path out, keeping the errno that matters to the caller.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) {
      const int saved = errno;
      ::close(fd);
      errno = saved;
    }
  }
};

}  // namespace

std::optional<std::string> read_file(const std::string& path, std::size_t limit) {
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) return std::nullopt;
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    if (n == 0) return out;
    if (out.size() + static_cast<std::size_t>(n) > limit) {
      errno = EFBIG;
      return std::nullopt;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
}

std::optional<std::string> read_line(const std::string& path) {
  auto text = read_file(path);
  if (!text) return std::nullopt;
  const auto nl = text->find('\n');
  if (nl != std::string::npos) text->resize(nl);
  while (!text->empty() && (text->back() == ' ' || text->back() == '\r' || text->back() == '\t')) text->pop_back();
  return text;
}

int write_file(const std::string& path, std::string_view text) {
  Fd f{::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
  if (f.fd < 0) return errno;
  ssize_t n;
  do n = ::write(f.fd, text.data(), text.size());
  while (n < 0 && errno == EINTR);
  if (n < 0) return errno;
  if (static_cast<std::size_t>(n) != text.size()) return EIO;  // a sysfs attribute took only part
  const int fd = f.fd;
  f.fd = -1;
  return ::close(fd) == 0 ? 0 : errno;
}

std::optional<unsigned long long> parse_hex(std::string_view word) {
  if (word.size() > 2 && word[0] == '0' && (word[1] == 'x' || word[1] == 'X')) word.remove_prefix(2);
  unsigned long long v = 0;
  const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), v, 16);
  if (word.empty() || ec != std::errc{} || end != word.data() + word.size()) return std::nullopt;
  return v;
}

}  // namespace uiokit::detail
