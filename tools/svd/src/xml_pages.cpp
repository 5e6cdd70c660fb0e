// SPDX-License-Identifier: MIT
// Memory for the parse of a large file's XML (reader.hpp: XmlPages).
//
// pugixml keeps a document's nodes in pages of about 32 KiB that it takes through two
// process-wide functions (pugi::set_memory_management_functions). For a vendor file of megabytes
// those pages fill as many megabytes of fresh heap, a page fault per 4 KiB. While a thread
// parses a large file, its pugixml pages come instead from mappings of 2 MiB that ask for
// transparent huge pages (allocate_bytes), a fault per 2 MiB; they are unmapped together when
// the document is gone.
//
// The functions are installed the first time a large file is parsed, and forward everything
// else to the functions that were installed before them: another thread's documents, and a
// program's own, are served as they were. A program that installs its own functions after that
// keeps working; the reader then parses with ordinary pages.
#include <pugixml.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <vector>

#include "reader.hpp"

namespace uiokit::svd::detail {

namespace {

constexpr std::size_t chunk_size = std::size_t{2} << 20;
constexpr std::size_t alignment = alignof(std::max_align_t);

pugi::allocation_function next_allocate = nullptr;
pugi::deallocation_function next_deallocate = nullptr;
thread_local XmlPages* active = nullptr;

// The chunks of every XmlPages alive, so that a deallocation knows whose memory it is given.
std::mutex chunks_mutex;
std::vector<std::pair<const char*, std::size_t>> live_chunks;
std::atomic<std::size_t> live_count{0};

bool in_live_chunk(const void* p) {
  if (live_count.load(std::memory_order_acquire) == 0) return false;
  const std::lock_guard lock(chunks_mutex);
  const auto* c = static_cast<const char*>(p);
  return std::any_of(live_chunks.begin(), live_chunks.end(), [&](const auto& k) { return c >= k.first && c < k.first + k.second; });
}

void* allocate(std::size_t n) {
  if (active) return active->take(n);
  return next_allocate(n);
}

// An XmlPages's memory goes with it, in one piece.
void deallocate(void* p) {
  if (!in_live_chunk(p)) next_deallocate(p);
}

std::once_flag installed;

bool ours_installed() {
  std::call_once(installed, [] {
    next_allocate = pugi::get_memory_allocation_function();
    next_deallocate = pugi::get_memory_deallocation_function();
    pugi::set_memory_management_functions(allocate, deallocate);
  });
  return pugi::get_memory_allocation_function() == allocate;
}

}  // namespace

XmlPages::~XmlPages() {
  if (chunks_.empty()) return;
  const std::lock_guard lock(chunks_mutex);
  for (const auto& c : chunks_) {
    const char* p = c.first.get();
    live_chunks.erase(std::remove_if(live_chunks.begin(), live_chunks.end(), [&](const auto& k) { return k.first == p; }), live_chunks.end());
  }
  live_count.store(live_chunks.size(), std::memory_order_release);
}

void* XmlPages::take(std::size_t n) {
  n = (n + alignment - 1) / alignment * alignment;
  if (n > left_ && current_ + 1 < chunks_.size() && chunks_[current_ + 1].second >= n) {  // rewound
    ++current_;
    next_ = chunks_[current_].first.get();
    left_ = chunks_[current_].second;
  }
  if (n > left_) {
    // pugixml expects a null pointer, not an exception, when memory runs out; a chunk is listed
    // as live only once this XmlPages holds it, so that no failure leaves a stale range behind.
    const std::size_t size = std::max(n, chunk_size);
    try {
      chunks_.reserve(chunks_.size() + 1);
      const std::lock_guard lock(chunks_mutex);
      live_chunks.reserve(live_chunks.size() + 1);
      chunks_.emplace_back(allocate_bytes(size), size);
      live_chunks.emplace_back(chunks_.back().first.get(), size);
      live_count.store(live_chunks.size(), std::memory_order_release);
    } catch (const std::bad_alloc&) {
      return nullptr;
    }
    current_ = chunks_.size() - 1;
    next_ = chunks_.back().first.get();
    left_ = size;
  }
  char* at = next_;
  next_ += n;
  left_ -= n;
  return at;
}

void XmlPages::rewind() {
  current_ = 0;
  next_ = chunks_.empty() ? nullptr : chunks_.front().first.get();
  left_ = chunks_.empty() ? 0 : chunks_.front().second;
}

XmlPages::Use::Use(XmlPages& pages, std::size_t text_size) {
  if ((pages.any_size || text_size >= large_text) && !active && ours_installed()) {
    active = &pages;
    on_ = true;
  }
}

XmlPages::Use::~Use() {
  if (on_) active = nullptr;
}

}  // namespace uiokit::svd::detail
