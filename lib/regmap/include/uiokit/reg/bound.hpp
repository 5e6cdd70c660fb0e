// SPDX-License-Identifier: MIT
// Bound<Block, Io>: a block's registers at a place where I/O happens (MmioIo, FakeIo).
//
//   b.write<CTRL>(CTRL::EN{1}, CTRL::DIV{4});   // the whole register: unnamed bits from write_base
//   b.write(CTRL::EN{1});                       // the same; the register is found from the field
//   b.write<CTRL::EN>(1);                       // one field, read-modify-write (Genode's write<F>)
//   b.modify(CTRL::MODE{2});                    // read-modify-write, w1c bits written as 0
//   b.read<DATA::at<3>>(); b.read<DATA>(i);     // array element, constant or checked index
//   if (!b.wait_for<STATUS::READY>(1, 20ms))    // poll a field until it has a value
//   b.wait_for<LEVEL>([](auto n) { return n > 4; }, 20ms);  // ...or until a predicate holds
//   reg::get<STATUS::READY>(b);                 // every member also as a free function, so
//                                               // driver templates need no `.template`
//   b.ordered().write<DMA_CMD::START>(1);       // the doorbell after a DMA descriptor: ordered
//                                               // as writel (OrderedIo); plain accesses are
//                                               // relaxed, as writel_relaxed
//
// A register whose read changes the device (readAction: read-to-clear, FIFO pops) is not read
// by read(), get() or modify(); read(side_effects) says that the caller means it, as the tool's
// --force does. Registers with fields that any write changes (SVD clear/set) have no safe
// read-modify-write, so modify() refuses them.
#pragma once

#include <chrono>
#include <concepts>
#include <cstddef>
#include <thread>
#include <type_traits>

#include "uiokit/mmio.hpp"
#include "uiokit/reg/array.hpp"
#include "uiokit/reg/register.hpp"

namespace uiokit::reg {

template <class R>
concept SingleRegister = RegisterType<R> && !ArrayType<R>;

struct SideEffects {};
inline constexpr SideEffects side_effects{};

// Any Io with Linux's readl/writel ordering (Bound::ordered()): a store waits for earlier
// stores to memory, so that a DMA descriptor or buffer is in RAM before the doorbell write
// tells the device to read it; a load keeps later reads of DMA memory after it, so that a
// buffer is read only after the status saying it is complete. The plain Io is the relaxed
// form (writel_relaxed): one volatile access and nothing else, which is right for registers
// that only talk to the device and is what the typed blocks compile to by default.
template <class Io>
struct OrderedIo {
  Io io;
  template <mmio::MmioWord T>
  T load(std::size_t off) const {
    const T v = io.template load<T>(off);
    mmio::dma_rmb();
    return v;
  }
  template <mmio::MmioWord T>
  void store(std::size_t off, T v) const {
    mmio::wmb();
    io.template store<T>(off, v);
  }
};

template <class B, class Io>
class Bound {
 public:
  using block = B;
  explicit Bound(Io io) : io_(io) {}
  const Io& io() const noexcept { return io_; }
  // The same registers with every access ordered against memory, as Linux's readl/writel.
  Bound<B, OrderedIo<Io>> ordered() const noexcept { return Bound<B, OrderedIo<Io>>(OrderedIo<Io>{io_}); }

  // ---- registers ----------------------------------------------------------------------------
  template <class R>
  Value<R> read() const {
    check_single<R>();
    static_assert(!read_side_effect<R>,
                  "uiokit: reading this register changes the device (readAction): read<R>(side_effects) if meant");
    return do_read<R>(R::offset);
  }
  template <class R>
  Value<R> read(SideEffects) const {
    check_single<R>();
    return do_read<R>(R::offset);
  }

  // Writes the named fields; every other bit takes write_base<R> (reset values, neutral values
  // in w1c/w1s/w0c... bits).
  template <SingleRegister R, class... Fs>
  void write(Fs... fv) {
    check_single<R>();
    do_write<R>(R::offset, fv...);
  }
  template <FieldType F, class... Fs>
  void write(F f, Fs... fs) {
    write<typename B::template owner_of<F>>(f, fs...);
  }
  template <FieldType F>
  void write(typename F::value_type v) {
    modify(F{v});
  }
  template <SingleRegister R>
  void write(Value<R> v) {
    check_single<R>();
    static_assert(can_write(R::access), "uiokit: this register is read-only: it cannot be written");
    store<R>(R::offset, v.raw());
  }
  template <SingleRegister R>
  void write_raw(typename R::word raw) {
    write<R>(Value<R>(raw));
  }

  // Read-modify-write of the named fields. Reserved bits keep what was read; w1c/w1s bits are
  // written as 0 unless named (writing back a pending 1 would clear it), w0c... bits as 1;
  // write-only fields get their reset value. One load and one store.
  template <SingleRegister R, class... Fs>
  void modify(Fs... fv) {
    check_single<R>();
    do_modify<R>(R::offset, fv...);
  }
  // modify() with the register found from the fields (all must belong to the same register).
  template <FieldType F, class... Fs>
  void modify(F f, Fs... fs) {
    modify<typename B::template owner_of<F>>(f, fs...);
  }

  // regmap_update_bits: bits in mask take val, with the same write-back rules as modify().
  template <class R>
  void update_bits(typename R::word mask, typename R::word val) {
    check_single<R>();
    check_modify<R>();
    const auto old = static_cast<typename R::word>((load<R>(R::offset) & keep<R>) | fill<R>);
    store<R>(R::offset, static_cast<typename R::word>((old & ~mask) | (val & mask)));
  }

  // ---- array elements at a run-time index (throws Error(out_of_range) past the end) ---------
  template <ArrayType A, std::convertible_to<std::size_t>... I>
    requires(sizeof...(I) == detail::depth<A>())
  Value<leaf_t<A>> read(I... index) const {
    check_member<A>();
    static_assert(!read_side_effect<leaf_t<A>>, "uiokit: reading this register changes the device (readAction)");
    return do_read<leaf_t<A>>(element_offset<A>(Index<A>{static_cast<std::size_t>(index)...}));
  }
  template <ArrayType A, class... Fs>
  void write(Index<A> index, Fs... fv) {
    check_member<A>();
    do_write<leaf_t<A>>(element_offset<A>(index), fv...);
  }
  template <ArrayType A, class... Fs>
  void modify(Index<A> index, Fs... fv) {
    check_member<A>();
    do_modify<leaf_t<A>>(element_offset<A>(index), fv...);
  }
  // One-level arrays take the index as a number.
  template <ArrayType A, class... Fs>
    requires(detail::depth<A>() == 1)
  void write(std::size_t i, Fs... fv) {
    write<A>(Index<A>{i}, fv...);
  }
  template <ArrayType A, class... Fs>
    requires(detail::depth<A>() == 1)
  void modify(std::size_t i, Fs... fv) {
    modify<A>(Index<A>{i}, fv...);
  }

  // ---- fields -------------------------------------------------------------------------------
  // One field, one read (the register is found from the field). A register without fields is
  // one field of its own: get<R>() reads its word.
  template <class F>
  value_t<F> get() const {
    if constexpr (RegisterType<F>) {
      static_assert(std::is_same_v<typename F::fields, Fields<>>,
                    "uiokit: get<R>() reads a register without fields; name one of this register's fields");
      return read<F>().raw();
    } else {
      return read<typename B::template owner_of<F>>().template get<F>();
    }
  }
  template <class F>
  bool is_set() const {
    return read<typename B::template owner_of<F>>().template is_set<F>();
  }

  // Polls F (a field, or a register without fields) until pred(value) holds or the deadline
  // passes; false on timeout. Between reads it sleeps `poll` (or yields, if zero). The value is
  // read once more at the deadline.
  template <class F, class Pred, class Clock, class Dur>
    requires std::predicate<Pred&, value_t<F>>
  [[nodiscard]] bool wait_for(Pred pred, std::chrono::time_point<Clock, Dur> deadline,
                              std::chrono::microseconds poll = {}) const {
    for (;;) {
      if (pred(get<F>())) return true;
      if (Clock::now() >= deadline) return pred(get<F>());
      if (poll.count() > 0) std::this_thread::sleep_for(poll);
      else std::this_thread::yield();
    }
  }
  template <class F, class Pred, class Rep, class Period>
    requires std::predicate<Pred&, value_t<F>>
  [[nodiscard]] bool wait_for(Pred pred, std::chrono::duration<Rep, Period> timeout,
                              std::chrono::microseconds poll = {}) const {
    return wait_for<F>(pred, std::chrono::steady_clock::now() + timeout, poll);
  }
  // Polls F until it reads `value`.
  template <class F, class Clock, class Dur>
  [[nodiscard]] bool wait_for(value_t<F> value, std::chrono::time_point<Clock, Dur> deadline,
                              std::chrono::microseconds poll = {}) const {
    return wait_for<F>([value](value_t<F> v) { return v == value; }, deadline, poll);
  }
  template <class F, class Rep, class Period>
  [[nodiscard]] bool wait_for(value_t<F> value, std::chrono::duration<Rep, Period> timeout,
                              std::chrono::microseconds poll = {}) const {
    return wait_for<F>(value, std::chrono::steady_clock::now() + timeout, poll);
  }

 private:
  template <class R>
  static constexpr void check_member() {
    static_assert(B::template contains<R>, "uiokit: this register is not in this block");
  }
  template <class R>
  static constexpr void check_single() {
    check_member<R>();
    static_assert(!ArrayType<R>, "uiokit: this register is an array: give an index (R::at<i>, or read<R>(i))");
  }
  template <class R>
  static constexpr void check_modify() {
    static_assert(can_read(R::access) && can_write(R::access),
                  "uiokit: modify needs a register that can be both read and written");
    static_assert(!read_side_effect<R>, "uiokit: modify would read a register whose read changes the device");
    static_assert(every_write_acts_mask<R> == 0,
                  "uiokit: this register has a field that every write changes (SVD clear/set): use write");
  }
  // What a read-modify-write keeps from the read, and what it puts in the bits it does not.
  template <class R>
  static constexpr auto keep = ~(zero_neutral_mask<R> | one_neutral_mask<R> | write_only_mask<R>);
  template <class R>
  static constexpr auto fill = one_neutral_mask<R> | (write_only_mask<R> & write_base<R>);

  template <class R>
  Value<R> do_read(std::size_t off) const {
    static_assert(can_read(R::access), "uiokit: this register is write-only: it cannot be read");
    return Value<R>(load<R>(off));
  }
  template <class R, class... Fs>
  void do_write(std::size_t off, Fs... fv) {
    static_assert(can_write(R::access), "uiokit: this register is read-only: it cannot be written");
    Value<R> v(static_cast<typename R::word>(write_base<R>));
    v.set(fv...);
    store<R>(off, v.raw());
  }
  template <class R, class... Fs>
  void do_modify(std::size_t off, Fs... fv) {
    check_modify<R>();
    Value<R> v(static_cast<typename R::word>((load<R>(off) & keep<R>) | fill<R>));
    v.set(fv...);
    store<R>(off, v.raw());
  }
  template <class R>
  typename R::word load(std::size_t off) const {
    return mmio::from_device(io_.template load<typename R::word>(off), R::endian);
  }
  template <class R>
  void store(std::size_t off, typename R::word v) const {
    io_.template store<typename R::word>(off, mmio::from_device(v, R::endian));
  }

  Io io_;
};

// The members as free functions: read<R>(b) needs no `.template` where b's type is dependent.
template <class B, class Io>
auto ordered(const Bound<B, Io>& b) noexcept {
  return b.ordered();
}
template <class R, class B, class Io, class... A>
auto read(const Bound<B, Io>& b, A... a) {
  return b.template read<R>(a...);
}
template <class R, class B, class Io, class... A>
void write(Bound<B, Io>& b, A... a) {
  b.template write<R>(a...);
}
template <class R, class B, class Io>
void write_raw(Bound<B, Io>& b, typename R::word raw) {
  b.template write_raw<R>(raw);
}
template <class R, class B, class Io, class... A>
void modify(Bound<B, Io>& b, A... a) {
  b.template modify<R>(a...);
}
template <class F, class B, class Io>
value_t<F> get(const Bound<B, Io>& b) {
  return b.template get<F>();
}
template <class F, class B, class Io>
bool is_set(const Bound<B, Io>& b) {
  return b.template is_set<F>();
}
template <class F, class B, class Io, class T, class... A>
[[nodiscard]] bool wait_for(const Bound<B, Io>& b, value_t<F> value, T limit, A... a) {
  return b.template wait_for<F>(value, limit, a...);
}
template <class F, class B, class Io, class Pred, class T, class... A>
  requires std::predicate<Pred&, value_t<F>>
[[nodiscard]] bool wait_for(const Bound<B, Io>& b, Pred pred, T limit, A... a) {
  return b.template wait_for<F>(pred, limit, a...);
}

}  // namespace uiokit::reg
