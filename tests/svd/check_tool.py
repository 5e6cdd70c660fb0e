#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`uiokit reg --svd` over file regions, end to end.

    check_tool.py UIOKIT quirks          a small SVD: the dump goes on past registers the window
                                         cannot hold; names before numbers on write; masks
                                         checked against read-only fields
    check_tool.py UIOKIT vendor FILE     every peripheral of FILE dumped in text and JSON over a
                                         file of zeros (77: skipped when FILE is absent, unless
                                         CI is "true")
"""
import json
import os
import subprocess
import sys
import tempfile

SMALL = """<device><name>T</name><peripherals>
<peripheral><name>P</name><baseAddress>0</baseAddress>
 <addressBlock><offset>0</offset><size>0x10</size></addressBlock>
 <registers>
  <register><name>A</name><addressOffset>0</addressOffset>
   <fields><field><name>RO</name><bitOffset>0</bitOffset><bitWidth>2</bitWidth><access>read-only</access></field>
    <field><name>MODE</name><bitOffset>4</bitOffset><bitWidth>5</bitWidth>
     <enumeratedValues><enumeratedValue><name>00010</name><value>2</value></enumeratedValue></enumeratedValues></field></fields></register>
  <register><name>ODD</name><addressOffset>6</addressOffset></register>
  <register><name>B</name><addressOffset>8</addressOffset></register>
  <register><name>FAR</name><addressOffset>0x20</addressOffset></register>
 </registers></peripheral></peripherals></device>
"""


def run(uiokit, *args):
    return subprocess.run([uiokit, *args], capture_output=True, text=True)


def quirks(uiokit):
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        svd, regs = os.path.join(tmp, "t.svd"), os.path.join(tmp, "regs.bin")
        open(svd, "w").write(SMALL)
        with open(regs, "wb") as f:
            f.truncate(0x10)
        base = ["reg", "--svd", svd, "-d", "file:" + regs]
        t = run(uiokit, *base, "dump")
        if t.returncode == 0:
            bad.append("text dump: exit 0 with unreadable registers")
        for want in ("P.A", "P.B", "P.ODD", "cannot be read", "P.FAR"):
            if want not in t.stdout:
                bad.append(f"text dump lacks {want!r}: {t.stdout!r}")
        if "0x24" not in t.stderr:
            bad.append(f"no hint with the registers' extent (0x24): {t.stderr!r}")
        j = run(uiokit, *base, "--json", "dump")
        rows = json.loads(j.stdout) if j.stdout.strip() else []
        names = {r["name"]: r for r in rows}
        if j.returncode == 0 or "value" not in names.get("P.B", {}) or "error" not in names.get("P.FAR", {}):
            bad.append(f"JSON dump: {j.returncode} {j.stdout!r}")
        w = run(uiokit, *base, "--json", "write", "P.A.MODE", "00010")
        if w.returncode != 0 or json.loads(w.stdout)["written"] != 2 << 4:
            bad.append(f"write of the value named 00010: {w.stdout!r} {w.stderr!r}")
        w = run(uiokit, *base, "--json", "write", "P.A.MODE", "#0x10")
        if w.returncode != 0 or json.loads(w.stdout)["written"] != 16 << 4:
            bad.append(f"write of #0x10: {w.stdout!r} {w.stderr!r}")
        m = run(uiokit, *base, "modify", "P.A", "--set", "0x1")
        if m.returncode == 0 or "read-only" not in m.stderr:
            bad.append(f"modify --set on a read-only field: {m.returncode} {m.stderr!r}")
    return bad


def vendor(uiokit, path):
    if not os.path.exists(path):
        if os.environ.get("CI") == "true":
            return [f"{path} is absent (CI=true)"]
        print(f"SKIP: {path} is absent")
        sys.exit(77)
    model = json.loads(run(uiokit, "svd-model", path).stdout)
    extent = max(r["offset"] + r["size"] // 8 for p in model["peripherals"] for r in p["registers"])
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        regs = os.path.join(tmp, "regs.bin")
        with open(regs, "wb") as f:
            f.truncate(extent)
        base = ["reg", "--svd", path, "-d", "file:" + regs, "--force"]
        t = run(uiokit, *base, "dump")
        j = run(uiokit, *base, "--json", "dump")
        if t.returncode != 0 or j.returncode != 0:
            bad.append(f"dump failed: {t.stderr[-300:]!r} {j.stderr[-300:]!r}")
        else:
            rows = json.loads(j.stdout)
            want = sum(len(p["registers"]) for p in model["peripherals"])
            if len(rows) != want:
                bad.append(f"JSON dump has {len(rows)} registers of {want}")
            heads = {line.split(":")[0] for line in t.stdout.splitlines() if not line.startswith(" ")}
            bad += [f"text dump lacks peripheral {p['name']}" for p in model["peripherals"] if p["name"] not in heads]
            print(f"{os.path.basename(path)}: {len(model['peripherals'])} peripherals, {len(rows)} registers dumped in text and JSON")
    return bad


def main(argv):
    if len(argv) == 3 and argv[2] == "quirks":
        bad = quirks(argv[1])
    elif len(argv) == 4 and argv[2] == "vendor":
        bad = vendor(argv[1], argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 64
    for b in bad:
        print("FAIL:", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
