// SPDX-License-Identifier: MIT
// Models kept between runs (uiokit/svd/cache.hpp): where the folder is, how an entry is named,
// read, checked, written and evicted. The SVD file is read (a file changed while mapped could
// fault); an entry, in a folder only its user writes to and only ever replaced by rename, is
// mapped and decoded in place, its descriptions left in its pages.
#include "uiokit/svd/cache.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <initializer_list>
#include <string>
#include <vector>

#include "reader.hpp"
#include "uiokit/svd/lookup.hpp"
#include "uiokit/svd/serial.hpp"

#ifdef UIOKIT_SVD_CACHE
#define XXH_INLINE_ALL
#include <xxhash.h>
#endif

namespace uiokit::svd {

#ifndef UIOKIT_SVD_CACHE

Device load_cached(const std::filesystem::path& path, const Limits& limits, const std::vector<std::string>&) {
  return load(path, limits);
}
std::optional<std::filesystem::path> cache_dir() { return std::nullopt; }

#else

namespace {

constexpr std::size_t min_cached_size = 64 * 1024;
constexpr std::size_t max_entries = 16;
constexpr std::uint32_t format_version = 3;
constexpr std::uint32_t byte_order_mark = 0x01020304;
// A file changed less than this long ago is hashed at every load, not remembered by its
// identity: its next change could fall within the same timestamp (see remember()).
constexpr std::int64_t settled_ns = 2'000'000'000;

// An entry is this header, a table of one XXH3-64 per peripheral (of the peripheral's bytes in
// the body) and the body (serial.hpp). body_hash covers the rest: the table and the body but
// for the peripherals' bytes. So a load checks what it decodes, not the whole body.
struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t byte_order;
  std::uint64_t content_size;
  std::uint64_t content_lo, content_hi;  // XXH3-128 of the file
  std::uint64_t meta;                    // XXH3-64 of the path and the Limits
  std::uint64_t body_size;
  std::uint64_t body_hash;
  std::uint64_t peripherals;  // entries in the table
};
constexpr char magic[8] = {'u', 'i', 'o', 'k', 'S', 'V', 'D', '\n'};

// A file's identity when its content had the key `key`: a later load that finds the file with
// the same identity takes the key from here instead of hashing the file.
struct Seen {
  char magic[8];
  std::uint32_t version;
  std::uint32_t byte_order;
  std::uint64_t meta;  // as Header::meta
  detail::SvdFile::Identity identity;
  Header key;
};
constexpr char seen_magic[8] = {'u', 'i', 'o', 'k', 'S', 'E', 'E', 'N'};

// A file mapped read-only, whole.
class Mapped {
 public:
  static std::shared_ptr<const Mapped> open(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return nullptr;
    struct stat st {};
    void* p = MAP_FAILED;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
      p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) return nullptr;
    return std::shared_ptr<const Mapped>(new Mapped(p, static_cast<std::size_t>(st.st_size)));
  }
  ~Mapped() { ::munmap(p_, n_); }
  Mapped(const Mapped&) = delete;
  Mapped& operator=(const Mapped&) = delete;
  std::string_view bytes() const { return {static_cast<const char*>(p_), n_}; }

 private:
  Mapped(void* p, std::size_t n) : p_(p), n_(n) {}
  void* p_;
  std::size_t n_;
};

// XXH3-64 of the path and the Limits: what besides the content makes a model.
std::uint64_t meta_of(const std::string& source, const Limits& limits) {
  std::string meta = source;
  for (const std::uint64_t v : {std::uint64_t{limits.keep_duplicates}, std::uint64_t{limits.max_registers},
                                std::uint64_t{limits.max_elements}}) {
    meta.push_back('\0');
    meta += std::to_string(v);
  }
  return XXH3_64bits(meta.data(), meta.size());
}

// The key of a file of `size` bytes whose XXH3-128 is `c`.
Header header_for(std::uint64_t size, XXH128_hash_t c, const std::string& source, const Limits& limits) {
  Header h{};
  std::memcpy(h.magic, magic, sizeof magic);
  h.version = format_version;
  h.byte_order = byte_order_mark;
  h.content_size = size;
  h.content_lo = c.low64;
  h.content_hi = c.high64;
  h.meta = meta_of(source, limits);
  return h;
}

Header header_for(std::string_view content, const std::string& source, const Limits& limits) {
  return header_for(content.size(), XXH3_128bits(content.data(), content.size()), source, limits);
}

// The key of the file open as `file`, hashed through a small buffer: a cache hit then never
// holds the whole file, whose fresh pages (a thousand for a 4 MB file) cost more than the hash.
// nullopt for a file too small to cache or one that cannot be read (the parse reports that).
std::optional<Header> streamed_key(const detail::SvdFile& file, const Limits& limits) {
  if (file.regular_size() < min_cached_size) return std::nullopt;
  XXH3_state_t state;
  XXH3_128bits_reset(&state);
  std::uint64_t size = 0;
  char buf[64 * 1024];
  for (;;) {
    const auto n = ::pread(file.fd(), buf, sizeof buf, static_cast<off_t>(size));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    if (n == 0) return header_for(size, XXH3_128bits_digest(&state), file.path().string(), limits);
    XXH3_128bits_update(&state, buf, static_cast<std::size_t>(n));
    size += static_cast<std::uint64_t>(n);
  }
}

bool same_key(const Header& a, const Header& b) {
  return std::memcmp(a.magic, b.magic, sizeof a.magic) == 0 && a.version == b.version && a.byte_order == b.byte_order &&
         a.content_size == b.content_size && a.content_lo == b.content_lo && a.content_hi == b.content_hi && a.meta == b.meta;
}

std::string entry_name(const Header& h) {
  char name[64];
  std::snprintf(name, sizeof name, "%016llx%016llx-%016llx.model", static_cast<unsigned long long>(h.content_hi),
                static_cast<unsigned long long>(h.content_lo), static_cast<unsigned long long>(h.meta));
  return name;
}

bool write_all(int fd, const char* at, std::size_t n) {
  while (n > 0) {
    const auto put = ::write(fd, at, n);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return false;
    at += put;
    n -= static_cast<std::size_t>(put);
  }
  return true;
}

// Header::body_hash: of the table and of the body but for the peripherals' bytes (`parts`, in
// order, each a view into `body`).
std::uint64_t skeleton_hash(std::string_view table, std::string_view body, const std::vector<std::string_view>& parts) {
  XXH3_state_t state;
  XXH3_64bits_reset(&state);
  XXH3_64bits_update(&state, table.data(), table.size());
  const char* at = body.data();
  for (const auto part : parts) {
    XXH3_64bits_update(&state, at, static_cast<std::size_t>(part.data() - at));
    at = part.data() + part.size();
  }
  XXH3_64bits_update(&state, at, static_cast<std::size_t>(body.data() + body.size() - at));
  return XXH3_64bits_digest(&state);
}

bool wanted(std::string_view name, const std::vector<std::string>& only) {
  return only.empty() || std::any_of(only.begin(), only.end(), [&](const std::string& o) { return iequal(name, o); });
}

// The entry's model (the peripherals in `only`, or all), if the entry is there and what is read
// of it is intact; a present but bad entry is removed.
std::optional<Device> read_entry(const std::filesystem::path& file, const Header& want, const Limits& limits,
                                 const std::vector<std::string>& only) {
  auto m = Mapped::open(file);
  if (!m) return std::nullopt;
  std::optional<Device> d;
  const auto bytes = m->bytes();
  Header h{};
  if (bytes.size() >= sizeof h) std::memcpy(&h, bytes.data(), sizeof h);
  const auto rest = bytes.size() >= sizeof h ? bytes.substr(sizeof h) : std::string_view{};
  if (same_key(h, want) && h.peripherals <= rest.size() / 8 && h.body_size == rest.size() - h.peripherals * 8) {
    const auto table = rest.substr(0, static_cast<std::size_t>(h.peripherals) * 8);
    const auto body = rest.substr(table.size());
    std::vector<std::string_view> parts;
    bool intact = true;
    d = decode(body, m, limits, [&](std::size_t i, std::string_view name, std::string_view part) {
      parts.push_back(part);
      if (i >= h.peripherals) intact = false;
      if (!intact || !wanted(name, only)) return false;
      std::uint64_t hash;
      std::memcpy(&hash, table.data() + i * 8, sizeof hash);
      intact = XXH3_64bits(part.data(), part.size()) == hash;
      return intact;
    });
    if (!intact || parts.size() != h.peripherals || skeleton_hash(table, body, parts) != h.body_hash) d.reset();
  }
  if (d) ::utimensat(AT_FDCWD, file.c_str(), nullptr, AT_SYMLINK_NOFOLLOW);  // recently used: evicted last
  else ::unlink(file.c_str());
  return d;
}

// Keeps the max_entries most recently used files of the folder whose names end in `suffix`.
void evict(const std::filesystem::path& dir, std::string_view suffix) {
  std::vector<std::pair<std::int64_t, std::string>> entries;
  if (DIR* dp = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(dp)) {
      const std::string_view n(e->d_name);
      struct stat st {};
      if (n.size() > suffix.size() && n.ends_with(suffix) && ::fstatat(::dirfd(dp), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
        entries.emplace_back(std::int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec, std::string(n));
    }
    ::closedir(dp);
  }
  if (entries.size() <= max_entries) return;
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = max_entries; i < entries.size(); ++i) ::unlink((dir / entries[i].second).c_str());
}

// `pieces` written to a file beside `name` and renamed over it, so that a reader sees no file or
// a whole one; then the oldest files like it beyond max_entries go.
void write_whole(const std::filesystem::path& dir, const std::string& name, std::initializer_list<std::string_view> pieces) {
  std::string tmp = (dir / (name + ".XXXXXX")).string();
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return;
  bool ok = true;
  for (const auto p : pieces) ok = ok && write_all(fd, p.data(), p.size());
  if (::close(fd) != 0 || !ok || ::rename(tmp.c_str(), (dir / name).c_str()) != 0) {
    ::unlink(tmp.c_str());
    return;
  }
  evict(dir, name.substr(name.rfind('.')));
}

void write_entry(const std::filesystem::path& dir, const std::string& name, Header h, const Device& d) {
  const std::string body = encode(d);
  std::vector<std::string_view> parts;
  const auto all = decode(body, nullptr, {}, [&](std::size_t, std::string_view, std::string_view part) {
    parts.push_back(part);
    return false;
  });
  if (!all) return;
  std::vector<std::uint64_t> hashes;
  for (const auto part : parts) hashes.push_back(XXH3_64bits(part.data(), part.size()));
  const std::string_view table(reinterpret_cast<const char*>(hashes.data()), hashes.size() * sizeof hashes[0]);
  h.body_size = body.size();
  h.body_hash = skeleton_hash(table, body, parts);
  h.peripherals = hashes.size();
  write_whole(dir, name, {{reinterpret_cast<const char*>(&h), sizeof h}, table, body});
}

// Where the identity of `file` is remembered; `meta`: meta_of its path and the Limits.
std::string seen_name(const detail::SvdFile& file, std::uint64_t meta) {
  const auto& id = file.identity();
  const std::uint64_t what[3] = {meta, id.dev, id.ino};
  char name[40];
  std::snprintf(name, sizeof name, "%016llx.seen", static_cast<unsigned long long>(XXH3_64bits(what, sizeof what)));
  return name;
}

// The key remembered for `file` if it is the same file, unchanged since: same device, inode and
// size, and the same change times (which a write sets, and nobody can set back the ctime).
std::optional<Header> remembered_key(const std::filesystem::path& dir, const detail::SvdFile& file, std::uint64_t meta) {
  const auto path = dir / seen_name(file, meta);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return std::nullopt;
  Seen s{};
  const bool whole = ::read(fd, &s, sizeof s) == static_cast<ssize_t>(sizeof s);
  ::close(fd);
  if (!whole || std::memcmp(s.magic, seen_magic, sizeof seen_magic) != 0 || s.version != format_version ||
      s.byte_order != byte_order_mark || s.meta != meta || !(s.identity == file.identity()))
    return std::nullopt;
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, AT_SYMLINK_NOFOLLOW);  // recently used: evicted last
  return s.key;
}

// Remembers that `file` had the content keyed `key`, unless it changed too recently: timestamps
// have a granularity (a clock tick, two seconds on FAT), and a file changed again within it
// would keep the identity remembered here with another content. Such a file is hashed at every
// load until it has not changed for settled_ns.
void remember(const std::filesystem::path& dir, const detail::SvdFile& file, const Header& key) {
  const auto& id = file.identity();
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  const std::int64_t now_ns = std::int64_t{now.tv_sec} * 1000000000 + now.tv_nsec;
  if (id.size != key.content_size || std::max(id.mtime_ns, id.ctime_ns) > now_ns - settled_ns || !file.unchanged()) return;
  Seen s{};
  std::memcpy(s.magic, seen_magic, sizeof seen_magic);
  s.version = format_version;
  s.byte_order = byte_order_mark;
  s.meta = key.meta;
  s.identity = id;
  s.key = key;
  write_whole(dir, seen_name(file, key.meta), {{reinterpret_cast<const char*>(&s), sizeof s}});
}

// A folder only this user can write to: made 0700 when missing.
bool private_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir.parent_path(), ec);
  ::mkdir(dir.c_str(), 0700);
  struct stat st {};
  return ::lstat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid() && (st.st_mode & 022) == 0;
}

}  // namespace

std::optional<std::filesystem::path> cache_dir() {
  std::filesystem::path dir;
  if (const char* set = std::getenv("UIOKIT_SVD_CACHE")) {
    if (!*set || std::string_view(set) == "off") return std::nullopt;
    dir = set;
  } else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
    dir = std::filesystem::path(xdg) / "uiokit" / "svd";
  } else if (const char* home = std::getenv("HOME"); home && *home == '/') {
    dir = std::filesystem::path(home) / ".cache" / "uiokit" / "svd";
  } else {
    return std::nullopt;
  }
  if (!private_dir(dir)) return std::nullopt;
  return dir;
}

// A miss hashes the file a second time, from the buffer it parses, so that the entry it writes
// is keyed by the very bytes its model came from even if the file changed in between.
Device load_cached(const std::filesystem::path& path, const Limits& limits, const std::vector<std::string>& only) {
  const detail::SvdFile file(path);
  std::optional<std::filesystem::path> dir;
  if (file.regular_size() >= min_cached_size) dir = cache_dir();
  if (dir) {
    auto key = remembered_key(*dir, file, meta_of(path.string(), limits));
    const bool hashed = !key;
    if (hashed) key = streamed_key(file, limits);
    if (key)
      if (auto d = read_entry(*dir / entry_name(*key), *key, limits, only)) {
        if (hashed) remember(*dir, file, *key);
        return std::move(*d);
      }
  }
  auto f = file.read_all();
  if (!dir || f.size < min_cached_size) return detail::parse_in_place(f, path.string(), limits);
  const Header key = header_for({f.buf.get(), f.size}, path.string(), limits);
  Device d = detail::parse_in_place(f, path.string(), limits);
  write_entry(*dir, entry_name(key), key, d);
  remember(*dir, file, key);
  return d;
}

#endif

}  // namespace uiokit::svd
