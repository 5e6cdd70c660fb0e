// SPDX-License-Identifier: MIT
// A file's bytes, read whole into memory of the reader's own (reader.hpp: FileBytes).
//
// A vendor file of megabytes is read into fresh memory, and on a machine where a page fault
// costs microseconds, faulting in a thousand 4 KiB pages is a good part of what the parse of a
// 4 MB file takes. A large buffer is therefore an anonymous mapping on a 2 MiB boundary that
// asks for transparent huge pages (MADV_HUGEPAGE, honoured in the "always" and "madvise" modes
// of /sys/kernel/mm/transparent_hugepage/enabled): the same file then takes three faults. Where
// huge pages are off, or the kernel has none free, the mapping is filled with ordinary pages, as
// the heap would be.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

#include "reader.hpp"
#include "uiokit/error.hpp"

namespace uiokit::svd::detail {

namespace {

constexpr std::size_t huge_page = std::size_t{2} << 20;
// Below this a buffer comes from the heap: a huge page would be mostly unused, and zeroing it
// would cost more than the buffer's few faults.
constexpr std::size_t mapped_from = std::size_t{512} << 10;

}  // namespace

void Unmap::operator()(char* p) const noexcept {
  if (length == 0)
    delete[] p;
  else
    ::munmap(p, length);
}

Bytes allocate_bytes(std::size_t n) {
  if (n < mapped_from) return Bytes(new char[n], Unmap{});
  // Whole huge pages: a tail in small pages would cost a fault per 4 KiB, up to 511 of them,
  // where a huge page costs one, and the kernel's zeroing of the unused part.
  const std::size_t length = (n + huge_page - 1) / huge_page * huge_page;
  // Mapped with a huge page's worth to spare, then trimmed to the 2 MiB boundary inside it.
  void* m = ::mmap(nullptr, length + huge_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) throw std::bad_alloc();
  auto* base = static_cast<char*>(m);
  const auto at = (reinterpret_cast<std::uintptr_t>(base) + huge_page - 1) & ~(huge_page - 1);
  auto* p = reinterpret_cast<char*>(at);
  if (p > base) ::munmap(base, static_cast<std::size_t>(p - base));
  if (const auto tail = static_cast<std::size_t>(base + length + huge_page - (p + length))) ::munmap(p + length, tail);
  ::madvise(p, length, MADV_HUGEPAGE);  // advice: where it is refused, ordinary pages serve
  return Bytes(p, Unmap{length});
}

namespace {

SvdFile::Identity identity_of(const struct stat& st) {
  return {st.st_dev, st.st_ino, static_cast<std::uint64_t>(st.st_size),
          std::int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec,
          std::int64_t{st.st_ctim.tv_sec} * 1000000000 + st.st_ctim.tv_nsec};
}

}  // namespace

SvdFile::SvdFile(const std::filesystem::path& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw Error(Errc::not_found, path.string(), "open the SVD file", {}, errno);
  struct stat st {};
  if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) {
    size_ = static_cast<std::size_t>(st.st_size);
    identity_ = identity_of(st);
  }
}

SvdFile::~SvdFile() { ::close(fd_); }

bool SvdFile::unchanged() const {
  struct stat st {};
  return ::fstat(fd_, &st) == 0 && identity_ == identity_of(st);
}

// From the start, in a buffer one byte larger than fstat's size, so that a regular file ends in
// a short read rather than in a grown buffer; anything else is read to its end. By offset, so
// that the cache's hash of the same descriptor needs no rewind; a pipe (`--svd /dev/stdin`)
// cannot be read so, and is read as it comes.
FileBytes SvdFile::read_all() const {
  FileBytes f;
  std::size_t size = size_ > 0 ? size_ + 1 : 0;
  f.buf = allocate_bytes(size);  // not zero-filled: it is read over
  bool by_offset = true;
  for (;;) {
    if (f.size == size) {  // larger than fstat said, or not a regular file
      const std::size_t bigger = std::max<std::size_t>(size * 2, 65536);
      auto b = allocate_bytes(bigger);
      std::copy_n(f.buf.get(), f.size, b.get());
      f.buf = std::move(b);
      size = bigger;
    }
    char* at = f.buf.get() + f.size;
    const auto n = by_offset ? ::pread(fd_, at, size - f.size, static_cast<off_t>(f.size)) : ::read(fd_, at, size - f.size);
    if (n < 0 && errno == ESPIPE && by_offset) {
      by_offset = false;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(Errc::io_failed, path_.string(), "read the SVD file", {}, errno);
    if (n == 0) break;
    f.size += static_cast<std::size_t>(n);
  }
  return f;
}

FileBytes read_file(const std::filesystem::path& path) { return SvdFile(path).read_all(); }

}  // namespace uiokit::svd::detail
