#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Sweep the SVD reader over a collection of CMSIS-SVD files (for example a checkout of
github.com/cmsis-svd/cmsis-svd-data): how many load, how many dump their first peripheral,
and why the rest do not, grouped.

    bench/svd_sweep.py --uiokit BUILD/tools/uiokit DIR [--keep-duplicates] [--list-failures]

Each file is read with `uiokit svd-model FILE` (the resolved model as JSON); a file that
loads then has its first peripheral dumped with `uiokit reg --svd FILE -d file:ZEROS dump P`
over a file of zeros as large as that peripheral's registers reach. Reasons are the error
messages with file names, numbers and quoted names replaced, so that one cause is one line.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile


def reason(stderr):
    lines = [l for l in stderr.strip().splitlines() if not re.search(r": warning: ", l)]
    msg = lines[-1] if lines else "(no message)"
    msg = re.sub(r"^uiokit: ", "", msg)
    msg = re.sub(r"\S+\.svd(:\d+)*", "FILE", msg)
    msg = re.sub(r'"[^"]*"', '"…"', msg)
    msg = re.sub(r"\b0x[0-9a-fA-F]+\b|\b\d+\b", "N", msg)
    msg = re.sub(r"^FILE: [^:]*: ", "FILE: ELEMENT: ", msg)
    return msg[:160]


def warning_kind(line):
    w = line.split(": warning: ", 1)[-1]
    w = re.sub(r"^[^ ]*: ", "", w)  # the element's path
    w = re.sub(r'"[^"]*"', '"…"', w)
    w = re.sub(r"\b0x[0-9a-fA-F]+\b|\b\d+\b", "N", w)
    w = re.sub(r"\(also at [^)]*\)", "(also at …)", w)
    return w[:140]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--uiokit", required=True)
    ap.add_argument("--keep-duplicates", action="store_true")
    ap.add_argument("--list-failures", action="store_true")
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    files = sorted(os.path.join(r, f) for r, _, fs in os.walk(a.dir) for f in fs if f.lower().endswith(".svd"))
    extra = ["--keep-duplicates"] if a.keep_duplicates else []
    loaded = dumped = warned = 0
    load_fail, dump_fail = collections.Counter(), collections.Counter()
    warnings = collections.Counter()
    examples = {}
    with tempfile.TemporaryDirectory() as tmp:
        zeros = os.path.join(tmp, "zeros.bin")
        for path in files:
            p = subprocess.run([a.uiokit, "svd-model", path] + extra, capture_output=True, text=True, timeout=a.timeout)
            if p.returncode != 0:
                r = reason(p.stderr)
                load_fail[r] += 1
                examples.setdefault(r, path)
                if a.list_failures:
                    print("LOAD", path, p.stderr.strip().splitlines()[-1:], file=sys.stderr)
                continue
            loaded += 1
            ws = [l for l in p.stderr.splitlines() if ": warning: " in l]
            if ws:
                warned += 1
            for kind in {warning_kind(l) for l in ws}:
                warnings[kind] += 1
                examples.setdefault(kind, path)
            model = json.loads(p.stdout)
            if not model["peripherals"]:
                dump_fail["no peripherals"] += 1
                continue
            first = model["peripherals"][0]
            extent = max([r["offset"] + r["size"] // 8 for r in first["registers"]] + [4])
            with open(zeros, "wb") as z:
                z.truncate(min(extent, 1 << 30))
            d = subprocess.run([a.uiokit, "reg", "--svd", path, "-d", "file:" + zeros] + extra + ["dump", first["name"]],
                               capture_output=True, text=True, timeout=a.timeout)
            if d.returncode == 0:
                dumped += 1
            else:
                r = reason(d.stderr)
                dump_fail[r] += 1
                examples.setdefault(r, path)
                if a.list_failures:
                    print("DUMP", path, d.stderr.strip().splitlines()[-1:], file=sys.stderr)
    n = len(files)
    print(f"files: {n}")
    print(f"load: {loaded} ({n - loaded} refused); with warnings: {warned}")
    print(f"dump of the first peripheral: {dumped} ({loaded - dumped} failed)")
    for title, c in (("refused", load_fail), ("dump failed", dump_fail)):
        if c:
            print(f"\n{title}, by reason:")
            for r, k in c.most_common():
                print(f"  {k:5d}  {r}   e.g. {os.path.relpath(examples[r], a.dir)}")
    if warnings:
        print("\nwarnings, by kind (files):")
        for w, k in warnings.most_common():
            print(f"  {k:5d}  {w}   e.g. {os.path.relpath(examples[w], a.dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
