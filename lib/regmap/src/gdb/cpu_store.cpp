// SPDX-License-Identifier: MIT
// Stores the halted CPU executes for the GDB transport (cpu@SCRATCH): the why and the rules are
// in uiokit/gdb/transport.hpp. Register numbers are GDB's for 32-bit ARM (r0..r15 are 0..15,
// CPSR is 25), which QEMU's and OpenOCD's ARM targets use.
#include <array>
#include <cstdio>
#include <cstring>

#include "uiokit/gdb/transport.hpp"

namespace uiokit::gdb {

namespace {

constexpr unsigned r0 = 0, r1 = 1, pc = 15, cpsr = 25;
constexpr std::uint32_t cpsr_thumb = 1u << 5, cpsr_jazelle = 1u << 24, cpsr_big_endian = 1u << 9;

// The store of each width, from r1 to [r0], condition "always": STRB r1,[r0]; STRH r1,[r0];
// STR r1,[r0] (ARM DDI 0406, A8.8.204, A8.8.207, A8.8.218).
std::uint32_t store_instruction(unsigned width) {
  switch (width) {
    case 1: return 0xe5c01000;
    case 2: return 0xe1c010b0;
    case 4: return 0xe5801000;
    default: return 0;
  }
}

// A word in the target's byte order: little-endian (big-endian data is refused).
std::array<std::byte, 4> le32(std::uint32_t v) {
  return {std::byte(v), std::byte(v >> 8), std::byte(v >> 16), std::byte(v >> 24)};
}

std::string register_name(unsigned n) {
  if (n == pc) return "pc";
  if (n == cpsr) return "cpsr";
  return "r" + std::to_string(n);
}

}  // namespace

void GdbTransport::store_through_cpu(std::uint64_t scratch) {
  if (scratch % 4 != 0 || scratch > 0xfffffffcull)
    throw Error(Errc::invalid_argument, label_, "cpu@" + hex(scratch) + ": the scratch word must be a word-aligned 32-bit address");
  cpu_scratch_ = scratch;
}

void GdbTransport::check_cpu() {
  if (cpu_checked_) return;
  // The target description, as gdb reads it first: QEMU answers p and P only to a client that
  // has read it. Its architecture must be 32-bit ARM.
  std::string xml;
  for (;;) {
    char packet[64];
    std::snprintf(packet, sizeof packet, "qXfer:features:read:target.xml:%zx,%zx", xml.size(), std::size_t{0x400});
    const auto reply = client_->request(packet);
    if (reply.empty() || (reply[0] != 'm' && reply[0] != 'l')) break;  // no description: registers decide
    xml += reply.substr(1);
    if (reply[0] == 'l') break;
  }
  const bool arm = xml.find("arm-core") != std::string::npos || xml.find("org.gnu.gdb.arm.core") != std::string::npos;
  if (!xml.empty() && (!arm || xml.find("aarch64") != std::string::npos))
    throw Error(Errc::unsupported, describe(), "the target is not a 32-bit ARM CPU (its description: " + summarize(xml) + "); nothing written",
                {}, 0, "stores through the CPU run an ARM store instruction");
  cpu_checked_ = true;
}

std::uint32_t GdbTransport::cpu_register(unsigned number) {
  char packet[8];
  std::snprintf(packet, sizeof packet, "p%x", number);
  const auto reply = client_->request(packet);
  const auto bytes = from_hex(reply);
  if (!bytes || bytes->size() != 4)
    throw Error(reply.empty() ? Errc::unsupported : Errc::io_failed, describe(),
                "reading register " + register_name(number) + " for a store through the CPU: the stub answered " +
                    (reply.empty() ? std::string("that it has no such register") : summarize(reply)),
                {}, 0, "cpu@ needs a 32-bit ARM target (r0, r1, pc and cpsr as registers 0, 1, 15 and 25)");
  std::uint32_t v = 0;
  for (unsigned i = 0; i < 4; ++i) v |= std::uint32_t{static_cast<unsigned char>((*bytes)[i])} << (8 * i);
  return v;
}

void GdbTransport::set_cpu_register(unsigned number, std::uint32_t value) {
  char head[8];
  std::snprintf(head, sizeof head, "P%x=", number);
  const auto reply = client_->request(head + to_hex(le32(value)));
  if (reply != "OK")
    throw Error(Errc::io_failed, describe(),
                "writing register " + register_name(number) + " for a store through the CPU: the stub answered " +
                    (reply.empty() ? std::string("that it cannot") : summarize(reply)));
}

void GdbTransport::cpu_store(std::uint64_t offset, unsigned width, std::uint64_t value) {
  const std::uint64_t target = base_ + offset;
  const std::uint32_t insn = store_instruction(width);
  if (insn == 0)
    throw Error(Errc::bad_width, describe(), std::to_string(width * 8) + "-bit stores through the CPU are not done (8, 16 or 32 bits)",
                target);
  if (target % width != 0)
    throw Error(Errc::misaligned, describe(), "a store through the CPU must be aligned to its width", target);
  if (target + width - 1 > 0xffffffffull)
    throw Error(Errc::out_of_range, describe(), "a store through the CPU reaches 32-bit addresses only", target);
  const std::uint64_t scratch = *cpu_scratch_;
  check_cpu();
  const std::uint32_t status = cpu_register(cpsr);
  if (status & (cpsr_thumb | cpsr_jazelle))
    throw Error(Errc::unsupported, describe(), "the CPU is not in ARM state (CPSR " + hex(status) + "); nothing written", target);
  if (status & cpsr_big_endian)
    throw Error(Errc::unsupported, describe(), "the CPU's data is big-endian (CPSR.E); nothing written", target);

  // What the store changes, saved before anything is written.
  const std::uint32_t saved_r0 = cpu_register(r0), saved_r1 = cpu_register(r1), saved_pc = cpu_register(pc);
  std::array<std::byte, 4> saved_word{};
  fetch(scratch - base_, saved_word);

  auto restore = [&] {
    set_cpu_register(r0, saved_r0);
    set_cpu_register(r1, saved_r1);
    set_cpu_register(pc, saved_pc);
    set_cpu_register(cpsr, status);
    send(scratch - base_, saved_word);
  };
  std::string fault;
  try {
    send(scratch - base_, le32(insn));
    set_cpu_register(r0, static_cast<std::uint32_t>(target));
    set_cpu_register(r1, static_cast<std::uint32_t>(value));
    set_cpu_register(pc, static_cast<std::uint32_t>(scratch));
    const auto stop = client_->request("s");
    if (stop.empty() || (stop[0] != 'T' && stop[0] != 'S'))
      fault = "the single step was answered " + (stop.empty() ? std::string("with nothing") : summarize(stop));
    else if (const auto after = cpu_register(pc); after != scratch + 4)
      fault = "the store faulted: pc went to " + hex(after) + ", not past the store at " + hex(scratch);
  } catch (const Error& e) {
    try { restore(); } catch (const Error&) {}
    throw Error(e.code(), e.subject(), e.detail() + " (while storing " + hex(value) + " to " + hex(target) + " through the CPU)",
                target, e.sys_errno(), e.hint());
  }
  restore();
  if (!fault.empty())
    throw Error(Errc::io_failed, describe(), "storing " + hex(value) + ": " + fault, target, 0,
                "the address must be one the CPU can store to with the MMU as it is now");
}

}  // namespace uiokit::gdb
