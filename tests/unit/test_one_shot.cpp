// SPDX-License-Identifier: MIT
// Which command lines `uiokit` answers itself (tools/one_shot.hpp): only the forms whose
// meaning under uiokit-tool's CLI11 parse is certain; everything else goes to uiokit-tool.
// tests/tools/one_shot.sh runs both programs on the same command lines and compares them.
#if __has_include("one_shot.hpp")
#include <doctest/doctest.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "one_shot.hpp"

namespace {

std::optional<uiokit::cli::OneShot> shot(std::vector<std::string> words) {
  std::vector<char*> ptrs;
  for (auto& w : words) ptrs.push_back(w.data());
  return uiokit::cli::one_shot(std::span<char* const>(ptrs.data(), ptrs.size()));
}

}  // namespace

TEST_CASE("one shot: a read or a write with reg's options is taken, every option in each of its spellings") {
  using Verb = uiokit::cli::OneShot::Verb;
  auto s = shot({"reg", "-d", "file:r.bin", "read", "0x20"});
  REQUIRE(s);
  CHECK(s->verb == Verb::read);
  CHECK(s->options.device == "file:r.bin");
  CHECK(s->words == std::vector<std::string>{"0x20"});

  s = shot({"reg", "--svd=edu", "-dfile:r.bin", "-w16", "--timeout", "250", "--dtb", "b.dtb", "--json", "--reset", "--force",
            "--be", "-n", "--keep-duplicates", "read", "EDU.STATUS", "0x24"});
  REQUIRE(s);
  CHECK(s->options.svd == "edu");
  CHECK(s->options.device == "file:r.bin");
  CHECK(s->options.width == 16);
  CHECK(s->options.timeout_ms == 250);
  CHECK(s->options.dtb == "b.dtb");
  CHECK((s->options.json && s->options.reset && s->options.force && s->options.big_endian && s->options.dry_run &&
         s->options.keep_duplicates));
  CHECK(s->words == std::vector<std::string>{"EDU.STATUS", "0x24"});

  s = shot({"reg", "--device=mem:0x1000+0x100", "--width=8", "write", "0x4", "0x7f"});
  REQUIRE(s);
  CHECK(s->verb == Verb::write);
  CHECK(s->options.width == 8);
  CHECK(s->words == std::vector<std::string>{"0x4", "0x7f"});

  s = shot({"reg", "-d", "x", "modify", "CTRL", "EN=1", "--set", "0x10", "MODE=fast", "--clear=0x1"});
  REQUIRE(s);
  CHECK(s->verb == Verb::modify);
  CHECK(s->words == std::vector<std::string>{"CTRL", "EN=1", "MODE=fast"});
  CHECK(s->set == "0x10");
  CHECK(s->clear == "0x1");

  s = shot({"reg", "-d", "x", "dump"});
  REQUIRE(s);
  CHECK(s->verb == Verb::dump);
  CHECK(s->words.empty());
  s = shot({"reg", "-d", "x", "dump", "-l64", "0x40"});
  REQUIRE(s);
  CHECK(s->length == 64);
  CHECK(s->words == std::vector<std::string>{"0x40"});
  s = shot({"reg", "-d", "x", "--svd", "pl031", "dump", "RTC", "--length", "16"});
  REQUIRE(s);
  CHECK(s->length == 16);

  // A value is the next word whatever it spells, as CLI11 takes it.
  s = shot({"reg", "--svd", "read", "-d", "write", "read", "A.B"});
  REQUIRE(s);
  CHECK(s->options.svd == "read");
  CHECK(s->options.device == "write");
}

TEST_CASE("one shot: anything else is left to uiokit-tool") {
  const std::vector<std::vector<std::string>> others = {
      {},
      {"list"},
      {"--version"},
      {"reg"},
      {"reg", "-d", "x"},
      {"reg", "-d", "x", "watch", "0x0"},
      {"reg", "-d", "x", "snapshot"},
      {"reg", "-d", "x", "modify"},                          // no target
      {"reg", "-d", "x", "modify", "--set", "1", "0x0"},     // an option before the target
      {"reg", "-d", "x", "modify", "0x0", "--set", "1", "--set", "2"},
      {"reg", "-d", "x", "modify", "0x0", "--set", "-1"},
      {"reg", "-d", "x", "modify", "0x0", "--length", "4"},  // another subcommand's option
      {"reg", "-d", "x", "dump", "0x0", "0x4"},              // two targets
      {"reg", "-d", "x", "dump", "-l", "0x40"},
      {"reg", "-d", "x", "dump", "--set", "1"},
      {"reg", "-d", "x", "dump", "-l"},
      {"reg", "--help", "read", "0x1"},
      {"reg", "-h", "read", "0x1"},
      {"reg", "-d", "x", "read"},                     // no target
      {"reg", "-d", "x", "write", "0x0"},             // no value
      {"reg", "-d", "x", "write", "0x0", "1", "2"},   // one word too many
      {"reg", "-d", "x", "read", "-1"},               // a word CLI11 may take for an option
      {"reg", "-d", "x", "read", "0x1", "--json"},    // an option after the subcommand
      {"reg", "-d", "x", "read", "list"},             // a word that could name a subcommand
      {"reg", "-d", "x", "read", "0x1", "--"},
      {"reg", "--", "read", "0x1"},
      {"reg", "-d", "x", "-d", "y", "read", "0x1"},   // given twice
      {"reg", "--json", "--json", "read", "0x1"},
      {"reg", "--json=true", "read", "0x1"},          // a flag with a value
      {"reg", "-nd", "x", "read", "0x1"},             // short flags clustered
      {"reg", "--width", "0x10", "read", "0x1"},      // a number CLI11 reads by rules of its own
      {"reg", "--timeout=5s", "read", "0x1"},
      {"reg", "--svd=", "read", "0x1"},               // an empty value
      {"reg", "--device", "-x", "read", "0x1"},
      {"reg", "--devices", "x", "read", "0x1"},       // not an option of reg
      {"reg", "-x", "read", "0x1"},
      {"reg", "-d"},
      {"reg", "-d", "gdb:localhost:1234:mem:0x0", "read", "0x0"},  // a GDB stub: uiokit-tool connects
      {"reg", "--device=gdb:unix:/run/s:mem:0x0", "write", "0x0", "1"},
      {"irq", "wait", "uio:x"},
  };
  for (const auto& words : others) {
    std::string line;
    for (const auto& w : words) line += w + " ";
    CAPTURE(line);
    CHECK_FALSE(shot(words));
  }
}
#endif
