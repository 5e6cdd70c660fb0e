# SPDX-License-Identifier: MIT
"""The results file a boot writes and the per-check ctest tests read."""
import json
import os

TAIL_LINES = 30


RESULTS_FILE = "results.json"


def results_path(artifacts):
    return os.path.join(artifacts, RESULTS_FILE)


def save(artifacts, board, rep, run, extra_problems=()):
    problems = list(extra_problems) + rep.problems
    data = {
        "board": board,
        "guest_ok": not problems,
        "problems": problems,
        "boot_time": run.boot_time,
        "total_time": run.total_time,
        "qemu_exit": run.exit_status,
        "screendumps": run.screendumps,
        "tail": run.lines[-TAIL_LINES:],
        "checks": {n: {"status": r.status, "detail": r.detail, "output": r.output}
                   for n, r in rep.checks.items()},
    }
    tmp = results_path(artifacts) + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f, indent=1)
    os.replace(tmp, results_path(artifacts))
    return data


def load(artifacts):
    with open(results_path(artifacts)) as f:
        return json.load(f)


def fmt_time(t):
    return "-" if t is None else f"{t:.2f} s"


def summary(data):
    lines = [f"board {data['board']}: boot (QEMU start to BEGIN) {fmt_time(data['boot_time'])}, "
             f"total run {fmt_time(data['total_time'])}"]
    for name, c in data["checks"].items():
        lines.append(f"  {c['status']:<7} {name}" + (f"  ({c['detail']})" if c["detail"] else ""))
    for p in data["problems"]:
        lines.append(f"  PROBLEM {p}")
    if data["problems"]:
        lines.append(f"--- last {len(data['tail'])} console lines ---")
        lines.extend(data["tail"])
    return "\n".join(lines)


def check_verdict(data, name):
    """(verdict, text) for one check's ctest test: verdict is PASS, SKIP or FAIL."""
    c = data["checks"].get(name)
    if c is None:
        return "FAIL", f"{name} is not among the checks booted on {data['board']}"
    text = [f"qemu.{data['board']}.{name}: {c['status']}" + (f" ({c['detail']})" if c["detail"] else ""),
            "--- guest output ---"] + c["output"]
    if c["status"] != "PASS" and data["problems"]:
        text += ["--- guest problems ---"] + data["problems"] + ["--- last console lines ---"] + data["tail"]
    verdict = c["status"] if c["status"] in ("PASS", "SKIP") else "FAIL"
    return verdict, "\n".join(text)
