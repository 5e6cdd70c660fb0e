#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The Python module against python-periphery's MMIO on the same mapping, printed as ratios.

    PYTHONPATH=build/python/module bench/bench_python.py [STM32H7A3x.svd]
    bench_python.py --mem 0xfed00000+0x400 --svd hpet --field HPET.TIMER_0_CONF.INT_TYPE_CNF

Both map the same window: by default a file of random bytes (periphery's MMIO takes path=, so a
plain file stands in for /dev/mem), with --mem ADDR+SIZE the physical window through /dev/mem
(uiokit's mem: address, read-only; periphery's MMIO(ADDR, SIZE)), as the x86 guest's
python.bench_vs_periphery check runs it on the HPET. The raw reads are read32 of the field's
register, so every row reads the same register.

Before timing anything it checks that both read the same values (every word of the file, or of the
field's peripheral's registers in the window, but for those that change between two reads) and
that the field and its enumerated value decode periphery's read of their register;
a difference is an error (exit status 1). The timings (CPU time per call, best of
the rounds) are figures, never judged: goals are a raw
read32 no slower than MMIO.read32 (ratio <= 1.0), a named field read with its decoding <= 1.5x
MMIO.read32, and opening a Device with STM32H7A3x.svd under 50 ms (the CPU time is printed
beside the wall time: on a loaded machine the wall time is mostly waiting for a core).
"""
import argparse
import functools
import os
import pathlib
import statistics
import sys
import tempfile
import time
import timeit

import uiokit
from periphery import MMIO

FILE_SIZE = 0x10000


def per_call(statements, names, loops, rounds):
    """Best CPU time per call in ns of each statement (timed as source, so no lambda call is
    added); the rounds interleave them, so that a busy machine slows each one alike. CPU time of
    the process, not wall time: on a loaded machine a batch longer than a scheduler slice is
    always interrupted, and its wall time counts the wait for a core (a 4 ms batch of a 40 ns
    call read 160 ns where a 2 ms batch of a 20 ns one read 20 ns)."""
    best = [float("inf")] * len(statements)
    for _ in range(rounds):
        for i, stmt in enumerate(statements):
            timer = timeit.Timer(stmt, timer=time.process_time, globals=names)
            best[i] = min(best[i], timer.timeit(number=loops) / loops * 1e9)
    return best


def mmio_register(mmio, offset, bits):
    """The register at offset as periphery reads it (two read32 for a 64-bit one)."""
    value = mmio.read32(offset)
    if bits == 64:
        value |= mmio.read32(offset + 4) << 32
    return value


def register_words(region, peripheral):
    """The 32-bit words of the peripheral's registers of 32 bits or more, and apart the names of
    those with a word that changes between two reads (a counter), which cannot be compared by
    value (its other word could carry between the two sides' reads)."""
    words, moving = [], []
    for name in peripheral.registers:
        reg = getattr(peripheral, name)
        if reg.size < 32 or reg.offset % 4:
            continue
        own = range(reg.offset, reg.offset + reg.size // 8, 4)
        if any(region.read32(off) != region.read32(off) for off in own):
            moving.append(name)
        else:
            words.extend(own)
    return sorted(words), moving


def check_same(region, mmio, dev, path, words):
    """Errors (strings) where uiokit and periphery disagree: the words at `words`, and the field
    at `path` (P.R.F) decoded from periphery's read of its register."""
    errors = []
    for off in words:
        ours, theirs = region.read32(off), mmio.read32(off)
        if ours != theirs:
            errors.append(f"read32({off:#x}): uiokit {ours:#x}, periphery {theirs:#x}")
    field = functools.reduce(getattr, path.split("."), dev)
    reg = functools.reduce(getattr, path.split(".")[:2], dev)
    expect = (mmio_register(mmio, reg.offset, reg.size) >> field.lsb) & ((1 << field.width) - 1)
    value, enum = field.read(), field.enum
    if value != expect:
        errors.append(f"{path}.read(): {value:#x}, periphery's word decodes to {expect:#x}")
    names = {v: name for name, v in field.enums.items()}
    if enum != names.get(expect):
        errors.append(f"{path}.enum: {enum!r}, periphery's word decodes to {names.get(expect)!r}")
    return errors


def open_device_figure(region, svd, runs=6):
    """Opening reads the file and outlines its peripherals (uiokit/svd/outline.hpp); the first use
    of a peripheral resolves it. Both are timed: a script does both before its first access by
    name. The peripheral is the file's first."""
    opened, used, cpu = [], [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        dev = uiokit.Device(region, svd=str(svd))
        t1 = time.perf_counter()
        getattr(dev, dev.peripherals[0])
        t2 = time.perf_counter()
        opened.append((t1 - t) * 1e3)
        used.append((t2 - t1) * 1e3)
        cpu.append((time.process_time() - c) * 1e3)
    print(f"Device(..., svd={svd.name}) and its first peripheral ({dev.peripherals[0]}), first time: "
          f"{opened[0]:.1f} + {used[0]:.1f} ms (CPU {cpu[0]:.1f} ms); later: median "
          f"{statistics.median(opened[1:]):.1f} + {statistics.median(used[1:]):.1f} ms "
          f"(CPU median {statistics.median(cpu[1:]):.1f} ms) (goal < 50 ms)")


def bench(region, mmio, args):
    dev = uiokit.Device(region, svd=args.svd)
    path = args.field
    field = functools.reduce(getattr, path.split("."), dev)
    offset = functools.reduce(getattr, path.split(".")[:2], dev).offset
    words, moving = range(0, len(region), 4), []
    if args.mem is not None:
        words, moving = register_words(region, getattr(dev, path.split(".")[0]))
    errors = check_same(region, mmio, dev, path, words)
    for e in errors:
        print(f"MISMATCH {e}")
    if errors:
        return 1
    print(f"uiokit and periphery read the same: {len(words)} word(s) and {path} "
          f"({field.read():#x}, enum {field.enum!r})" + (f"; left out, as they change between reads: {moving}" if moving else ""))

    ops = [
        ("periphery MMIO.read32", f"mmio.read32({offset:#x})"),
        ("uiokit Region.read32", f"region.read32({offset:#x})"),
        ("uiokit field.read() (held Field)", "field.read()"),
        ("uiokit field.enum (value + enum name)", "field.enum"),
        (f"uiokit dev.{path}.read()", f"dev.{path}.read()"),
    ]
    names = {"mmio": mmio, "region": region, "field": field, "dev": dev}
    times = per_call([stmt for _, stmt in ops], names, args.loops, args.rounds)
    base = times[0]
    width = max(42, max(len(name) for name, _ in ops))
    print(f"{'operation':<{width}} {'ns/call':>9} {'x MMIO.read32':>14}")
    for (name, _), ns in zip(ops, times):
        print(f"{name:<{width}} {ns:>9.0f} {ns / base:>14.2f}")

    if args.open_svd.exists():
        open_device_figure(region, args.open_svd)
    else:
        print(f"{args.open_svd} is absent: the Device opening figure is left out")
    return 0


def main() -> int:
    here = pathlib.Path(__file__).resolve()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("open_svd", nargs="?", type=pathlib.Path,
                        default=here.parents[1].parent / "shared" / "svd" / "STM32H7A3x.svd",
                        help="the SVD file whose Device opening is timed (default ../shared/svd/STM32H7A3x.svd)")
    parser.add_argument("--mem", help="ADDR+SIZE: a physical window through /dev/mem instead of a file")
    parser.add_argument("--svd", default="s3c-rtc", help="the SVD of the window (default s3c-rtc)")
    parser.add_argument("--field", default="RTC.RTCCON.TICCKSEL", help="PERIPH.REG.FIELD read by name")
    parser.add_argument("--loops", type=int, default=100_000, help="calls per round")
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()

    if args.mem is None:
        with tempfile.NamedTemporaryFile(suffix=".bin") as f:
            f.write(os.urandom(FILE_SIZE))
            f.flush()
            with uiokit.open(f"file:{f.name}") as region, MMIO(0, FILE_SIZE, path=f.name) as mmio:
                status = bench(region, mmio, args)
    else:
        addr, size = (int(x, 0) for x in args.mem.split("+"))
        with uiokit.open(f"mem:{args.mem}", writable=False) as region, MMIO(addr, size) as mmio:
            status = bench(region, mmio, args)
    return status


if __name__ == "__main__":
    sys.exit(main())
