# SPDX-License-Identifier: MIT
"""Reading results out of a console transcript (the marker protocol is in guestinit.py).

Markers are matched on their exact prefix anywhere in a line, since a kernel message can
precede one on the same line; anything garbled is reported, never guessed into a pass."""
import re
from dataclasses import dataclass, field

MARK = "@@UIOKIT "
CHECK_RE = re.compile(r"^(\S+) (PASS|FAIL|SKIP)(?: (exit=-?\d+|signal=\d+|timeout))?\s*$")
PANIC_RE = re.compile(r"Kernel panic|end Kernel panic")


@dataclass
class CheckResult:
    status: str = "MISSING"       # PASS, FAIL, SKIP (the check exited 77) or MISSING (no result line)
    detail: str = ""
    output: list = field(default_factory=list)


@dataclass
class Report:
    board: str
    began: bool = False
    ended: bool = False
    panic: str = ""
    problems: list = field(default_factory=list)
    checks: dict = field(default_factory=dict)

    @property
    def guest_ok(self):
        return not self.problems


def marker_of(line):
    """(kind, rest) for a marker line, else None."""
    pos = line.find(MARK)
    if pos < 0:
        return None
    kind, _, rest = line[pos + len(MARK):].strip().partition(" ")
    return kind, rest.strip()


def parse(lines, board, registered, timed_out=False):
    rep = Report(board, checks={n: CheckResult() for n in registered})
    capturing = None  # name of the check whose output is being collected
    recap = []        # the closing RESULT block: fills results whose CHECK line was lost
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not rep.panic and PANIC_RE.search(line):
            rep.panic = line.strip()
        m = marker_of(line)
        if m is None:
            if capturing:
                rep.checks[capturing].output.append(line)
            continue
        kind, rest = m
        if kind == "BEGIN":
            if rest != board:
                rep.problems.append(f"BEGIN names board '{rest}', expected '{board}'")
            rep.began = True
        elif kind == "END":
            rep.ended = True
        elif kind == "OUTPUT":
            name, _, edge = rest.rpartition(" ")
            if name not in rep.checks:
                rep.problems.append(f"output for an unregistered check: {line.strip()!r}")
            elif edge == "BEGIN":
                capturing = name
            elif edge == "END":
                capturing = None
        elif kind == "CHECK":
            _check_line(rep, rest, line)
        elif kind == "RESULT":
            recap.append((rest, line))
        elif kind not in ("SCREENDUMP", "ACK", "NAK"):
            rep.problems.append(f"unknown marker: {line.strip()!r}")
    _apply_recap(rep, recap)
    _finish(rep, timed_out)
    return rep


def _apply_recap(rep, recap):
    for rest, line in recap:
        cm = CHECK_RE.match(rest)
        res = rep.checks.get(cm.group(1)) if cm else None
        if res is None:
            rep.problems.append(f"garbled or unregistered recap line: {line.strip()!r}")
        elif res.status == "MISSING":
            res.status, res.detail = cm.group(2), cm.group(3) or ""
        elif res.status != cm.group(2):
            rep.problems.append(f"recap contradicts the result of {cm.group(1)}: {line.strip()!r}")
            res.status, res.detail = "FAIL", "contradictory results"


def _check_line(rep, rest, line):
    cm = CHECK_RE.match(rest)
    if not cm:
        rep.problems.append(f"garbled result line: {line.strip()!r}")
        return
    name, status, detail = cm.group(1), cm.group(2), cm.group(3) or ""
    res = rep.checks.get(name)
    if res is None:
        rep.problems.append(f"result for an unregistered check: {line.strip()!r}")
    elif res.status != "MISSING":
        rep.problems.append(f"second result for {name}: {line.strip()!r}")
        res.status, res.detail = "FAIL", "reported twice"
    elif status == "FAIL" and not detail:
        rep.problems.append(f"FAIL without a reason: {line.strip()!r}")
        res.status, res.detail = "FAIL", "no reason given"
    else:
        res.status, res.detail = status, detail


def _finish(rep, timed_out):
    if timed_out:
        rep.problems.append("the guest timed out (hung, or a check outlived the rig's budget)")
    if rep.panic:
        rep.problems.append(f"kernel panic: {rep.panic}")
    if not rep.began:
        rep.problems.append("no BEGIN marker: /init never ran (kernel, initramfs or console broken)")
    if not rep.ended:
        rep.problems.append("no END marker: the guest stopped before finishing its checks")
    for name, res in rep.checks.items():
        if res.status == "MISSING":
            res.detail = "no result line in the console"
            if rep.ended:
                rep.problems.append(f"registered check {name} printed no result")
