#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""uiokit's QEMU guest rig (see README.md in this folder).

  rig.py boot     --config BUILD/qemu/<board>.json   boot once, run every check, write results
  rig.py result   --config ... --check NAME          one check's verdict from those results
  rig.py run      --board B --build BUILD [--only NAME...]   boot and show the console
                  [--break NAME] [--artifacts DIR]       a check failing on purpose
  rig.py shell    --board B --build BUILD            interactive guest shell on this terminal
  rig.py selftest                                    the parser against broken transcripts
  rig.py dumpdtb  --board B --out FILE               QEMU's generated tree for B (dts/ overlays it)
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from riglib import boards, initramfs, report, runner, transcript  # noqa: E402
from riglib.config import ConfigError, Rig  # noqa: E402

BOOT_BUDGET = 90  # seconds for a boot plus module loading, over the checks' own timeouts
SKIP_STATUS = 77  # a check that skipped itself; its ctest test is reported as skipped


def config_path(args):
    if getattr(args, "config", None):
        return args.config
    return os.path.join(os.path.abspath(args.build), "qemu", f"{args.board}.json")


def clear_previous_run(artifacts):
    """A check's test reads this run's results and screendumps, never a previous run's: a check
    that fails before its dump must not leave an older picture for its verify test to pass on."""
    for name in os.listdir(artifacts):
        path = os.path.join(artifacts, name)
        if name == report.RESULTS_FILE or name.endswith((".ppm", ".png")):
            os.remove(path)
        elif name == "fb" and os.path.isdir(path):
            shutil.rmtree(path)


def boot_once(rig, only=None, timeout=None, echo=None, extra_append="", broken=()):
    os.makedirs(rig.artifacts, exist_ok=True)
    clear_previous_run(rig.artifacts)
    initrd = os.path.join(rig.artifacts, "initramfs.cpio")
    print(initramfs.build(rig, initrd, only=only, broken=broken), flush=True)
    checks = [c for c in rig.checks if only is None or c["name"] in only]
    if timeout is None:
        timeout = BOOT_BUDGET + sum(c["timeout"] for c in checks) * 2
    qmp_path = os.path.join(tempfile.gettempdir(), f"uiokit-qmp-{os.getpid()}-{rig.board.name}.sock")
    argv = boards.qemu_argv(rig.board, rig.cache, initrd, rig.dtb(), qmp_path, extra_append=extra_append,
                            host_share=boards.wants_host_share(rig.board, checks))
    run = runner.boot(argv, qmp_path, rig.artifacts, os.path.join(rig.artifacts, "console.log"),
                      timeout, echo=echo)
    if os.path.exists(qmp_path):
        os.remove(qmp_path)
    rep = transcript.parse(run.lines, rig.board.name, [c["name"] for c in checks], run.timed_out)
    return report.save(rig.artifacts, rig.board.name, rep, run)


def cmd_boot(args):
    rig = Rig(config_path(args))
    data = boot_once(rig, timeout=args.timeout, extra_append=args.append)
    print(report.summary(data))
    print(f"console log: {os.path.join(rig.artifacts, 'console.log')}")
    # Failed checks are reported by their own tests; this one fails when the guest itself did.
    return 0 if data["guest_ok"] else 1


def cmd_result(args):
    rig = Rig(config_path(args))
    try:
        data = report.load(rig.artifacts)
    except FileNotFoundError:
        print(f"no results in {rig.artifacts}: the qemu.{rig.board.name}.boot test did not run")
        return 1
    verdict, text = report.check_verdict(data, args.check)
    print(text)
    return {"PASS": 0, "SKIP": SKIP_STATUS}.get(verdict, 1)


def cmd_run(args):
    rig = Rig(config_path(args))
    if args.artifacts:
        rig.artifacts = os.path.abspath(args.artifacts)
    only = args.only or None
    unknown = [n for n in (only or []) + (args.broken or []) if n not in rig.names]
    if unknown:
        print(f"unknown checks for {rig.board.name}: {unknown}; known: {rig.names}")
        return 2
    data = boot_once(rig, only=only, echo=None if args.quiet else print, extra_append=args.append,
                     broken=args.broken or ())
    print(report.summary(data))
    ok = data["guest_ok"] and all(c["status"] == "PASS" for c in data["checks"].values())
    return 0 if ok else 1


def cmd_shell(args):
    rig = Rig(config_path(args))
    os.makedirs(rig.artifacts, exist_ok=True)
    initrd = os.path.join(rig.artifacts, "initramfs-shell.cpio")
    print(initramfs.build(rig, initrd, interactive=True))
    qmp_path = os.path.join(rig.artifacts, "qmp-shell.sock")
    argv = boards.qemu_argv(rig.board, rig.cache, initrd, rig.dtb(), qmp_path, interactive=True,
                            extra_append=args.append, host_share=boards.wants_host_share(rig.board, rig.checks))
    print(f"QMP at {qmp_path}; Ctrl-A X quits QEMU")
    os.execvp(argv[0], argv)


def cmd_selftest(_args):
    from riglib import selftest
    return selftest.main()


def cmd_dumpdtb(args):
    out = os.path.abspath(args.out)
    res = subprocess.run(boards.dumpdtb_argv(boards.BOARDS[args.board], out), capture_output=True, text=True,
                         check=False)
    if res.returncode != 0 or not os.path.exists(out):
        print(f"rig: QEMU wrote no tree for {args.board}: {res.stderr.strip()}")
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)

    def board_args(p):
        p.add_argument("--config", help="BUILD/qemu/<board>.json (instead of --board/--build)")
        p.add_argument("--board", choices=sorted(boards.BOARDS))
        p.add_argument("--build", default="build", help="the CMake build folder")
        p.add_argument("--append", default="", help="extra kernel command line")

    p = sub.add_parser("boot")
    board_args(p)
    p.add_argument("--timeout", type=float)
    p.set_defaults(fn=cmd_boot)
    p = sub.add_parser("result")
    board_args(p)
    p.add_argument("--check", required=True)
    p.set_defaults(fn=cmd_result)
    p = sub.add_parser("run")
    board_args(p)
    p.add_argument("--only", action="append", help="run only this check (repeatable)")
    p.add_argument("--quiet", action="store_true", help="do not echo the console")
    p.add_argument("--break", dest="broken", action="append", metavar="NAME",
                   help="replace this check with one that fails (exit 7): shows how a failure reads")
    p.add_argument("--artifacts", help="write the run's files here instead of the board's folder")
    p.set_defaults(fn=cmd_run)
    p = sub.add_parser("shell")
    board_args(p)
    p.set_defaults(fn=cmd_shell)
    p = sub.add_parser("selftest")
    p.set_defaults(fn=cmd_selftest)
    p = sub.add_parser("dumpdtb")
    p.add_argument("--board", required=True, choices=sorted(boards.BOARDS))
    p.add_argument("--out", required=True)
    p.set_defaults(fn=cmd_dumpdtb)
    args = ap.parse_args()
    if args.cmd not in ("selftest", "dumpdtb") and not args.config and not args.board:
        ap.error("give --config, or --board with --build")
    try:
        return args.fn(args)
    except (ConfigError, RuntimeError, OSError) as e:
        print(f"rig: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
