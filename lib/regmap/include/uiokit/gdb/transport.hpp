// SPDX-License-Identifier: MIT
// Registers through a GDB stub: a window of the target's memory, gdb:HOST:PORT:mem:ADDR+SIZE or
// gdb:unix:PATH:mem:ADDR+SIZE, reached with the remote protocol's m (read) and X or M (write)
// packets. Useful before an operating system runs: at reset (QEMU -S), in a bootloader, over a
// JTAG/SWD probe (OpenOCD).
//
// Accesses. A register read is one `m ADDR,WIDTH` with ADDR aligned to WIDTH, which QEMU and
// OpenOCD perform as one access of that width; a write is one X packet (M where the stub has
// no X: QEMU). prefetch() reads a range in PacketSize-limited `m` packets and serves each byte
// once, so a dump costs a few round trips instead of one per register.
//
// Addresses. With QEMU's qqemu.PhyMemMode (absent from QEMU 7.2) the window is physical memory.
// So it is with a stub whose monitor reads and writes physical memory, as OpenOCD's does
// (`help mdw` mentions `phys`): accesses are then `monitor mdw phys ADDR COUNT` (mdb, mdh, mdd
// by width) and `monitor mww phys ADDR VALUE`, each of the width asked (src/gdb/monitor_phys.cpp).
// Otherwise an address is what the CPU sees: physical while the MMU is off, as at reset,
// virtual once an operating system runs. describe() says which.
//
// Stores through the CPU (cpu@SCRATCH in the address). QEMU 7.2's stub writes RAM and ROM but
// drops writes to device registers (it answers OK; debug writes go through
// address_space_write_rom). With store_through_cpu(), a write is done by the halted CPU itself,
// as a debugger's "execute on target" does: the store instruction of the width (STRB, STRH,
// STR) goes into the word of RAM at SCRATCH, r0 and r1 get the address and the value, pc the
// scratch word, and one single step (`s`) runs it; then r0, r1, pc and the scratch word get
// their old values back. The CPU runs that one instruction and nothing else: the target stays
// halted. 32-bit ARM in ARM state only: the target description (qXfer target.xml, which QEMU
// wants read before it answers p and P) must be ARM's, and CPSR (register 25) is read first;
// Thumb state or another architecture is refused, nothing written; a store that faults (pc not past it) is reported
// and CPSR restored too, while the abort mode's banked LR and SPSR keep what the fault left.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "uiokit/address/address.hpp"
#include "uiokit/gdb/client.hpp"
#include "uiokit/transport.hpp"

namespace uiokit::gdb {

class GdbTransport final : public Transport {
 public:
  // A window of `size` bytes at target address `base`, over a connected client. `label` names
  // the window in messages (the device address).
  GdbTransport(Client client, std::uint64_t base, std::uint64_t size, std::string label);
  ~GdbTransport() override;
  // Connects as `a` (Scheme::gdb) says.
  static std::unique_ptr<GdbTransport> open(const DeviceAddress& a, ClientOptions options = {});
  // Another window of the same target over this connection (a stub serves one debugger at a
  // time), writing with packets (no stores through the CPU). It must not outlive this one's
  // connection's users: both share the client, one request at a time.
  std::unique_ptr<GdbTransport> window(std::uint64_t base, std::uint64_t size, std::string label) const;

  std::uint64_t size() const noexcept override { return size_; }
  std::string describe() const override;
  std::optional<std::uint64_t> address() const noexcept override { return base_; }
  std::uint64_t load(std::uint64_t offset, unsigned width) override;
  void store(std::uint64_t offset, unsigned width, std::uint64_t value) override;
  void read_bytes(std::uint64_t offset, std::span<std::byte> out) override;
  void write_bytes(std::uint64_t offset, std::span<const std::byte> in) override;
  void prefetch(std::uint64_t offset, std::uint64_t length) override;

  bool physical() const noexcept { return physical_; }
  Client& client() noexcept { return *client_; }
  // Bytes per m packet and per X packet (before escaping) that fit the stub's PacketSize.
  std::size_t read_chunk() const noexcept;
  std::size_t write_chunk();
  // Whether the stub takes binary X writes (asked once, with an empty X, as gdb does).
  bool binary_writes();
  // From now on, writes are stores the CPU executes from the RAM word at `scratch` (above).
  void store_through_cpu(std::uint64_t scratch);
  std::optional<std::uint64_t> cpu_scratch() const noexcept { return cpu_scratch_; }

 private:
  void fetch(std::uint64_t offset, std::span<std::byte> out);       // one m packet
  void send(std::uint64_t offset, std::span<const std::byte> in);   // one X or M packet
  Error refused(std::string_view what, std::uint64_t offset, std::uint64_t length, const std::string& reply) const;
  void cpu_store(std::uint64_t offset, unsigned width, std::uint64_t value);        // src/gdb/cpu_store.cpp
  void check_cpu();  // reads the target description once: 32-bit ARM, and QEMU then answers p/P
  std::uint32_t cpu_register(unsigned number);
  void set_cpu_register(unsigned number, std::uint32_t value);

  GdbTransport(std::shared_ptr<Client> client, std::uint64_t base, std::uint64_t size, std::string label,
               const GdbTransport* sibling);
  bool monitor_has_phys();                                                         // src/gdb/monitor_phys.cpp
  void monitor_read(std::uint64_t offset, std::span<std::byte> out);
  void monitor_write(std::uint64_t offset, std::span<const std::byte> in);

  std::shared_ptr<Client> client_;  // shared with the windows made by window()
  std::uint64_t base_, size_;
  std::string label_;
  bool physical_ = false;
  bool owns_mode_ = false;     // this window turned qqemu.PhyMemMode on, and turns it off
  bool monitor_phys_ = false;  // physical access through the monitor (OpenOCD)
  std::optional<bool> binary_writes_;  // unknown until the first write
  std::optional<std::uint64_t> cpu_scratch_;
  bool cpu_checked_ = false;
  std::vector<std::byte> cache_;       // prefetched bytes, each served once
  std::vector<bool> cached_;
};

}  // namespace uiokit::gdb
