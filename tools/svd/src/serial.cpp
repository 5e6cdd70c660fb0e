// SPDX-License-Identifier: MIT
// Encoding and decoding of a resolved Device (uiokit/svd/serial.hpp).
#include "uiokit/svd/serial.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace uiokit::svd {
namespace {

// The smallest encodings of an element, so that a count can be checked against the bytes left
// before anything is allocated for it.
constexpr std::size_t min_enum = 4 + 4 + 8 + 8 + 1 + 1;
constexpr std::size_t min_field = 4 + 4 + 4 + 4 + 2 + 1 + 4;
constexpr std::size_t min_register = 4 + 4 + 8 + 4 + 8 + 8 + 2 + 1 + 4;
constexpr std::size_t min_peripheral = 4 + 8 + 4 + 4 + 8 + 8 + 4;

class Writer {
 public:
  template <class T>
  void num(T v) {
    static_assert(std::is_integral_v<T> || std::is_enum_v<T>);
    char b[sizeof v];
    std::memcpy(b, &v, sizeof v);
    out_.append(b, sizeof v);
  }
  void u8(unsigned v) { out_.push_back(static_cast<char>(v)); }
  void str(std::string_view s) {
    num(static_cast<std::uint32_t>(s.size()));
    out_.append(s);
  }
  void raw(std::string_view s) { out_.append(s); }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return at_ == in_.size(); }

  template <class T>
  T num() {
    T v{};
    if (!need(sizeof v)) return v;
    std::memcpy(&v, in_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  unsigned u8() { return need(1) ? static_cast<unsigned char>(in_[at_++]) : 0; }
  // An enumeration stored in one byte; a value past `last` makes the whole decode fail.
  template <class E>
  E token(E last) {
    const unsigned v = u8();
    if (v > static_cast<unsigned>(last)) ok_ = false;
    return ok_ ? static_cast<E>(v) : E{};
  }
  std::string_view view() { return bytes(num<std::uint32_t>()); }
  std::string_view bytes(std::uint64_t n) {
    if (!need(n)) return {};
    const auto s = in_.substr(at_, static_cast<std::size_t>(n));  // need(): n fits what is left
    at_ += s.size();
    return s;
  }
  std::string str() { return std::string(view()); }
  // A count of elements each at least `each` bytes long, refused if the rest cannot hold them.
  std::uint32_t count(std::size_t each) {
    const auto n = num<std::uint32_t>();
    if (ok_ && n > (in_.size() - at_) / each) ok_ = false;
    return ok_ ? n : 0;
  }
  void fail() { ok_ = false; }

 private:
  bool need(std::uint64_t n) {
    if (ok_ && n > in_.size() - at_) ok_ = false;
    return ok_;
  }
  std::string_view in_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

void put(Writer& w, const EnumValue& e) {
  w.str(e.name);
  w.str(e.description);
  w.num(e.value);
  w.num(e.mask);
  w.u8(e.is_default ? 1 : 0);
  w.u8(static_cast<unsigned>(e.usage));
}

// Only an access the reader could produce: a permission of its tokens, an action of each kind.
Access get_access(Reader& r) {
  const auto v = r.num<std::uint16_t>();
  const auto a = static_cast<Access>(v);
  const auto base = reg::base_of(a);
  const bool known_base = base == Access::ro || base == Access::wo || base == Access::rw || base == Access::wo_once ||
                          base == Access::rw_once;
  if (!known_base || reg::on_write(a) > OnWrite::modifies || reg::on_read(a) > OnRead::modifies_external ||
      a != reg::with(base, reg::on_write(a), reg::on_read(a)))
    r.fail();
  return a;
}

void put(Writer& w, const Field& f) {
  w.str(f.name);
  w.str(f.description);
  w.num(static_cast<std::uint32_t>(f.lsb));
  w.num(static_cast<std::uint32_t>(f.width));
  w.num(f.access);
  w.u8(static_cast<unsigned>(f.encoding));
  w.num(static_cast<std::uint32_t>(f.enums.size()));
  for (const auto& e : f.enums) put(w, e);
}

void put(Writer& w, const Register& r) {
  w.str(r.name);
  w.str(r.description);
  w.num(r.offset);
  w.num(static_cast<std::uint32_t>(r.size));
  w.num(r.reset_value);
  w.num(r.reset_mask);
  w.num(r.access);
  w.u8(static_cast<unsigned>(r.endian));
  w.num(static_cast<std::uint32_t>(r.fields.size()));
  for (const auto& f : r.fields) put(w, f);
}

EnumValue get_enum(Reader& r) {
  EnumValue e;
  e.name = r.str();
  e.description = r.view();
  e.value = r.num<std::uint64_t>();
  e.mask = r.num<std::uint64_t>();
  const unsigned d = r.u8();
  if (d > 1) r.fail();
  e.is_default = d == 1;
  e.usage = r.token(Usage::read_write);
  return e;
}

Field get_field(Reader& r, unsigned reg_bits) {
  Field f;
  f.name = r.str();
  f.description = r.view();
  f.lsb = r.num<std::uint32_t>();
  f.width = r.num<std::uint32_t>();
  // As the reader leaves every field: inside its register (it clips those reaching past).
  if (f.width == 0 || f.lsb >= reg_bits || f.width > reg_bits - f.lsb) r.fail();
  f.access = get_access(r);
  f.encoding = r.token(reg::Encoding::enumerated);
  const auto n = r.count(min_enum);
  f.enums.reserve(n);
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) f.enums.push_back(get_enum(r));
  return f;
}

Register get_register(Reader& r) {
  Register g;
  g.name = r.str();
  g.description = r.view();
  g.offset = r.num<std::uint64_t>();
  g.size = r.num<std::uint32_t>();
  if (g.size != 8 && g.size != 16 && g.size != 32 && g.size != 64) r.fail();
  g.reset_value = r.num<std::uint64_t>();
  g.reset_mask = r.num<std::uint64_t>();
  g.access = get_access(r);
  g.endian = r.token(mmio::Endian::big);
  const auto n = r.count(min_field);
  g.fields.reserve(n);
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) g.fields.push_back(get_field(r, g.size));
  return g;
}

// A peripheral but for its name (which the encoding keeps before the size of the rest).
void put(Writer& w, const Peripheral& p) {
  w.str(p.description);
  w.str(p.group);
  w.num(p.base);
  w.num(p.block_size);
  w.num(static_cast<std::uint32_t>(p.registers.size()));
  for (const auto& r : p.registers) put(w, r);
}

// One peripheral from its bytes (all of them, or it fails).
Peripheral get_peripheral(std::string_view name, std::string_view bytes, std::size_t& registers, std::size_t& elements,
                          bool& ok) {
  Reader r(bytes);
  Peripheral p;
  p.name = std::string(name);
  p.description = r.view();
  p.group = r.view();
  p.base = r.num<std::uint64_t>();
  p.block_size = r.num<std::uint64_t>();
  const auto nr = r.count(min_register);
  p.registers.reserve(nr);
  for (std::uint32_t k = 0; k < nr && r.ok(); ++k) {
    p.registers.push_back(get_register(r));
    ++registers;
    ++elements;
    for (const auto& f : p.registers.back().fields) elements += 1 + f.enums.size();
  }
  ok = r.ok() && r.at_end();
  return p;
}

}  // namespace

std::string encode(const Peripheral& p) {
  Device d;
  d.peripherals.push_back(p);
  return encode(d);
}

std::string encode(const Device& d) {
  Writer w;
  w.str(d.name);
  w.str(d.version);
  w.str(d.description);
  w.str(d.source);
  w.num(static_cast<std::uint32_t>(d.warnings.size()));
  for (const auto& s : d.warnings) w.str(s);
  w.num(static_cast<std::uint32_t>(d.peripherals.size()));
  for (const auto& p : d.peripherals) {
    w.str(p.name);
    Writer rest;
    put(rest, p);
    const std::string bytes = rest.take();
    w.num(static_cast<std::uint64_t>(bytes.size()));
    w.raw(bytes);
  }
  return w.take();
}

std::optional<Device> decode(std::string_view bytes, std::shared_ptr<const void> owner, const Limits& limits,
                             const Keep& keep) {
  Reader r(bytes);
  Device d;
  d.name = r.str();
  d.version = r.str();
  d.description = r.view();
  d.source = r.str();
  const auto nw = r.count(4);
  for (std::uint32_t i = 0; i < nw && r.ok(); ++i) d.warnings.push_back(r.str());
  const auto np = r.count(min_peripheral);
  if (!keep) d.peripherals.reserve(np);
  std::size_t registers = 0, elements = 0;
  bool ok = true;
  for (std::uint32_t i = 0; i < np && r.ok() && ok; ++i) {
    const auto name = r.view();
    const auto rest = r.bytes(r.num<std::uint64_t>());
    if (r.ok() && (!keep || keep(i, name, rest))) d.peripherals.push_back(get_peripheral(name, rest, registers, elements, ok));
  }
  if (!ok || !r.ok() || !r.at_end() || registers > limits.max_registers || elements > limits.max_elements) return std::nullopt;
  d.storage.push_back(std::move(owner));
  return d;
}

}  // namespace uiokit::svd
