#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The Python module against python-periphery's MMIO on the same mapping, printed as ratios.

    PYTHONPATH=build/python/module bench/bench_python.py [STM32H7A3x.svd]

Both map the same file (periphery's MMIO takes path=, so a plain file stands in for /dev/mem;
on a board give both the same mem: window instead). Figures, not a test: goals are a raw read32
no slower than MMIO.read32 (ratio <= 1.0), a named field read with its decoding <= 1.5x
MMIO.read32, and opening a Device with STM32H7A3x.svd under 50 ms.
"""
import os
import pathlib
import statistics
import sys
import tempfile
import timeit

import uiokit
from periphery import MMIO

SIZE = 0x10000
LOOPS = 100_000


def per_call(statements, names, loops=LOOPS, rounds=9):
    """Best time per call in ns of each statement (timed as source, so no lambda call is added);
    the rounds interleave them, so that a busy machine slows each one alike."""
    best = [float("inf")] * len(statements)
    for _ in range(rounds):
        for i, stmt in enumerate(statements):
            best[i] = min(best[i], timeit.timeit(stmt, number=loops, globals=names) / loops * 1e9)
    return best


def main() -> int:
    svd = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "svd" / "STM32H7A3x.svd"
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(os.urandom(SIZE))
        f.flush()
        region = uiokit.open(f"file:{f.name}")
        mmio = MMIO(0, SIZE, path=f.name)
        dev = uiokit.Device(region, svd="s3c-rtc")
        field = dev.RTC.RTCCON.TICCKSEL

        ops = [
            ("periphery MMIO.read32", "mmio.read32(0x40)"),
            ("uiokit Region.read32", "region.read32(0x40)"),
            ("uiokit field.read() (held Field)", "field.read()"),
            ("uiokit field.enum (value + enum name)", "field.enum"),
            ("uiokit dev.RTC.RTCCON.TICCKSEL.read()", "dev.RTC.RTCCON.TICCKSEL.read()"),
        ]
        names = {"mmio": mmio, "region": region, "field": field, "dev": dev}
        times = per_call([stmt for _, stmt in ops], names)
        rows = [(name, ns) for (name, _), ns in zip(ops, times)]
        base = times[0]
        print(f"{'operation':<42} {'ns/call':>9} {'x MMIO.read32':>14}")
        for name, ns in rows:
            print(f"{name:<42} {ns:>9.0f} {ns / base:>14.2f}")
        mmio.close()

        if svd.exists():
            times = []
            for _ in range(5):
                t = timeit.default_timer()
                uiokit.Device(region, svd=str(svd))
                times.append((timeit.default_timer() - t) * 1e3)
            print(f"Device(..., svd={svd.name}): median {statistics.median(times):.1f} ms, best {min(times):.1f} ms (goal < 50 ms)")
        else:
            print(f"{svd} is absent: the Device opening figure is left out")
        region.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
