# SPDX-License-Identifier: MIT
"""The transcript parser against broken consoles (each must be reported as a failure), module
signatures, ftrace sites and the shared-library lookup (dynlibs_selftest.py)."""
import array

from . import dynlibs_selftest
from .ftrace_sites import POP_LR, nop_mcount_sites
from .modules import SIG_MAGIC, strip_signature
from .transcript import parse

GOOD = """[    0.1] booting
@@UIOKIT BEGIN x86
@@UIOKIT OUTPUT a.one BEGIN
hello
@@UIOKIT OUTPUT a.one END
@@UIOKIT CHECK a.one PASS
@@UIOKIT OUTPUT a.two BEGIN
@@UIOKIT OUTPUT a.two END
[    2.0] some kernel line @@UIOKIT CHECK a.two FAIL exit=3
@@UIOKIT END x86
""".splitlines()

NAMES = ["a.one", "a.two"]


def _case(name, lines, expect_guest_ok, expect, timed_out=False):
    rep = parse(lines, "x86", NAMES, timed_out)
    got = {n: r.status for n, r in rep.checks.items()}
    ok = rep.guest_ok == expect_guest_ok and all(got[n] == s for n, s in expect.items())
    print(f"{'ok  ' if ok else 'FAIL'} {name}: guest_ok={rep.guest_ok} checks={got}")
    for p in rep.problems:
        print(f"       problem: {p}")
    return ok


def _signature_cases():
    """Stripping a stock module's signature must give back exactly the module, leave an
    unsigned one alone, and refuse a trailer that claims more than the file holds."""
    body = b"\x7fELF" + bytes(range(256)) * 4
    sig = b"S" * 515
    info = bytes([0, 0, 2, 0, 0, 0, 0, 0]) + len(sig).to_bytes(4, "big")
    ok = [strip_signature(body + sig + info + SIG_MAGIC) == body, strip_signature(body) == body]
    try:
        strip_signature(b"x" * 20 + (10**6).to_bytes(12, "big") + SIG_MAGIC)
        ok.append(False)
    except RuntimeError:
        ok.append(True)
    for name, good in zip(["signed module stripped to its body", "unsigned module unchanged",
                           "impossible signature length refused"], ok):
        print(f"{'ok  ' if good else 'FAIL'} {name}")
    return ok


def _fake_image(sites, base, with_table=True):
    """An ARM image: a `bl` to word 40 at each site, other calls elsewhere, and the table of
    site addresses (as linked at base) after the code."""
    def bl(at, target):
        return 0xEB000000 | ((target - at - 2) & 0xFFFFFF)
    w = array.array("I", [0xE1A00000] * (max(sites) + 100))     # mov r0, r0
    for i in sites:
        w[i] = bl(i, 40)
    w[45] = bl(45, 7)
    if with_table:
        w.extend(base + 4 * i for i in sites)
    w.extend([0xDEADBEEF] * 8)
    return w.tobytes()


def _ftrace_cases():
    """The call sites must become `pop {lr}` and the table zeros, with nothing else touched;
    an image whose table is missing must be refused, not half-patched."""
    sites = list(range(100, 100 + 3 * 1500, 3))
    image = _fake_image(sites, 0xC0208000)
    ok = []
    try:
        patched, count, base = nop_mcount_sites(image)
        w, orig = array.array("I"), array.array("I")
        w.frombytes(patched)
        orig.frombytes(image)
        table = len(orig) - 8 - len(sites)
        changed = {i for i in range(len(w)) if w[i] != orig[i]}
        ok.append(count == len(sites) and base == 0xC0208000 and all(w[i] == POP_LR for i in sites)
                  and all(w[table + k] == 0 for k in range(len(sites)))
                  and changed == set(sites) | set(range(table, table + len(sites))))
    except RuntimeError as e:
        print(f"       problem: {e}")
        ok.append(False)
    try:
        nop_mcount_sites(_fake_image(sites, 0xC0208000, with_table=False))
        ok.append(False)
    except RuntimeError:
        ok.append(True)
    for name, good in zip(["ftrace call sites made NOPs and their table zeroed, nothing else",
                           "an image without the call-site table refused"], ok):
        print(f"{'ok  ' if good else 'FAIL'} {name}")
    return ok


def main():
    truncated = GOOD[:6]
    cases = [
        ("clean transcript, one check failing with a kernel line in front",
         GOOD, True, {"a.one": "PASS", "a.two": "FAIL"}),
        ("truncated (no END, a check without result)", truncated, False, {"a.one": "PASS", "a.two": "MISSING"}),
        ("no BEGIN", GOOD[2:], False, {"a.one": "PASS"}),
        ("hang reported by the runner", truncated, False, {"a.two": "MISSING"}, True),
        ("kernel panic", GOOD[:2] + ["[ 3.0] Kernel panic - not syncing: Attempted to kill init!"], False,
         {"a.one": "MISSING"}),
        ("result for an unregistered check", GOOD[:-1] + ["@@UIOKIT CHECK a.three PASS", GOOD[-1]], False, {}),
        ("garbled result line", GOOD[:5] + ["@@UIOKIT CHECK a.one PA#S"] + GOOD[6:], False, {"a.one": "MISSING"}),
        ("registered check never reported", [line for line in GOOD if "a.two" not in line], False,
         {"a.two": "MISSING"}),
        ("check reported twice", GOOD[:6] + [GOOD[5]] + GOOD[6:], False, {"a.one": "FAIL"}),
        ("signal", GOOD[:5] + ["@@UIOKIT CHECK a.one FAIL signal=11"] + GOOD[6:], True, {"a.one": "FAIL"}),
        ("timeout inside the guest", GOOD[:5] + ["@@UIOKIT CHECK a.one FAIL timeout"] + GOOD[6:], True,
         {"a.one": "FAIL"}),
        ("empty console", [], False, {"a.one": "MISSING", "a.two": "MISSING"}),
        ("a lost CHECK line recovered from the closing RESULT block",
         GOOD[:5] + [""] + GOOD[6:-1] + ["@@UIOKIT RESULT a.one PASS", GOOD[-1]], True, {"a.one": "PASS"}),
        ("a RESULT block contradicting a CHECK line",
         GOOD[:-1] + ["@@UIOKIT RESULT a.one FAIL exit=1", GOOD[-1]], False, {"a.one": "FAIL"}),
    ]
    results = [_case(*c) for c in cases] + _signature_cases() + _ftrace_cases() + dynlibs_selftest.cases()
    print(f"{sum(results)}/{len(results)} rig self-test cases behaved")
    return 0 if all(results) else 1
