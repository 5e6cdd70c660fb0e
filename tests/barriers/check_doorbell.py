#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The ordered doorbell write keeps a DMA descriptor's stores before it, in the instructions.

  check_doorbell.py --cxx CROSS-G++ --include DIR [--include DIR...] doorbell.cpp

Compiles doorbell.cpp with the cross compiler and reads each function's instructions:
post_ordered (mmio::writel) and post_typed_ordered (a typed block's ordered() write) must have
a store barrier after every store of the descriptor and before the doorbell store, their last;
post_relaxed and post_typed_relaxed must have none, else this check could not tell an ordered
doorbell from a relaxed one. Why instructions and not a guest:
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


def ordered(insns, doorbell_stores):
    """True when a barrier lies between the descriptor's stores and the doorbell's, the last
    `doorbell_stores` stores of the function."""
    stores = [i for i, s in enumerate(insns) if STORE.match(s)]
    barriers = [i for i, s in enumerate(insns) if BARRIER.match(s)]
    if len(stores) <= doorbell_stores:
        return False
    return any(stores[-doorbell_stores - 1] < b < stores[-doorbell_stores] for b in barriers)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cxx", required=True)
    ap.add_argument("--include", required=True, action="append")
    ap.add_argument("source")
    a = ap.parse_args()
    includes = [arg for d in a.include for arg in ("-I", d)]
    res = subprocess.run([a.cxx, "-std=c++20", "-O2", "-S", "-o", "-", *includes, a.source],
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        print(res.stderr)
        return 1
    ok = True
    # The typed doorbell is edu's 64-bit DMA_CMD: two 32-bit stores on 32-bit ARM, low word
    # first (mmio.hpp), one on AArch64.
    wide = 1 if "aarch64" in a.cxx else 2
    for fn, want, doorbell_stores in (("post_ordered", True, 1), ("post_relaxed", False, 1),
                                      ("post_typed_ordered", True, wide), ("post_typed_relaxed", False, wide)):
        insns = instructions(res.stdout, fn)
        got = ordered(insns, doorbell_stores)
        print(f"{fn} ({a.cxx}): " + "; ".join(insns))
        print(f"  descriptor stores {'ordered' if got else 'NOT ordered'} before the doorbell store")
        if got != want:
            ok = False
            print(f"  FAIL: expected {'a' if want else 'no'} store barrier between them")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
