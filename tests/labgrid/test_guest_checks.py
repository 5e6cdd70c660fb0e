# SPDX-License-Identifier: MIT
"""The rig's guest checks run through labgrid: its QEMUDriver boots the board, its ShellDriver
runs each check's script in the guest's shell and reads its exit status.

    python3 -m pytest tests/labgrid/test_guest_checks.py --lg-env DIR/env.yaml

DIR is what labgrid_env.py wrote (env.yaml and checks.json side by side). A check exits 0 to
pass and 77 to skip itself (the screendump checks do: nothing answers them here); anything else
fails it, with the check's output.
"""
import json
import os

import pytest


def _checks():
    env = os.environ.get("UIOKIT_LABGRID_DIR")
    if not env:
        return []
    with open(os.path.join(env, "checks.json")) as f:
        return json.load(f)


CHECKS = _checks()


@pytest.fixture(scope="module")
def shell(target):
    qemu = target.get_driver("QEMUDriver")
    qemu.on()
    yield target.get_driver("ShellDriver")
    qemu.off()


def test_the_board_has_checks():
    assert CHECKS, "no checks: set UIOKIT_LABGRID_DIR to the folder labgrid_env.py wrote"


@pytest.mark.parametrize("check", CHECKS, ids=[c["name"] for c in CHECKS])
def test_check(shell, check):
    out, _, status = shell.run(f"sh {check['script']}", timeout=max(30.0, 2 * check["timeout"] + 10))
    text = "\n".join(out)
    if status == 77:
        assert check["screendump"], f"{check['name']} skipped itself, but it asks for no screendump:\n{text}"
        pytest.skip("asks the host for a screendump, which nothing answers under labgrid")
    assert status == 0, f"{check['name']} exited {status}:\n{text}"
