#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The ordered doorbell write keeps a DMA descriptor's stores before it, in the instructions.

  check_doorbell.py --cxx CROSS-G++ --include DIR doorbell.cpp

Compiles doorbell.cpp with the cross compiler and reads each function's instructions:
post_ordered (mmio::writel) must have a store barrier after every store of the descriptor and
before the doorbell store, its last; post_relaxed (write32_relaxed) must have none, else this
check could not tell an ordered doorbell from a relaxed one. Why instructions and not a guest:
under QEMU's TCG a vCPU's stores reach guest RAM in program order and a device model runs
under QEMU's global lock, so a missing barrier never shows there; on hardware it shows as a
device reading a stale descriptor, now and then.
"""
import argparse
import re
import subprocess
import sys

# Barriers that order earlier stores to memory before a later device write: the full and
# store-only forms of DSB and DMB, system or outer-shareable (a device is outside the inner
# shareable domain), and the ARMv5 kernel helper GCC calls for a fence (no barrier instruction).
BARRIER = re.compile(r"^(dsb|dmb)\s+(sy|st|osh|oshst)\b|^bl\s+__sync_synchronize\b")
STORE = re.compile(r"^(str[bhd]?|stur[bh]?|stp|stm\w*)\s")


def instructions(asm, fn):
    """The instructions of `fn` in GCC's assembly output, without directives, labels or comments."""
    body = asm.split(f"\n{fn}:\n", 1)
    if len(body) != 2:
        raise SystemExit(f"check_doorbell: no function {fn} in the compiler's output")
    out = []
    for line in body[1].split("\n"):
        line = line.strip()
        if line.startswith(f".size\t{fn},") or line.startswith(f".size {fn},"):
            return out
        if not line or line[0] in ".@#/" or line.endswith(":"):
            continue
        out.append(line)
    raise SystemExit(f"check_doorbell: no end of {fn} in the compiler's output")


def ordered(insns):
    """True when a barrier follows every store but the last one, and precedes the last."""
    stores = [i for i, s in enumerate(insns) if STORE.match(s)]
    barriers = [i for i, s in enumerate(insns) if BARRIER.match(s)]
    if len(stores) < 2:
        return False
    return any(stores[-2] < b < stores[-1] for b in barriers)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cxx", required=True)
    ap.add_argument("--include", required=True)
    ap.add_argument("source")
    a = ap.parse_args()
    res = subprocess.run([a.cxx, "-std=c++20", "-O2", "-S", "-o", "-", "-I", a.include, a.source],
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        print(res.stderr)
        return 1
    ok = True
    for fn, want in (("post_ordered", True), ("post_relaxed", False)):
        insns = instructions(res.stdout, fn)
        got = ordered(insns)
        print(f"{fn} ({a.cxx}): " + "; ".join(insns))
        print(f"  descriptor stores {'ordered' if got else 'NOT ordered'} before the doorbell store")
        if got != want:
            ok = False
            print(f"  FAIL: expected {'a' if want else 'no'} store barrier between them")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
