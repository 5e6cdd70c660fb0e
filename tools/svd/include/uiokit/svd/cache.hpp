// SPDX-License-Identifier: MIT
// A cache of resolved SVD models, so that a vendor file of megabytes is read once, not at every
// start of `uiokit reg` or every uiokit.Device.
//
// An entry is keyed by the file's content (its 128-bit XXH3 hash and size), the path it was
// read from (warnings name it) and the Limits it was read under: a changed file is a new key and
// is read afresh. An entry holds the Device in a flat encoding (serial.hpp) with hashes of its
// own bytes, one per peripheral and one of the rest, so that a load asking for a few
// peripherals checks and decodes those; an entry that is short, altered or of another format
// version is read as a miss, removed and rewritten from the file. Errors are never cached: a
// file the reader refuses is refused again on every load, with the same message.
//
// Hashing a file of megabytes costs more than decoding one peripheral, so the key found for a
// file is also remembered with the file's identity (device, inode, size, modification and
// change times; a ".seen" record): a load that finds the file unchanged takes the key from there.
// A write to a file sets its change time, which no one but the clock can set back. Timestamps
// have a granularity (a clock tick; two seconds on FAT), so a file changed in the last two
// seconds is not remembered, and is hashed at every load until it settles.
//
// Where: $UIOKIT_SVD_CACHE if set ("off" or empty: no cache), else $XDG_CACHE_HOME/uiokit/svd,
// else $HOME/.cache/uiokit/svd. The folder is made 0700 and used only if it belongs to the user
// and nobody else may write to it, so another user cannot plant an entry. Files under 64 KiB
// are parsed directly (that is faster than hashing and reading an entry). At most 16 entries and
// 16 identities are kept; the least recently used go first. The cache is an optimisation: a
// folder that cannot be made or written leaves loads uncached, never failing.
//
// XXH3 is not a cryptographic hash: a file crafted to collide with one already cached would be
// given that file's model (a model of a real file, read by the same bounded reader). Where SVD
// files come from people who would attempt that, set UIOKIT_SVD_CACHE=off.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "uiokit/svd/parse.hpp"

namespace uiokit::svd {

// load(), through the cache where there is one. With `only` (peripheral names, compared
// ignoring case), a model read from the cache holds just the peripherals so named, in file
// order, with the device's own fields and warnings; a model parsed from the file holds them all.
// A name that matches nothing leaves it out: lookups that find nothing should load again
// without `only`, to search, and to name what is near, among all the peripherals.
Device load_cached(const std::filesystem::path& path, const Limits& limits = {}, const std::vector<std::string>& only = {});

// The folder load_cached uses, or nothing when caching is off or impossible.
std::optional<std::filesystem::path> cache_dir();

}  // namespace uiokit::svd
