#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""One register read from the command line, process start to exit: `uiokit reg` by SVD name
beside Debian's memtool reading the same word of the same file (memtool has no names).

    bench/cli_vs_memtool.py --uiokit BUILD/tools/uiokit [--svd-dir tools/svd/devices]
                            [--big ../shared/svd/STM32H7A3x.svd] [--runs 200]

Each command is started with posix_spawn and waited for, alternately, `--runs` times (the
big file's two cases a tenth as often, in a round of their own); the median and 90th percentile
wall times are printed with the ratio to memtool's. The small case
reads EDU.STATUS (offset 0x20) with edu.svd; the big one a GPIOA register with ST's
STM32H7A3x.svd (4.2 MB), twice: with the model cache off (the file parsed at every start) and
with the cache warm (the model read from its entry; tools/svd/include/uiokit/svd/cache.hpp).
The small cases run with the cache off: files that small are never cached.

The program is run as installed: copied first, as `cmake --install` or dpkg write it. A file
the linker has just written starts slower on our host (about 0.06 ms, run for run), so the raw
read is also run from the build's own file, on a row of its own.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time


def run_once(argv, env):
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        t0 = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
        _, status = os.waitpid(pid, 0)
        t1 = time.perf_counter()
    finally:
        os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv)} failed")
    return (t1 - t0) * 1000


def measure(cases, runs):
    times = {case[0]: [] for case in cases}
    for _ in range(runs):
        for name, argv, env in cases:  # alternated, so that load changes hit every case alike
            times[name].append(run_once(argv, env))
    return {name: (statistics.median(t), sorted(t)[int(0.9 * (len(t) - 1))]) for name, t in times.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--uiokit", required=True)
    ap.add_argument("--svd-dir", default=os.path.join(os.path.dirname(__file__), "..", "tools", "svd", "devices"))
    ap.add_argument("--big", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "svd", "STM32H7A3x.svd"))
    ap.add_argument("--runs", type=int, default=200)
    args = ap.parse_args()
    memtool = shutil.which("memtool")
    if not memtool:
        sys.exit("memtool is not installed (apt install memtool; scripts/install-deps.sh does)")
    built = os.path.abspath(args.uiokit)
    with tempfile.TemporaryDirectory() as tmp:
        uiokit = os.path.join(tmp, "uiokit")
        shutil.copy2(built, uiokit)
        regs = os.path.join(tmp, "regs.bin")
        with open(regs, "wb") as f:
            f.write(os.urandom(0x1000))
        off = dict(os.environ, UIOKIT_SVD_CACHE="off")
        warm = dict(os.environ, UIOKIT_SVD_CACHE=os.path.join(tmp, "cache"))
        cases = [
            ("memtool md -l -s FILE 0x20+4", [memtool, "md", "-l", "-s", regs, "0x20+4"], off),
            ("uiokit reg --svd edu read EDU.STATUS", [uiokit, "reg", "--svd", os.path.join(args.svd_dir, "edu.svd"),
                                                      "-d", f"file:{regs}", "read", "EDU.STATUS"], off),
            ("uiokit reg -d ... read EDU.STATUS without SVD (offset 0x20)", [uiokit, "reg", "-d", f"file:{regs}",
                                                                              "read", "0x20"], off),
            ("the same, run from the build's file as the linker wrote it", [built, "reg", "-d", f"file:{regs}", "read", "0x20"], off),
        ]
        big_cases = []
        if os.path.exists(args.big):
            big = os.path.join(tmp, "big.bin")
            with open(big, "wb") as f:
                f.write(bytes(0x400))
            argv = [uiokit, "reg", "--svd", os.path.abspath(args.big), "-d", f"file:{big}", "read", "GPIOA.MODER"]
            big_cases.append(("... --svd STM32H7A3x.svd read GPIOA.MODER, cache off", argv, off))
            big_cases.append(("... --svd STM32H7A3x.svd read GPIOA.MODER, cache warm", argv, warm))
        else:
            print(f"({args.big} absent: the big-file case is left out)")
        for _, argv, env in cases + big_cases:
            run_once(argv, env)  # page cache, loader and model cache warm
        # The big file's cases in a round of their own: a process that has just parsed 4 MB
        # leaves the caches cold for whichever small command would follow it.
        res = measure(cases, args.runs)
        if big_cases:
            res.update(measure(big_cases, max(args.runs // 10, 5)))
    base = res[cases[0][0]][0]
    print(f"{'command':62} {'median ms':>10} {'p90 ms':>8} {'/ memtool':>10}")
    for name, (med, p90) in res.items():
        print(f"{name:62} {med:10.2f} {p90:8.2f} {med / base:10.2f}")


if __name__ == "__main__":
    main()
