#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""A labgrid environment for one of the rig's boards (see README.md in this folder).

  labgrid_env.py --config BUILD/qemu/<board>.json --out DIR [--break NAME]...

writes DIR/env.yaml (a QEMUDriver with the rig's kernel, device tree and initramfs, and a
ShellDriver on the guest's console) and DIR/checks.json (each check's script in the guest, its
timeout and whether it asks the host for a screendump). The initramfs is the rig's shell image:
modules loaded, the checks' programs and scripts in place, none run; the tests run them.
"""
import argparse
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "qemu"))
sys.path.insert(0, os.path.join(HERE, "..", "lava"))
from lava_job import asks_for_screendump  # noqa: E402
from riglib import boards, export  # noqa: E402
from riglib.guestinit import PROMPT  # noqa: E402
from riglib.config import ConfigError, Rig  # noqa: E402


# The CPU of the ARM machines, which the rig leaves to QEMU's default: labgrid names one.
CPUS = {"vexpress-a9": "cortex-a9", "smdkc210": "cortex-a9"}


def split_machine(board):
    """(machine, cpu, memory, other options) from the rig's QEMU options: labgrid's QEMUDriver
    names -machine, -cpu and -m itself."""
    opts, machine, cpu, memory, rest = list(board.machine), "", "", "256M", []
    while opts:
        o = opts.pop(0)
        if o in ("-M", "-machine"):
            machine = opts.pop(0)
        elif o == "-cpu":
            cpu = opts.pop(0)
        elif o == "-m":
            memory = opts.pop(0) + "M"
        else:
            rest.append(o)
    return machine, cpu or CPUS[machine], memory, rest


def environment(rig, a):
    board = rig.board
    machine, cpu, memory, rest = split_machine(board)
    extra = rest + ["-initrd", a.initramfs, "-no-reboot"]
    if boards.wants_host_share(board, a.checks):
        extra += boards.HOST_SHARE
    if a.image:
        extra += a.image_option.replace("{image}", a.image).split()
    qemu = {"qemu_bin": "qemu", "machine": machine, "cpu": cpu, "memory": memory,
            "kernel": "kernel", "boot_args": a.append, "extra_args": " ".join(extra)}
    images = {"kernel": a.kernel}
    if a.dtb:
        qemu["dtb"] = "dtb"
        images["dtb"] = a.dtb
    return {
        "targets": {"main": {"drivers": {
            "QEMUDriver": qemu,
            "ShellDriver": {"prompt": PROMPT, "login_prompt": "login: ", "username": "root", "login_timeout": 120},
        }}},
        "tools": {"qemu": board.qemu if os.path.isabs(board.qemu) else f"/usr/bin/{board.qemu}"},
        "images": images,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--break", dest="broken", action="append", metavar="NAME",
                    help="replace this check with one that fails (exit 7), to see a failure reported")
    args = ap.parse_args()
    try:
        rig = Rig(args.config)
        if rig.board.name not in ("vexpress", "smdkc210", "x86"):
            raise ConfigError(f"no labgrid environment for board '{rig.board.name}' (vexpress, smdkc210 and x86 "
                              "have one)")
        out = os.path.abspath(args.out)
        a = export.export(rig, out, interactive=True, broken=tuple(args.broken or ()))
        scripts = [{"name": name, "script": script, "timeout": seconds, "screendump": asks_for_screendump(c)}
                   for c, (name, seconds, script) in zip(a.checks, a.scripts)]
        with open(os.path.join(out, "env.yaml"), "w") as f:
            yaml.safe_dump(environment(rig, a), f, sort_keys=False)
        with open(os.path.join(out, "checks.json"), "w") as f:
            json.dump(scripts, f, indent=1)
    except (ConfigError, OSError, RuntimeError) as e:
        print(f"labgrid_env.py: {e}", file=sys.stderr)
        return 2
    print(f"{out}/env.yaml: {len(scripts)} checks on {rig.board.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
