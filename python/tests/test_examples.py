# SPDX-License-Identifier: MIT
# The bring-up scripts of examples/python run as a user would run them: the register walk over
# a file: region, the asyncio interrupt loop with its no-hardware stand-in.
import os
import subprocess
import sys

from conftest import SOURCE
from svd_helpers import pattern_file

EXAMPLES = SOURCE / "examples" / "python"


def run(*args):
    return subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, timeout=60, env=os.environ)


def test_register_walk_prints_a_table(tmp_path):
    addr = pattern_file(tmp_path / "rtc.bin", 0x100)
    p = run(EXAMPLES / "register_walk.py", addr, "s3c-rtc")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].split()[:3] == ["register", "offset", "value"]
    con = next(line for line in lines if line.startswith("RTC.RTCCON "))
    assert "TICCKSEL=" in con and "0x40" in con


def test_register_walk_says_what_is_wrong(tmp_path):
    p = run(EXAMPLES / "register_walk.py", "file:" + str(tmp_path / "missing"), "s3c-rtc")
    assert p.returncode == 1 and "register_walk:" in p.stderr
    p = run(EXAMPLES / "register_walk.py", pattern_file(tmp_path / "r.bin", 0x100), "s3c-rtc", "RTX")
    assert p.returncode == 64 and "RTC" in p.stderr


def test_irq_loop_with_the_fake_device():
    p = run(EXAMPLES / "irq_loop.py", "--fake", "5")
    assert p.returncode == 0, p.stderr
    seen = int(p.stdout.split()[0])
    assert seen >= 5 and "missed" in p.stdout


def test_irq_loop_without_the_device_says_so():
    p = run(EXAMPLES / "irq_loop.py", "uio:no-such-device-here", "1")
    assert p.returncode == 1 and "irq_loop:" in p.stderr
