// SPDX-License-Identifier: MIT
// MMIO accessors: the readb..readq / writeb..writeq family over a mapped address.
//
// Each accessor is one volatile load or store of exactly the requested width: the compiler may
// neither split, merge, widen nor drop it, which is what a device register needs. Two flavours,
// as in Linux:
//   read32_relaxed / write32_relaxed   the access alone (Linux readl_relaxed/writel_relaxed);
//   readl / writel                     ordered against normal memory, so that a DMA descriptor
//                                      written to RAM is visible to the device before the doorbell
//                                      write, and a DMA buffer is read only after the status read.
// Big-endian variants swap on a little-endian CPU (ioread32be). On 32-bit ARM a 64-bit access is
// two 32-bit accesses, low word first (Linux's lo_hi_readq): the bus cannot do better.
#pragma once

#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>

namespace uiokit::mmio {

// ---- barriers ------------------------------------------------------------------------------
// mb/rmb/wmb order all memory accesses, MMIO included (Linux mb()/rmb()/wmb()).
// dma_rmb/dma_wmb order accesses to coherent DMA memory among themselves (cheaper on ARM).
inline void compiler_barrier() noexcept { asm volatile("" ::: "memory"); }

#if defined(__x86_64__) || defined(__i386__)
inline void mb() noexcept { asm volatile("mfence" ::: "memory"); }
inline void rmb() noexcept { asm volatile("lfence" ::: "memory"); }
inline void wmb() noexcept { asm volatile("sfence" ::: "memory"); }
// x86 keeps loads with loads and stores with stores for write-back memory (TSO).
inline void dma_rmb() noexcept { compiler_barrier(); }
inline void dma_wmb() noexcept { compiler_barrier(); }
#elif defined(__arm__) && defined(__ARM_ARCH) && __ARM_ARCH >= 7
// ARMv7: DSB waits for completion (needed before a device sees MMIO after RAM writes);
// DMB orders within the outer-shareable domain, enough between coherent DMA memory accesses.
inline void mb() noexcept { asm volatile("dsb sy" ::: "memory"); }
inline void rmb() noexcept { asm volatile("dsb sy" ::: "memory"); }
inline void wmb() noexcept { asm volatile("dsb st" ::: "memory"); }
inline void dma_rmb() noexcept { asm volatile("dmb osh" ::: "memory"); }
inline void dma_wmb() noexcept { asm volatile("dmb oshst" ::: "memory"); }
#elif defined(__aarch64__)
inline void mb() noexcept { asm volatile("dsb sy" ::: "memory"); }
inline void rmb() noexcept { asm volatile("dsb ld" ::: "memory"); }
inline void wmb() noexcept { asm volatile("dsb st" ::: "memory"); }
inline void dma_rmb() noexcept { asm volatile("dmb oshld" ::: "memory"); }
inline void dma_wmb() noexcept { asm volatile("dmb oshst" ::: "memory"); }
#else
inline void mb() noexcept { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
inline void rmb() noexcept { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
inline void wmb() noexcept { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
inline void dma_rmb() noexcept { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
inline void dma_wmb() noexcept { __atomic_thread_fence(__ATOMIC_RELEASE); }
#endif

// ---- relaxed accesses ----------------------------------------------------------------------
template <class T>
concept MmioWord = std::same_as<T, std::uint8_t> || std::same_as<T, std::uint16_t> ||
                   std::same_as<T, std::uint32_t> || std::same_as<T, std::uint64_t>;

template <MmioWord T>
[[nodiscard]] inline T load(const volatile void* addr) noexcept {
#if defined(__arm__)
  if constexpr (sizeof(T) == 8) {
    auto p = static_cast<const volatile std::uint32_t*>(addr);
    std::uint64_t lo = p[0];
    std::uint64_t hi = p[1];
    return static_cast<T>(lo | (hi << 32));
  } else
#endif
    return *static_cast<const volatile T*>(addr);
}

template <MmioWord T>
inline void store(volatile void* addr, T value) noexcept {
#if defined(__arm__)
  if constexpr (sizeof(T) == 8) {
    auto p = static_cast<volatile std::uint32_t*>(addr);
    p[0] = static_cast<std::uint32_t>(value);
    p[1] = static_cast<std::uint32_t>(value >> 32);
  } else
#endif
    *static_cast<volatile T*>(addr) = value;
}

template <MmioWord T>
[[nodiscard]] constexpr T byteswap(T v) noexcept {
  if constexpr (sizeof(T) == 1) return v;
  else if constexpr (sizeof(T) == 2) return static_cast<T>(__builtin_bswap16(v));
  else if constexpr (sizeof(T) == 4) return static_cast<T>(__builtin_bswap32(v));
  else return static_cast<T>(__builtin_bswap64(v));
}

// Device byte order to CPU byte order.
enum class Endian { little, big };

template <MmioWord T>
[[nodiscard]] constexpr T from_device(T v, Endian e) noexcept {
  const bool swap = (e == Endian::big) != (std::endian::native == std::endian::big);
  return swap ? byteswap(v) : v;
}

// Big-endian device word to and from the CPU's order.
template <MmioWord T>
[[nodiscard]] constexpr T byteswap_if_le(T v) noexcept {
  return from_device(v, Endian::big);
}

inline std::uint8_t read8_relaxed(const volatile void* a) noexcept { return load<std::uint8_t>(a); }
inline std::uint16_t read16_relaxed(const volatile void* a) noexcept { return load<std::uint16_t>(a); }
inline std::uint32_t read32_relaxed(const volatile void* a) noexcept { return load<std::uint32_t>(a); }
inline std::uint64_t read64_relaxed(const volatile void* a) noexcept { return load<std::uint64_t>(a); }
inline void write8_relaxed(volatile void* a, std::uint8_t v) noexcept { store(a, v); }
inline void write16_relaxed(volatile void* a, std::uint16_t v) noexcept { store(a, v); }
inline void write32_relaxed(volatile void* a, std::uint32_t v) noexcept { store(a, v); }
inline void write64_relaxed(volatile void* a, std::uint64_t v) noexcept { store(a, v); }

// ---- ordered accesses (Linux semantics: barrier after a read, before a write) ---------------
template <MmioWord T>
[[nodiscard]] inline T read_ordered(const volatile void* a) noexcept {
  T v = load<T>(a);
  dma_rmb();  // later reads of DMA memory must not pass this register read
  return v;
}
template <MmioWord T>
inline void write_ordered(volatile void* a, T v) noexcept {
  wmb();  // earlier writes to DMA memory reach memory before the device is told
  store(a, v);
}

inline std::uint8_t readb(const volatile void* a) noexcept { return read_ordered<std::uint8_t>(a); }
inline std::uint16_t readw(const volatile void* a) noexcept { return read_ordered<std::uint16_t>(a); }
inline std::uint32_t readl(const volatile void* a) noexcept { return read_ordered<std::uint32_t>(a); }
inline std::uint64_t readq(const volatile void* a) noexcept { return read_ordered<std::uint64_t>(a); }
inline void writeb(std::uint8_t v, volatile void* a) noexcept { write_ordered(a, v); }
inline void writew(std::uint16_t v, volatile void* a) noexcept { write_ordered(a, v); }
inline void writel(std::uint32_t v, volatile void* a) noexcept { write_ordered(a, v); }
inline void writeq(std::uint64_t v, volatile void* a) noexcept { write_ordered(a, v); }

// Big-endian registers (Linux ioread16be/ioread32be/iowrite32be).
inline std::uint16_t readw_be(const volatile void* a) noexcept { return byteswap_if_le(readw(a)); }
inline std::uint32_t readl_be(const volatile void* a) noexcept { return byteswap_if_le(readl(a)); }
inline std::uint64_t readq_be(const volatile void* a) noexcept { return byteswap_if_le(readq(a)); }
inline void writew_be(std::uint16_t v, volatile void* a) noexcept { writew(byteswap_if_le(v), a); }
inline void writel_be(std::uint32_t v, volatile void* a) noexcept { writel(byteswap_if_le(v), a); }
inline void writeq_be(std::uint64_t v, volatile void* a) noexcept { writeq(byteswap_if_le(v), a); }

}  // namespace uiokit::mmio
