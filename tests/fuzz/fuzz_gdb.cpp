// SPDX-License-Identifier: MIT
// libFuzzer harness: the GDB remote protocol's packet reader and decoders (uiokit/gdb/rsp.hpp),
// which read whatever a stub, or something pretending to be one, sends. Besides not crashing:
// a packet framed by frame() reads back as itself, and escaped binary data unescapes to itself.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "uiokit/gdb/rsp.hpp"

using uiokit::gdb::PacketReader;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  // The stream in two pieces, split where the first byte says, as reads from a socket come.
  PacketReader reader(256);
  const std::size_t cut = size ? data[0] % (size + 1) : 0;
  for (std::string_view piece : {in.substr(0, cut), in.substr(cut)}) {
    std::size_t used = 0;
    while (auto ev = reader.feed(piece, used)) {
      piece.remove_prefix(used);
      if (ev->kind != PacketReader::Event::Kind::packet) continue;
      if (ev->payload.size() > 256) __builtin_trap();
      if (auto text = uiokit::gdb::expand_rle(ev->payload)) (void)uiokit::gdb::from_hex(*text);
    }
  }
  const auto bytes = std::as_bytes(std::span(data, size));
  const std::string escaped = uiokit::gdb::escape_binary(bytes);
  if (escaped.size() != uiokit::gdb::escaped_size(bytes)) __builtin_trap();
  std::string back;
  for (std::size_t i = 0; i < escaped.size(); ++i) back += escaped[i] == '}' ? static_cast<char>(escaped[++i] ^ 0x20) : escaped[i];
  if (back != in) __builtin_trap();
  // frame() then the reader: the escaped payload comes back unchanged.
  PacketReader again(escaped.size() + 1);
  const std::string framed = uiokit::gdb::frame(escaped);
  std::size_t used = 0;
  auto ev = again.feed(framed, used);
  if (!ev || ev->kind != PacketReader::Event::Kind::packet || ev->payload != escaped) __builtin_trap();
  return 0;
}
