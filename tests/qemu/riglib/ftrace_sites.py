# SPDX-License-Identifier: MIT
"""Turn an ARM Image's ftrace call sites into the NOPs the kernel would write at boot.

Debian's armmp kernel is built with -pg: every function starts with `push {lr}; bl
__gnu_mcount_nc`, and the linker keeps a table (__mcount_loc) of those call addresses. At boot,
ftrace_init() rewrites each call into `pop {lr}`. Under TCG that is the slowest part of early
boot: each rewrite maps the page through a fixmap, and each fixmap change is an inner-shareable
TLB flush, which QEMU's multi-threaded TCG carries out by stopping every vCPU. With 39,757 sites
that took 1.2 s on smdkc210 (two vCPUs), 0.5 s with one.

Done here instead, once, when the rig unpacks the kernel: each site becomes `pop {lr}` and the
table is zeroed, which ftrace_process_locs() skips (linkers pad the table with zeros). Function
tracing then has no records in the guests; trace events and the perf tracepoints the benchmarks
count are unaffected. The table is found without symbols (Debian's System.map is a placeholder):
it is the run of words equal to the call sites' addresses, in order, at one link base.
"""
import array
import collections
import re

BL_TOP_BYTE = 0xEB            # ARM `bl`, condition "always": 0xEBxxxxxx
POP_LR = 0xE8BD4000           # `pop {lr}`: what arch/arm/kernel/ftrace.c writes (ARM, not Thumb-2)
MIN_SITES = 1000              # fewer calls to one target than this is not an -pg kernel


def _words(data):
    w = array.array("I")
    w.frombytes(data[: len(data) // 4 * 4])
    if w.itemsize != 4:
        raise RuntimeError("array 'I' is not 32 bits on this host")
    return w


def _bl_calls(data, w):
    """(word index of each aligned `bl`, word index of its target), both within the image."""
    for m in re.finditer(rb"\xeb", data):
        p = m.start()
        if p & 3 == 3:           # little-endian: the top byte is the fourth
            i = p >> 2
            off = w[i] & 0xFFFFFF
            if off & 0x800000:
                off -= 1 << 24
            yield i, i + 2 + off


def _find_table(data, w, sites):
    """Word index and link base of the table holding every site's address, in order."""
    first, second, count = 4 * sites[0], 4 * sites[1], len(sites)
    for m in re.finditer(rb"[\xc0-\xef]", data):     # the top byte of a kernel address
        p = m.start()
        if p & 3 != 3:
            continue
        i = p >> 2
        base = w[i] - first
        if base & 0xFFF or i + count > len(w) or w[i + 1] - second != base:
            continue
        if all(w[i + k] - 4 * sites[k] == base for k in range(count)):
            return i, base
    return None


def nop_mcount_sites(data):
    """(patched image, number of sites, link base); raises RuntimeError if the image does not
    look like an -pg ARM kernel with its call-site table."""
    w = _words(data)
    calls_found = list(_bl_calls(data, w))
    targets = collections.Counter(t for _, t in calls_found)
    if not targets:
        raise RuntimeError("no ARM `bl` instructions: not an ARM kernel Image")
    mcount, calls = targets.most_common(1)[0]
    if calls < MIN_SITES:
        raise RuntimeError(f"the most called function has {calls} calls: no -pg call sites")
    sites = [i for i, t in calls_found if t == mcount]
    found = _find_table(data, w, sites)
    if found is None:
        raise RuntimeError(f"{len(sites)} calls to one function, but no table of their addresses")
    table, base = found
    for s in sites:
        w[s] = POP_LR
    for k in range(len(sites)):
        w[table + k] = 0
    return w.tobytes() + data[len(w) * 4:], len(sites), base
