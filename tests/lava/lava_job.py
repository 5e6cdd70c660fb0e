#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The rig's guest checks as LAVA jobs (see README.md in this folder).

  lava_job.py job     --config BUILD/qemu/<board>.json --out DIR [--only NAME]... [--break NAME]...
                      the job (DIR/job.yaml), its device configuration (DIR/device.yaml) and
                      the artefacts it deploys from file:// URLs: the kernel, the device tree and
                      the initramfs the rig boots, with uiokit.screendump=off on the command line
  lava_job.py device  --board B [--check FILE]
                      print the device configuration for board B (or compare it with FILE)
  lava_job.py timing  --log LAVA-LOG       when each of LAVA's actions ended
  lava_job.py results --log LAVA-LOG --checks DIR/checks.json [--rig RESULTS.json]
                      the test cases LAVA logged: every check of the job must have one; PASS
                      needs every case to pass or skip, skips only where the check asks the host
                      for a screendump, and (--rig) each verdict the rig's own run gave

The job reads results from the console with a LAVA monitor (no login, no shell in the guest):
the guest's /init prints `@@UIOKIT CHECK <name> PASS|FAIL ...|SKIP` for every check. LAVA's job
status can be Complete while a test case failed: `results` judges the test cases.
"""
import argparse
import datetime
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "qemu"))
from riglib import boards, export  # noqa: E402
from riglib.config import ConfigError, Rig  # noqa: E402

MONITOR_PATTERN = r"@@UIOKIT CHECK (?P<test_case_id>\S+) (?P<result>PASS|FAIL|SKIP)"


def lava_case_name(check):
    """LAVA's name for a check's test case: it turns the '.' of the check names into '_'."""
    return check.replace(".", "_")
SCREENDUMP_WORD = "uiokit-screendump"


def qemu_options(board):
    """The board's QEMU options as the rig uses them, with LAVA's console on stdio."""
    return [" ".join(board.machine), "-nographic", "-monitor none", "-no-reboot", "-net none"]


def device_config(board_name):
    """A rendered device configuration for LAVA's qemu device type, one per board."""
    board = boards.BOARDS[board_name]
    append = f"{board.append} {export.NO_SCREENDUMP}"
    return {
        "device_type": "qemu",
        "constants": {
            "posix": {"lava_test_sh_cmd": "/bin/sh", "lava_test_results_dir": "/lava-%s",
                      "lava_test_shell_file": "~/.bashrc"},
            "shutdown-message": "The system is going down for reboot NOW",
            "kernel-start-message": "Linux version [0-9]",
            "default-shell-prompt": "lava-test: # ",
            "spawn_maxread": "4092",
            "failure_retry": 1,
            "boot_retry": None,
        },
        "parameters": {},
        "available_architectures": ["arm", "amd64"],
        "actions": {
            "deploy": {"connections": {"serial": None},
                       "methods": {"image": {"parameters": {"guest": {"size": 512, "interface": "none",
                                                                      "driveid": "lavatest"}}}}},
            "boot": {"connections": {"serial": None},
                     "methods": {"qemu": {"parameters": {"command": board.qemu,
                                                         "options": qemu_options(board) + [f'-append "{append}"']}}}},
        },
        "timeouts": {"actions": {"boot-qemu-image": {"minutes": 2}, "power-off": {"seconds": 10}},
                     "connections": {}},
    }


def asks_for_screendump(check):
    """Whether a check's command or one of its scripts calls uiokit-screendump."""
    texts = [check["command"], check.get("setup", "")]
    for path in check["files"]:
        with open(path, errors="replace") as f:
            texts.append(f.read())
    return any(SCREENDUMP_WORD in t for t in texts)


def dump_yaml(data):
    return yaml.safe_dump(data, sort_keys=False, default_flow_style=False, width=100)


def job_definition(rig, out, checks, broken):
    """Writes the artefacts into `out` and returns the job as a dict."""
    board = rig.board
    a = export.export(rig, out, only=[c["name"] for c in checks], broken=broken)
    images = {"kernel": {"image_arg": "-kernel {kernel}", "url": "file://" + a.kernel}}
    if a.image:
        images["image"] = {"image_arg": a.image_option, "url": "file://" + a.image}
    if a.dtb:
        images["dtb"] = {"image_arg": "-dtb {dtb}", "url": "file://" + a.dtb}
    images["ramdisk"] = {"image_arg": "-initrd {ramdisk}", "url": "file://" + a.initramfs}
    guest_seconds = sum(c["timeout"] for c in checks) * board.clock_factor
    test_minutes = int(guest_seconds / 60) + 3
    return {
        "device_type": "qemu",
        "job_name": f"uiokit {board.name} guest checks",
        "timeouts": {"job": {"minutes": test_minutes + 6}, "action": {"minutes": 3},
                     "connection": {"minutes": 2}},
        "priority": "medium",
        "visibility": "public",
        "context": {"arch": "arm" if board.arch in ("armhf", "armel") else board.arch},
        "actions": [
            {"deploy": {"to": "tmpfs", "timeout": {"minutes": 2}, "images": images}},
            {"boot": {"method": "qemu", "media": "tmpfs", "timeout": {"minutes": 2}}},
            {"test": {"timeout": {"minutes": test_minutes},
                      "monitors": [{"name": f"uiokit-{board.name}", "start": f"@@UIOKIT BEGIN {board.name}",
                                    "end": f"@@UIOKIT END {board.name}", "pattern": MONITOR_PATTERN,
                                    "fixupdict": {"PASS": "pass", "FAIL": "fail", "SKIP": "skip"}}]}},
        ],
    }


def cmd_job(args):
    rig = Rig(args.config)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    unknown = [b for b in (args.broken or []) + (args.only or []) if b not in rig.names]
    if unknown:
        raise ConfigError(f"{unknown[0]}: no such check on {rig.board.name}")
    checks = [c for c in rig.checks if not args.only or c["name"] in args.only]
    job = job_definition(rig, out, checks, tuple(args.broken or ()))
    with open(os.path.join(out, "job.yaml"), "w") as f:
        f.write(dump_yaml(job))
    with open(os.path.join(out, "device.yaml"), "w") as f:
        f.write(dump_yaml(device_config(rig.board.name)))
    with open(os.path.join(out, "checks.json"), "w") as f:
        json.dump([{"name": c["name"], "screendump": asks_for_screendump(c)} for c in checks], f, indent=1)
    print(f"{out}/job.yaml: {len(checks)} checks on {rig.board.name}")
    return 0


def cmd_device(args):
    if args.board not in boards.BOARDS:
        raise ConfigError(f"no generator entry for board '{args.board}' (known: {', '.join(sorted(boards.BOARDS))})")
    text = dump_yaml(device_config(args.board))
    if args.check:
        with open(args.check) as f:
            if f.read() != text:
                print(f"{args.check} differs from the device configuration for {args.board}: regenerate it with\n"
                      f"  tests/lava/lava_job.py device --board {args.board} > {args.check}")
                return 1
        print(f"{args.check}: the device configuration for {args.board}")
        return 0
    sys.stdout.write(text)
    return 0


def log_entries(log_path):
    """The entries of a lava-run log: one JSON object a line (lines that are not, such as
    QEMU's own output before the logger starts, are passed over)."""
    with open(log_path, errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue


def lava_cases(log_path):
    """(case -> result) from a lava-run log, and the job's own result."""
    cases, job = {}, None
    for e in log_entries(log_path):
        if not isinstance(e, dict) or e.get("lvl") != "results":
            continue
        msg = e.get("msg") or {}
        if msg.get("definition") == "lava":
            if msg.get("case") == "job":
                job = msg.get("result")
            continue
        case = msg.get("case")
        if case:
            if case in cases:
                cases[case] = "fail"  # a case reported twice cannot be believed
            else:
                cases[case] = msg.get("result")
    return cases, job


def cmd_timing(args):
    """Seconds from the job's start to each top-level action's end, and to the guest's markers."""
    t0, rows = None, []
    for e in log_entries(args.log):
        msg = e.get("msg")
        if not isinstance(msg, str):
            continue
        when = datetime.datetime.fromisoformat(e["dt"])
        t0 = t0 or when
        top = msg.startswith("end: ") and msg.split()[1].isdigit()
        if top or msg.startswith("@@UIOKIT BEGIN") or msg.startswith("@@UIOKIT END"):
            rows.append(f"{(when - t0).total_seconds():7.2f} s  {msg.split(' (')[0]}")
    print("LAVA's actions, seconds from the job's start:")
    for r in rows:
        print("  " + r)
    return 0


def cmd_results(args):
    cases, job = lava_cases(args.log)
    with open(args.checks) as f:
        listed = json.load(f)
    names = [c["name"] for c in listed]
    screendump = {c["name"]: c["screendump"] for c in listed}
    rig_status = None
    if args.rig:
        with open(args.rig) as f:
            rig_status = {k: v["status"] for k, v in json.load(f)["checks"].items()}
    problems, counts = [], {"pass": 0, "fail": 0, "skip": 0}
    for name in names:
        got = cases.get(lava_case_name(name))
        if got is None:
            problems.append(f"{name}: LAVA has no result for it (the job timed out or the line was lost)")
            continue
        counts[got] = counts.get(got, 0) + 1
        line = f"  {got:5} {name}"
        if got == "fail":
            problems.append(f"{name}: failed under LAVA")
        elif got == "skip" and not screendump.get(name):
            problems.append(f"{name}: skipped under LAVA, but it needs no screendump")
        if rig_status is not None and got != "skip":
            want = {"PASS": "pass"}.get(rig_status.get(name), "fail")
            if want != got:
                problems.append(f"{name}: LAVA says {got}, the rig's own run said {rig_status.get(name)}")
            line += f"  (rig: {rig_status.get(name)})"
        print(line)
    extra = sorted(set(cases) - {lava_case_name(n) for n in names})
    for name in extra:
        problems.append(f"{name}: LAVA reported a case that is not a registered check")
    print(f"LAVA job result: {job}; test cases: {counts['pass']} pass, {counts['fail']} fail, {counts['skip']} skip")
    for p in problems:
        print(f"FAIL: {p}")
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("job")
    p.add_argument("--config", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--break", dest="broken", action="append", metavar="NAME")
    p.add_argument("--only", action="append", metavar="NAME", help="only these checks (repeatable)")
    p.set_defaults(fn=cmd_job)
    p = sub.add_parser("device")
    p.add_argument("--board", required=True)
    p.add_argument("--check")
    p.set_defaults(fn=cmd_device)
    p = sub.add_parser("results")
    p.add_argument("--log", required=True)
    p.add_argument("--checks", required=True, help="checks.json written by `job`: the checks the job runs")
    p.add_argument("--rig", help="the rig's results.json of the same run, to compare verdicts")
    p.set_defaults(fn=cmd_results)
    p = sub.add_parser("timing")
    p.add_argument("--log", required=True)
    p.set_defaults(fn=cmd_timing)
    args = ap.parse_args()
    try:
        return args.fn(args)
    except (ConfigError, OSError, yaml.YAMLError) as e:
        print(f"lava_job.py: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
