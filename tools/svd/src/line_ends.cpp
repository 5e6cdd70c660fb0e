// SPDX-License-Identifier: MIT
// Where a text's lines end (reader.hpp: LineEnds).
//
// A vendor file of megabytes has a hundred thousand lines or more, and the reader notes them all
// before its in-place parse overwrites some of them. As a list of offsets they would cost a call
// of memchr and eight bytes per line; as a bit per byte they take an eighth of the text, are
// written 64 bytes at a time (SSE2 compares where the target has them, else eight bytes at a
// time in a 64-bit word), and give a place's line from a block's count and a few popcounts.
#include <algorithm>
#include <bit>
#include <cstring>

#include "reader.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace uiokit::svd::detail {

namespace {

// Bit i set where p[i] is '\n', for the 64 bytes at p.
std::uint64_t newline_bits(const char* p) {
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  std::uint64_t m = 0;
  for (unsigned k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    m |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)))} << (16 * k);
  }
  return m;
#else
  std::uint64_t m = 0;
  if constexpr (std::endian::native == std::endian::little) {
    // Per eight bytes: 0x80 in each byte that equals '\n' (exactly, with no carry between
    // bytes), then those eight bits gathered into one byte by a multiplication.
    constexpr std::uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL, nl = 0x0a0a0a0a0a0a0a0aULL;
    for (unsigned k = 0; k < 8; ++k) {
      std::uint64_t x;
      std::memcpy(&x, p + 8 * k, 8);
      const std::uint64_t y = x ^ nl;
      const std::uint64_t zero = ~(((y & low7) + low7) | y | low7);
      m |= (((zero >> 7) * 0x0102040810204080ULL) >> 56) << (8 * k);
    }
  } else {
    for (unsigned k = 0; k < 64; ++k) m |= std::uint64_t{p[k] == '\n'} << k;
  }
  return m;
#endif
}

// The bits set in x, inline: std::popcount is a call into libgcc where the target's baseline
// has no popcount instruction (x86-64 before -mpopcnt), and the text has a word per 64 bytes.
constexpr unsigned ones(std::uint64_t x) {
#if defined(__POPCNT__)
  return static_cast<unsigned>(std::popcount(x));
#else
  x -= (x >> 1) & 0x5555555555555555ULL;
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
  return static_cast<unsigned>((x * 0x0101010101010101ULL) >> 56);
#endif
}

}  // namespace

LineEnds::LineEnds(std::string_view text) : size_(text.size()), noted_(true) {
  const std::size_t n = (size_ + 63) / 64;
  if (n == 0) return;
  bits_ = allocate_bytes(n * sizeof(std::uint64_t));
  auto* w = reinterpret_cast<std::uint64_t*>(bits_.get());
  const std::size_t whole = size_ / 64;
  for (std::size_t i = 0; i < whole; ++i) w[i] = newline_bits(text.data() + 64 * i);
  if (whole < n) {
    char last[64] = {};
    std::memcpy(last, text.data() + 64 * whole, size_ - 64 * whole);
    w[whole] = newline_bits(last);
  }
}

// The counts are what a line number needs, and a file that loads without a message needs none:
// they are made when the first line is asked for.
void LineEnds::count_lines() const {
  const std::size_t n = (size_ + 63) / 64;
  before_.resize((n + block_words - 1) / block_words);
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i % block_words == 0) before_[i / block_words] = count;
    count += ones(words()[i]);
  }
}

std::size_t LineEnds::line_of(std::size_t offset) const {
  offset = std::min(offset, size_);
  if (size_ == 0) return 1;  // no text
  if (before_.empty()) count_lines();
  // word is the text's word count when offset is its end
  const std::size_t word = offset / 64, block = std::min(word / block_words, before_.size() - 1);
  std::size_t count = before_[block];
  for (std::size_t i = block * block_words; i < word; ++i) count += ones(words()[i]);
  if (offset % 64) count += ones(words()[word] & ((std::uint64_t{1} << (offset % 64)) - 1));
  return count + 1;
}

std::size_t LineEnds::column_of(std::size_t offset) const {
  offset = std::min(offset, size_);
  // The last '\n' before offset: in offset's own word below it, else in the nearest word before.
  std::size_t word = offset / 64;
  std::uint64_t below = offset % 64 && word < (size_ + 63) / 64 ? words()[word] & ((std::uint64_t{1} << (offset % 64)) - 1) : 0;
  while (below == 0 && word > 0) below = words()[--word];
  if (below == 0) return offset + 1;
  const std::size_t newline = 64 * word + 63 - static_cast<std::size_t>(std::countl_zero(below));
  return offset - newline;
}

}  // namespace uiokit::svd::detail
