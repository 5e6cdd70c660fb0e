# SPDX-License-Identifier: MIT
# A Device over a transport that is not a mapping: QEMU's GDB stub on vexpress-a9 paused at reset
# (no kernel). Registers by SVD name through gdb:, a device register written through the CPU
# (cpu@: QEMU's stub drops device writes it is sent), and what a transport Device cannot do.
# Skipped without qemu-system-arm, a failure then under CI=true.
import os
import shutil
import subprocess
import time

import pytest

import uiokit
from conftest import SHIPPED_SVD


@pytest.fixture
def stub(tmp_path):
    """The path of the GDB socket of a vexpress-a9 paused at reset."""
    qemu = shutil.which("qemu-system-arm")
    if not qemu:
        if os.environ.get("CI") == "true":
            pytest.fail("qemu-system-arm is not installed (scripts/install-deps.sh)")
        pytest.skip("qemu-system-arm is not installed")
    sock = tmp_path / "gdb.sock"
    proc = subprocess.Popen([qemu, "-M", "vexpress-a9", "-S", "-gdb", f"unix:{sock},server=on,wait=off",
                             "-display", "none", "-monitor", "none", "-serial", "none", "-nodefaults"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "QEMU_AUDIO_DRV": "none"})
    try:
        for _ in range(100):
            if sock.exists():
                break
            if proc.poll() is not None:
                pytest.fail(f"QEMU exited: {proc.stderr.read().decode()}")
            time.sleep(0.1)
        else:
            pytest.fail("QEMU's GDB socket did not appear within 10 s")
        yield sock
    finally:
        proc.kill()
        proc.wait()


def test_registers_by_name_over_gdb(stub):
    dev = uiokit.Device(f"gdb:unix:{stub}:mem:0x10017000+0x1000", svd=str(SHIPPED_SVD / "pl031.svd"))
    assert dev.region is None
    assert int(dev.RTC.RTCPeriphID0) == 0x31
    assert int(dev.RTC.RTCPeriphID1) == 0x10
    # QEMU's PL031 starts from the host's time
    assert abs(int(dev.RTC.RTCDR) - time.time()) <= 2
    entries = {e["name"]: e for e in dev.to_dict()}
    assert entries["RTC.RTCPCellID3"]["value"] == 0xb1
    assert entries["RTC.RTCPCellID3"]["address"] == 0x10017ffc
    with pytest.raises(uiokit.Error, match="a Device over a transport has no interrupt"):
        dev.interrupt()
    dev.close()
    with pytest.raises(uiokit.InvalidArgument, match="the Device is closed"):
        int(dev.RTC.RTCDR)
    # closing let the stub take the next debugger
    again = uiokit.Device(f"gdb:unix:{stub}:mem:0x10017000+0x1000", svd=str(SHIPPED_SVD / "pl031.svd"))
    assert int(again.RTC.RTCPeriphID0) == 0x31


def test_device_registers_written_through_the_cpu(stub):
    svd = str(SHIPPED_SVD / "pl111.svd")
    with uiokit.Device(f"gdb:unix:{stub}:mem:0x10020000+0x1000", svd=svd) as dev:
        dev.CLCD.LCDUPBASE = 0x4c000000
        assert int(dev.CLCD.LCDUPBASE) == 0  # dropped by QEMU's stub
    with uiokit.Device(f"gdb:unix:{stub}:mem:0x10020000+0x1000:cpu@0x60000000", svd=svd) as dev:
        dev.CLCD.LCDUPBASE = 0x4c000000
        assert int(dev.CLCD.LCDUPBASE) == 0x4c000000


def test_transport_errors_are_python_exceptions(tmp_path):
    with pytest.raises(uiokit.NotFound):
        uiokit.Device(f"gdb:unix:{tmp_path}/none.sock:mem:0x10017000", svd=str(SHIPPED_SVD / "pl031.svd"))
    with pytest.raises(uiokit.ParseError):
        uiokit.Device("gdb:unix:/x:mem:0x10017000:cpu@0x3", svd=str(SHIPPED_SVD / "pl031.svd"))
