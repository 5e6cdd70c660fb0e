#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`uiokit reg --svd` over file regions, end to end.

    check_tool.py UIOKIT quirks          a small SVD: the dump goes on past registers the window
                                         cannot hold; names before numbers on write; masks
                                         checked against read-only fields
    check_tool.py UIOKIT vendor FILE     every peripheral of FILE dumped in text and JSON over a
                                         file of zeros (77: skipped when FILE is absent, unless
                                         CI is "true")
    check_tool.py UIOKIT cache           commands naming a few peripherals of large files, whose
                                         models come from the cache part by part, answer as with
                                         the cache off: output, messages and exit status
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
 </registers></peripheral>
<peripheral><name>Q</name><baseAddress>0</baseAddress>
 <addressBlock><offset>0</offset><size>0x10</size></addressBlock>
 <registers><register><name>C</name><addressOffset>0</addressOffset></register>
  <register><name>BEYOND</name><addressOffset>0x30</addressOffset></register></registers></peripheral>
</peripherals></device>
"""

# P.A resets to 1 in its low four bits (HI differs when 5 is read); UP is outside the mask.
RESET = """<device><name>T</name><peripherals><peripheral><name>P</name><baseAddress>0</baseAddress>
<addressBlock><offset>0</offset><size>0x10</size></addressBlock><registers>
<register><name>A</name><addressOffset>0</addressOffset><resetValue>0x1</resetValue><resetMask>0xF</resetMask><fields>
 <field><name>LO</name><bitOffset>0</bitOffset><bitWidth>2</bitWidth></field>
 <field><name>HI</name><bitOffset>2</bitOffset><bitWidth>2</bitWidth></field>
 <field><name>UP</name><bitOffset>8</bitOffset><bitWidth>4</bitWidth></field></fields></register>
</registers></peripheral></peripherals></device>
"""


def run(uiokit, *args, env=None):
    return subprocess.run([uiokit, *args], capture_output=True, text=True, env=env)


def generated(peripherals, registers):
    """An SVD file past the size the cache starts at: each peripheral has `registers` registers
    R0.. with a field F."""
    regs = "".join(f"<register><name>R{i}</name><description>register {i}, padded to make the file large</description>"
                   f"<addressOffset>{4 * i}</addressOffset><fields><field><name>F</name><bitOffset>0</bitOffset>"
                   "<bitWidth>4</bitWidth></field></fields></register>\n" for i in range(registers))
    return ("<device><name>G</name><peripherals>\n" +
            "".join(f"<peripheral><name>{p}</name><baseAddress>0</baseAddress><registers>\n{regs}</registers></peripheral>\n"
                    for p in peripherals) + "</peripherals></device>\n")


def part_read(uiokit, base, env):
    """A command naming UART reads UART's part of the entry only: a byte altered in GPIO's part
    (the last peripheral) stays, where a read of GPIO finds it, drops the entry and writes it
    again from the file."""
    folder = env["UIOKIT_SVD_CACHE"]
    entry = os.path.join(folder, next(n for n in os.listdir(folder) if n.endswith(".model")))
    good = open(entry, "rb").read()
    altered = bytearray(good)
    altered[good.rindex(b"register 7,")] ^= 0x20
    open(entry, "wb").write(altered)
    bad = []
    if run(uiokit, *base, "read", "UART.R1", env=env).returncode != 0 or open(entry, "rb").read() != altered:
        bad.append("a read of UART did not leave GPIO's part of the entry unread")
    if run(uiokit, *base, "read", "GPIO.R1", env=env).returncode != 0 or open(entry, "rb").read() != good:
        bad.append("a read of GPIO did not find its altered part and write the entry again")
    return bad


def cache(uiokit):
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        regs = os.path.join(tmp, "regs.bin")

        def zeroed(env):  # each run from the same registers
            with open(regs, "wb") as f:
                f.truncate(0x1000)
            return env
        files = {"several": ["UART", "TIM", "tim", "GPIO"], "one": ["ONLY"]}
        commands = {
            "several": [["read", "UART.R1"], ["read", "tim.R2", "TIM.R3.F"], ["read", "Tim.R1"], ["read", "gpio.r4.f"],
                        # a part of one peripheral would let "R0.F" be read as that peripheral's
                        ["read", "UART.R1", "R0.F"], ["read", "UART.NOPE"], ["read", "NOPE.R1"], ["read", "0x10"],
                        ["--json", "write", "GPIO.R2.F", "3"], ["modify", "UART.R5", "F=1"], ["modify", "UART.R5", "G=1"],
                        ["dump", "TIM.R7"], ["dump", "tim"], ["--json", "dump", "UART"]],
            "one": [["read", "R0.F"], ["read", "ONLY.R1", "R2.F"], ["dump", "R3"]],
        }
        cached = dict(os.environ, UIOKIT_SVD_CACHE=os.path.join(tmp, "cache"))
        off = dict(os.environ, UIOKIT_SVD_CACHE="off")
        for name, peripherals in files.items():
            svd = os.path.join(tmp, name + ".svd")
            with open(svd, "w") as f:
                f.write(generated(peripherals, 150))
            base = ["reg", "--svd", svd, "-d", "file:" + regs]
            run(uiokit, *base, "read", "0x0", env=zeroed(cached))  # writes the entry
            if not any(n.endswith(".model") for n in os.listdir(cached["UIOKIT_SVD_CACHE"])):
                bad.append(f"{name}.svd: no cache entry written")
            for c in commands[name]:
                want, got = run(uiokit, *base, *c, env=zeroed(off)), run(uiokit, *base, *c, env=zeroed(cached))
                w, g = (want.returncode, want.stdout, want.stderr), (got.returncode, got.stdout, got.stderr)
                if w != g:
                    bad.append(f"{name}.svd {' '.join(c)}: cache off {w!r}, from the cache {g!r}")
            if name == "several":
                bad += part_read(uiokit, base, zeroed(cached))
        print(f"{sum(len(c) for c in commands.values())} commands answered alike from the cache and without it")
    return bad


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
        # every peripheral with a register left unread named, with the window its registers need
        for want in ("P reach 0x24", "Q reach 0x34", "mem:0x0+0x34"):
            if want not in t.stderr:
                bad.append(f"no hint {want!r} with the registers' extent: {t.stderr!r}")
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
        # svd-model gives the reader's warnings in its JSON and on stderr, each naming file:line
        warned = svd + ".warned.svd"
        open(warned, "w").write(SMALL.replace("<name>B</name>", "<name>B</name><access>read-writeonce</access>"))
        m = run(uiokit, "svd-model", warned)
        w = json.loads(m.stdout)["warnings"] if m.returncode == 0 else []
        if len(w) != 1 or m.stderr.strip() != w[0] or f"{os.path.basename(warned)}:" not in m.stderr:
            bad.append(f"svd-model warnings: JSON {w!r}, stderr {m.stderr!r}")
        # --reset: the reset value and the bits its mask defines beside the value read; a field
        # that differs from its reset value is marked only where the mask defines it
        rs, rb = os.path.join(tmp, "reset.svd"), os.path.join(tmp, "reset.bin")
        open(rs, "w").write(RESET)
        with open(rb, "wb") as f:
            f.write(bytes([0x05, 0x07, 0, 0]))
        m = run(uiokit, "reg", "--svd", rs, "-d", "file:" + rb, "--reset", "dump")
        lines = {line.split()[0]: line for line in m.stdout.splitlines() if line.strip()}
        if (m.returncode != 0 or "(reset 0x00000001, defined bits 0x0000000f)" not in lines.get("P.A", "")
                or "(reset 0x0)" not in lines.get("HI", "") or "reset" in lines.get("LO", "") + lines.get("UP", "")):
            bad.append(f"--reset dump: {m.returncode} {m.stdout!r} {m.stderr!r}")
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
            # The model and the dump print one register's reset value and mask alike (a row
            # skipped for its read side effects has neither).
            resets = {f"{p['name']}.{r['name']}": (r["reset_value"], r["reset_mask"])
                      for p in model["peripherals"] for r in p["registers"]}
            shown = [row for row in rows if "reset_mask" in row]
            if len(shown) < len(rows) // 2:
                bad.append(f"only {len(shown)} of {len(rows)} dumped registers have a reset value")
            bad += [f"{row['name']}: reset {row['reset_value']:#x}/{row['reset_mask']:#x} in the dump, "
                    f"{resets.get(row['name'])} in svd-model" for row in shown
                    if resets.get(row["name"]) != (row["reset_value"], row["reset_mask"])][:5]
            heads = {line.split(":")[0] for line in t.stdout.splitlines() if not line.startswith(" ")}
            bad += [f"text dump lacks peripheral {p['name']}" for p in model["peripherals"] if p["name"] not in heads]
            print(f"{os.path.basename(path)}: {len(model['peripherals'])} peripherals, {len(rows)} registers dumped in text and JSON")
    return bad


def main(argv):
    if len(argv) == 3 and argv[2] == "quirks":
        bad = quirks(argv[1])
    elif len(argv) == 3 and argv[2] == "cache":
        bad = cache(argv[1])
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
