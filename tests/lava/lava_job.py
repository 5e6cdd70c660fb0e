#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The rig's guest checks as LAVA jobs (see README.md in this folder).

  lava_job.py job     --config BUILD/qemu/<board>.json --out DIR [--only NAME]...
                      [--break NAME]... [--silent NAME]... [--hang NAME]... [--test-timeout S]
                      the QEMU job (DIR/job.yaml), its device configuration (DIR/device.yaml) and
                      the artefacts it deploys from file:// URLs: the kernel, the device tree and
                      the rig's shell initramfs, with uiokit.screendump=off on the command line
  lava_job.py job     --physical --config BUILD/qemu/<board>.json --out DIR [--device-type T]
                      a job for a physical board of that kind: `boot: method: minimal` (the
                      board boots its own kernel), the same test definition
  lava_job.py device  --board B [--physical] [--check FILE]
                      print the device configuration for board B (or compare it with FILE)
  lava_job.py timing  --log LAVA-LOG       when each of LAVA's actions ended
  lava_job.py results --log LAVA-LOG --checks DIR/checks.json [--rig RESULTS.json]
                      the test cases LAVA logged: the job must have completed, every check of
                      the job must have a case; PASS needs every case to pass or skip, skips only
                      where the check asks the host for a screendump, and (--rig) each verdict
                      the rig's own run gave

The job's test action is an inline "Lava-Test Test Definition 1.0": one step per check,
`uiokit-lava-check <name> <seconds> <script>` (riglib/guestinit.py), which runs the check as the
rig's /init does and reports it with `lava-test-case <name> --result pass|fail|skip`. LAVA's job
status can be Complete while a test case failed: `results` judges the test cases.
--break, --silent and --hang sabotage one check (it fails; its step reports nothing; its step
never ends), so that the tests see each failure reported.
"""
import argparse
import datetime
import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "qemu"))
from riglib import boards, export  # noqa: E402
from riglib.guestinit import PROMPT  # noqa: E402
from riglib.config import ConfigError, Rig  # noqa: E402

SCREENDUMP_WORD = "uiokit-screendump"

# LAVA reads a case from `<LAVA_SIGNAL_TESTCASE TEST_CASE_ID=<case> RESULT=<r>>`
# (lava_dispatcher/actions/test/shell.py): whitespace or '>' would end the case's name, a '='
# breaks its KEY=VALUE split, and lava-test-case makes a results folder per case, which a '/'
# would nest. Those characters become '_'; the checks' names (their ctest names) have none.
FORBIDDEN_IN_CASES = re.compile(r"[\s=>/]")


def lava_case_name(check):
    return FORBIDDEN_IN_CASES.sub("_", check)


def qemu_options(board):
    """The board's QEMU options as the rig uses them, with LAVA's console on stdio."""
    return [" ".join(board.machine), "-nographic", "-monitor none", "-no-reboot", "-net none"]


CONSTANTS = {
    "posix": {"lava_test_sh_cmd": "/bin/sh", "lava_test_results_dir": "/lava-%s",
              "lava_test_shell_file": "~/.bashrc"},
    "shutdown-message": "The system is going down for reboot NOW",
    "kernel-start-message": "Linux version [0-9]",
    "default-shell-prompt": "lava-test: # ",
    "spawn_maxread": "4092",
    "failure_retry": 1,
    "boot_retry": None,
}


def device_config(board_name):
    """A rendered device configuration for LAVA's qemu device type, one per board."""
    board = boards.BOARDS[board_name]
    append = f"{board.append} {export.NO_SCREENDUMP}"
    return {
        "device_type": "qemu",
        "constants": CONSTANTS,
        "parameters": {},
        "available_architectures": ["arm", "amd64"],
        "actions": {
            # `guest` is the disk LAVA would put its overlay on (the qemu device type's default);
            # the jobs put the overlay into the ramdisk instead, but LAVA checks it is described
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


def physical_device_config():
    """A device configuration for a physical board (any of the rig's kinds): a serial console
    reached with `connect`, power through the lab's PDU commands, `minimal` boot and the
    test overlay fetched over HTTP from the worker. The commands are placeholders a lab
    replaces with its own (its device dictionary renders them)."""
    return {
        "device_type": "uiokit-board",
        "constants": CONSTANTS,
        "parameters": {},
        "commands": {"connect": "telnet localhost 7000",
                     "hard_reset": "pduclient --hostname pdu --port 1 --command reboot",
                     "power_off": "pduclient --hostname pdu --port 1 --command off",
                     "power_on": "pduclient --hostname pdu --port 1 --command on"},
        "actions": {
            "deploy": {"connections": {"serial": None}, "methods": {"overlay": None}},
            "boot": {"connections": {"serial": None}, "methods": {"minimal": None}},
        },
        "timeouts": {"actions": {"minimal-boot": {"minutes": 5}, "power-off": {"seconds": 10}},
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


def test_steps(scripts, silent=(), hang=()):
    """The test definition's steps: one `uiokit-lava-check` a check (see the module's doc for
    `silent` and `hang`)."""
    steps = []
    for name, seconds, script in scripts:
        if name in silent:
            steps.append(f"echo 'uiokit: {name} left without a result on purpose (--silent)'")
        elif name in hang:
            steps.append(f"echo 'uiokit: {name} hangs on purpose (--hang)'; sleep 100000")
        else:
            steps.append(f"uiokit-lava-check {lava_case_name(name)} {seconds} {script}")
    return steps


def test_action(board_name, steps, seconds, prelude=()):
    """A `test` action with an inline Lava-Test Test Definition 1.0."""
    name = f"uiokit-{board_name}"
    return {"test": {"timeout": {"seconds": seconds},
                     "definitions": [{
                         "from": "inline", "name": name, "path": f"inline/{name}.yaml",
                         "repository": {
                             "metadata": {"format": "Lava-Test Test Definition 1.0", "name": name,
                                          "description": f"uiokit's guest checks on {board_name}, one test case "
                                                         "each, named as its ctest test without qemu.<board>."},
                             "run": {"steps": list(prelude) + steps}}}]}}


def test_seconds(scripts):
    """The test action's timeout: every check's own, and two minutes for LAVA's test shell."""
    return sum(seconds for _, seconds, _ in scripts) + 120


def job_header(name, device_type, test_seconds):
    return {
        "device_type": device_type,
        "job_name": name,
        "timeouts": {"job": {"minutes": test_seconds // 60 + 8}, "action": {"minutes": 3},
                     "connection": {"minutes": 2}},
        "priority": "medium",
        "visibility": "public",
    }


def job_definition(rig, out, checks, broken=(), silent=(), hang=(), test_timeout=None):
    """The QEMU job; writes the artefacts into `out` and returns the job as a dict."""
    board = rig.board
    a = export.export(rig, out, interactive=True, only=[c["name"] for c in checks], broken=broken)
    images = {"kernel": {"image_arg": "-kernel {kernel}", "url": "file://" + a.kernel}}
    if a.image:
        images["image"] = {"image_arg": a.image_option, "url": "file://" + a.image}
    if a.dtb:
        images["dtb"] = {"image_arg": "-dtb {dtb}", "url": "file://" + a.dtb}
    # LAVA unpacks its test overlay (lava-test-runner, lava-test-case, the test definition) into
    # the ramdisk, at /lava-<job id>: the guest needs no disk, driver or mount for it.
    images["ramdisk"] = {"image_arg": "-initrd {ramdisk}", "url": "file://" + a.initramfs,
                         "format": "cpio.newc", "overlays": {"lava": True}}
    seconds = test_timeout or test_seconds(a.scripts)
    job = job_header(f"uiokit {board.name} guest checks", "qemu", seconds)
    job["context"] = {"arch": "arm" if board.arch in ("armhf", "armel") else board.arch}
    job["actions"] = [
        {"deploy": {"to": "tmpfs", "timeout": {"minutes": 2}, "images": images}},
        # The guest's kernel is quiet (loglevel=3): LAVA's default start message, "Linux version",
        # never comes. The shell initramfs's first line does.
        {"boot": {"method": "qemu", "media": "tmpfs", "timeout": {"minutes": 2}, "prompts": [PROMPT],
                  "parameters": {"kernel-start-message": f"uiokit {board.name} guest: "}}},
        test_action(board.name, test_steps(a.scripts, silent, hang), seconds),
    ]
    return job


# A physical board boots its own kernel; the checks' files must be on it (see README.md).
PHYSICAL_PRELUDE = ["command -v uiokit-lava-check >/dev/null || lava-test-raise "
                    "'uiokit-lava-check is missing: boot the board with initramfs.cpio from lava_job.py, "
                    "or unpack it onto its root'"]


def physical_job_definition(rig, out, checks, device_type):
    """The job for a physical board: deploy the overlay only, `minimal` boot (the board's own
    kernel), log in as root, fetch the overlay over HTTP, run the same test definition. The
    initramfs it expects on the board is written to `out` too."""
    board = rig.board
    a = export.export(rig, out, interactive=True, only=[c["name"] for c in checks])
    seconds = test_seconds(a.scripts)
    job = job_header(f"uiokit {board.name} guest checks (physical board)", device_type, seconds)
    job["actions"] = [
        {"deploy": {"to": "overlay", "timeout": {"minutes": 2}}},
        {"boot": {"method": "minimal", "timeout": {"minutes": 5}, "reset": True,
                  "auto_login": {"login_prompt": "login:", "username": "root"},
                  "prompts": [PROMPT, "root@[^:]*:[^#]*# "],
                  "transfer_overlay": {"download_command": "wget -S", "unpack_command": "tar -C / -xzf"}}},
        test_action(board.name, test_steps(a.scripts), seconds, prelude=PHYSICAL_PRELUDE),
    ]
    return job


def load_rig(config):
    """The rig's configuration of one board, refused by name when this generator has no entry
    for the board."""
    with open(config) as f:
        board = json.load(f).get("board")
    if board not in boards.BOARDS:
        raise ConfigError(f"{config}: no generator entry for board '{board}' in tests/qemu/riglib/boards.py "
                          f"(known: {', '.join(sorted(boards.BOARDS))})")
    return Rig(config)


def cmd_job(args):
    rig = load_rig(args.config)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    sabotaged = (args.broken or []) + (args.silent or []) + (args.hang or [])
    unknown = [b for b in sabotaged + (args.only or []) if b not in rig.names]
    if unknown:
        raise ConfigError(f"{unknown[0]}: no such check on {rig.board.name}")
    checks = [c for c in rig.checks if not args.only or c["name"] in args.only]
    cases = [lava_case_name(c["name"]) for c in checks]
    twice = sorted({c for c in cases if cases.count(c) > 1})
    if twice:
        raise ConfigError(f"checks {', '.join(twice)}: two checks give the same LAVA test case name")
    if args.physical:
        job = physical_job_definition(rig, out, checks, args.device_type or rig.board.name)
        device = physical_device_config()
    else:
        job = job_definition(rig, out, checks, tuple(args.broken or ()), tuple(args.silent or ()),
                             tuple(args.hang or ()), args.test_timeout)
        device = device_config(rig.board.name)
    with open(os.path.join(out, "job.yaml"), "w") as f:
        f.write(dump_yaml(job))
    with open(os.path.join(out, "device.yaml"), "w") as f:
        f.write(dump_yaml(device))
    with open(os.path.join(out, "checks.json"), "w") as f:
        json.dump([{"name": c["name"], "screendump": asks_for_screendump(c)} for c in checks], f, indent=1)
    print(f"{out}/job.yaml: {len(checks)} checks on {rig.board.name}{' (physical board)' if args.physical else ''}")
    return 0


def cmd_device(args):
    if args.physical:
        data, what = physical_device_config(), "a physical board"
    else:
        if not args.board:
            raise ConfigError("device: name a --board, or --physical")
        if args.board not in boards.BOARDS:
            raise ConfigError(f"no generator entry for board '{args.board}' (known: {', '.join(sorted(boards.BOARDS))})")
        data, what = device_config(args.board), args.board
    how = "--physical" if args.physical else f"--board {args.board}"
    text = (f"# SPDX-License-Identifier: MIT\n# LAVA's device configuration for {what}, written by "
            f"`tests/lava/lava_job.py device {how}`\n" + dump_yaml(data))
    if args.check:
        with open(args.check) as f:
            if f.read() != text:
                print(f"{args.check} differs from the device configuration for {what}: regenerate it with\n"
                      f"  tests/lava/lava_job.py device {how} > {args.check}")
                return 1
        print(f"{args.check}: the device configuration for {what}")
        return 0
    sys.stdout.write(text)
    return 0


def log_entries(log_path):
    """The entries of a lava-run log: one YAML flow mapping a line, most of them JSON (a test
    case's `starttc` is written with a YAML tag); lines that are neither, such as QEMU's own
    output before the logger starts, are passed over."""
    with open(log_path, errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                try:
                    yield yaml.load(line, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
                except yaml.YAMLError:
                    continue


def lava_cases(log_path):
    """(case -> result) from a lava-run log, and the job's own result entry."""
    cases, job = {}, None
    for e in log_entries(log_path):
        if not isinstance(e, dict) or e.get("lvl") != "results":
            continue
        msg = e.get("msg") or {}
        if msg.get("definition") == "lava":
            if msg.get("case") == "job":
                job = msg
            continue
        case = msg.get("case")
        if case:
            if case in cases:
                cases[case] = "fail"  # a case reported twice cannot be believed
            else:
                cases[case] = msg.get("result")
    return cases, job


# Log lines that mark where the time goes, besides the ends of LAVA's top-level actions.
TIMING_MARKS = {"Boot command:": "QEMU started", "<LAVA_SIGNAL_STARTRUN": "the test runner started",
                "<LAVA_SIGNAL_ENDRUN": "the last check reported"}


def cmd_timing(args):
    """Seconds from the job's start to each top-level action's end, and to the marks above."""
    t0, rows = None, []
    for e in log_entries(args.log):
        msg = e.get("msg")
        if not isinstance(msg, str):
            continue
        when = datetime.datetime.fromisoformat(e["dt"])
        t0 = t0 or when
        what = next((label for mark, label in TIMING_MARKS.items() if msg.startswith(mark)), None)
        if msg.startswith("end: ") and msg.split()[1].isdigit():
            what = msg.split(" (")[0]
        if what:
            rows.append(f"{(when - t0).total_seconds():7.2f} s  {what}")
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
    # A job that did not complete (a timeout, a lost connection) is a failure whatever cases it
    # logged before it stopped.
    if job is None:
        problems.append("the LAVA job has no result: lava-run did not finish")
    elif job.get("result") != "pass":
        problems.append(f"the LAVA job failed: {job.get('error_type')}: {job.get('error_msg')}")
    for name in names:
        got = cases.get(lava_case_name(name))
        if got is None:
            problems.append(f"{name}: LAVA has no result for it (it printed none, or the job stopped before it)")
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
    print(f"LAVA job result: {job and job.get('result')}; test cases: {counts['pass']} pass, {counts['fail']} fail, {counts['skip']} skip")
    for p in problems:
        print(f"FAIL: {p}")
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("job")
    p.add_argument("--config", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--physical", action="store_true", help="a job for a physical board (boot: method: minimal)")
    p.add_argument("--device-type", help="--physical: the lab's device type (default: the board's name)")
    p.add_argument("--only", action="append", metavar="NAME", help="only these checks (repeatable)")
    p.add_argument("--break", dest="broken", action="append", metavar="NAME", help="this check fails")
    p.add_argument("--silent", action="append", metavar="NAME", help="this check's step reports nothing")
    p.add_argument("--hang", action="append", metavar="NAME", help="this check's step never ends")
    p.add_argument("--test-timeout", type=int, metavar="SECONDS", help="the test action's timeout")
    p.set_defaults(fn=cmd_job)
    p = sub.add_parser("device")
    p.add_argument("--board")
    p.add_argument("--physical", action="store_true")
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
    except (ConfigError, OSError, RuntimeError, json.JSONDecodeError, yaml.YAMLError) as e:
        print(f"lava_job.py: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
