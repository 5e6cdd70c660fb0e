#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A second, minimal reading of a CMSIS-SVD file, to check uiokit's reader against.

    independent_read.py FILE                    print the registers as this script reads them
    independent_read.py --compare UIOKIT FILE   compare with `UIOKIT svd-model FILE`; exit 1 on
                                                any difference, 77 (skipped) when FILE is absent
                                                and CI is not "true"

Written from the CMSIS-SVD schema with xml.etree and nothing shared with the C++ reader. It
reads what real vendor files use: peripherals (derivedFrom at peripheral level, the derived
one's own registers replacing the base's of the same name), registers and clusters with dim
expansion, register properties inherited device -> peripheral -> cluster -> register (size,
resetValue), and field bit ranges (bitOffset/bitWidth, lsb/msb, bitRange). For each register
it gives the offset from the peripheral base, the size, the reset value and every field's
lsb and width.
"""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET


def num(text):
    t = text.strip().lower()
    if t.startswith("0x"):
        return int(t[2:], 16)
    if t.startswith("#"):
        return int(t[1:], 2)
    if t.startswith("0b"):
        return int(t[2:], 2)
    return int(t, 10)


def child_text(el, tag):
    c = el.find(tag)
    return None if c is None or c.text is None else c.text.strip()


def props(el, inherited):
    p = dict(inherited)
    for tag in ("size", "resetValue"):
        t = child_text(el, tag)
        if t is not None:
            p[tag] = num(t)
    return p


def expansions(el):
    """(name, step index) for each element of a dim array, or the element itself."""
    name = child_text(el, "name")
    dim = child_text(el, "dim")
    if dim is None:
        return [(name, 0)]
    n = num(dim)
    idx = child_text(el, "dimIndex")
    if idx is None:
        labels = [str(i) for i in range(n)]
    elif "," in idx:
        labels = [s.strip() for s in idx.split(",")]
    else:
        a, b = idx.split("-")
        labels = [str(i) for i in range(int(a), int(b) + 1)] if a.isdigit() else [chr(c) for c in range(ord(a), ord(b) + 1)]
    return [(name.replace("%s", labels[i]), i) for i in range(n)]


def fields_of(reg):
    out = {}
    fs = reg.find("fields")
    for f in ([] if fs is None else fs.findall("field")):
        if child_text(f, "bitOffset") is not None:
            lsb = num(child_text(f, "bitOffset"))
            width = num(child_text(f, "bitWidth") or "1")
        elif child_text(f, "lsb") is not None:
            lsb = num(child_text(f, "lsb"))
            width = num(child_text(f, "msb")) - lsb + 1
        else:
            hi, lo = child_text(f, "bitRange").strip("[]").split(":")
            lsb, width = num(lo), num(hi) - num(lo) + 1
        out[child_text(f, "name")] = [lsb, width]
    return out


def block(el, base_offset, prefix, inherited, out):
    for c in el:
        if c.tag not in ("register", "cluster"):
            continue
        p = props(c, inherited)
        step = num(child_text(c, "dimIncrement") or "0")
        for name, i in expansions(c):
            at = base_offset + num(child_text(c, "addressOffset")) + i * step
            if c.tag == "cluster":
                block(c, at, prefix + name + ".", p, out)
            else:
                out[prefix + name] = {"offset": at, "size": p["size"], "reset_value": p.get("resetValue", 0), "fields": fields_of(c)}


def read(path):
    dev = ET.parse(path).getroot()
    dprops = props(dev, {"size": 32})
    by_name = {}
    result = {}
    for per in dev.find("peripherals").findall("peripheral"):
        name = child_text(per, "name")
        by_name[name] = per
        chain = [per]
        while chain[-1].get("derivedFrom"):
            chain.append(by_name[chain[-1].get("derivedFrom")])
        regs = {}
        for el in reversed(chain):  # the base first, the derived element's own registers over it
            p = props(el, dprops)
            r = el.find("registers")
            if r is not None:
                block(r, 0, "", p, regs)
        for pname, _ in expansions(per):
            result[pname] = regs
    return result


def from_uiokit(uiokit, path):
    model = json.loads(subprocess.run([uiokit, "svd-model", path], check=True, capture_output=True, text=True).stdout)
    result = {}
    for p in model["peripherals"]:
        result[p["name"]] = {r["name"]: {"offset": r["offset"], "size": r["size"], "reset_value": r["reset_value"],
                                         "fields": {f["name"]: [f["lsb"], f["width"]] for f in r["fields"]}}
                             for r in p["registers"]}
    return result


def compare(uiokit, path):
    if not os.path.exists(path):
        if os.environ.get("CI") == "true":
            print(f"FAIL: {path} is absent (CI=true)")
            return 1
        print(f"SKIP: {path} is absent")
        return 77
    a, b = read(path), from_uiokit(uiokit, path)
    diffs = []
    for p in sorted(set(a) | set(b)):
        if p not in a or p not in b:
            diffs.append(f"peripheral {p}: only in {'the independent reading' if p in a else 'uiokit'}")
            continue
        for r in sorted(set(a[p]) | set(b[p])):
            if a[p].get(r) != b[p].get(r):
                diffs.append(f"{p}.{r}: independent {a[p].get(r)} uiokit {b[p].get(r)}")
    regs = sum(len(v) for v in a.values())
    fields = sum(len(r["fields"]) for v in a.values() for r in v.values())
    for d in diffs[:50]:
        print(d)
    print(f"{os.path.basename(path)}: {len(a)} peripherals, {regs} registers, {fields} fields; {len(diffs)} differences")
    return 1 if diffs else 0


def main(argv):
    if len(argv) == 4 and argv[1] == "--compare":
        return compare(argv[2], argv[3])
    if len(argv) == 2:
        json.dump(read(argv[1]), sys.stdout, indent=1)
        print()
        return 0
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
