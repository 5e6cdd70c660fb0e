// SPDX-License-Identifier: MIT
// The options of `uiokit reg` itself, written once for both programs: `uiokit-tool` declares
// them to CLI11 from this table (cmd_reg.cpp), and `uiokit` reads its one-shot command lines by
// it (one_shot.cpp), so the two cannot disagree on a name. No CLI11 here: `uiokit` links none.
#pragma once

#include <variant>

#include "reg_session.hpp"

namespace uiokit::cli {

struct RegOptionSpec {
  const char* names;  // as CLI11 takes them: "-d,--device", "--svd"
  const char* description;
  // Where the value goes; its type makes it a text option, a number (its default shown in
  // --help) or a flag.
  std::variant<std::string RegOptions::*, unsigned RegOptions::*, bool RegOptions::*> field;
};

// In the order `uiokit reg --help` lists them.
inline const RegOptionSpec reg_option_specs[] = {
    {"-d,--device", "where the registers are: uio:NAME[:mapK|:portK], pci:BDF[:barK], vfio:..., dt:/path|compatible=C, mem:ADDR[+SIZE], file:PATH[+OFF[+SIZE]], gdb:HOST:PORT|unix:PATH:mem:ADDR[+SIZE], io:PORT[+SIZE]",
     &RegOptions::device},
    {"--svd", "CMSIS-SVD description: a file, or a name from share/uiokit/svd (pl111, pl110, pl031, s3c-rtc, edu, bochs-dispi, hpet, pci-testdev)",
     &RegOptions::svd},
    {"--dtb", "for dt: addresses, a .dtb file instead of /sys/firmware/fdt", &RegOptions::dtb},
    {"--timeout", "for gdb: addresses, how long a reply may take (ms)", &RegOptions::timeout_ms},
    {"-w,--width", "access width in bits for raw offsets (8, 16, 32, 64)", &RegOptions::width},
    {"--be", "big-endian registers", &RegOptions::big_endian},
    {"--json", "print JSON", &RegOptions::json},
    {"--reset", "with --svd: show each register's reset value, and the fields that differ from theirs", &RegOptions::reset},
    {"--force", "read registers whose read has side effects (readAction)", &RegOptions::force},
    {"-n,--dry-run", "compute and print what would be written; write nothing", &RegOptions::dry_run},
    {"--keep-duplicates", "an SVD file naming a register, field or peripheral twice: keep the first (warned) instead of refusing the file",
     &RegOptions::keep_duplicates},
};

// The options of `reg modify` and `reg dump` that `uiokit` reads as well, named once.
inline constexpr const char* modify_set_names = "--set";
inline constexpr const char* modify_clear_names = "--clear";
inline constexpr const char* dump_length_names = "-l,--length";

}  // namespace uiokit::cli
