# SPDX-License-Identifier: MIT
"""python.missing_device: devices that are not there raise uiokit.NotFound (a uiokit.Error)
whose message names what was asked for and whose code is the library's, and the interpreter
carries on: a UIO name and a PCI ID the x86 guest does not have."""
import uiokit

for call, subject in (
    (lambda: uiokit.open("uio:no-such-uio"), "no-such-uio"),
    (lambda: uiokit.Device("pci:1234:5678:bar0", svd="edu"), "1234:5678"),
    (lambda: uiokit.interrupt("uio:no-such-uio"), "no-such-uio"),
):
    try:
        call()
    except uiokit.Error as e:
        print(f"{type(e).__name__} ({e.code}): {e}")
        assert isinstance(e, uiokit.NotFound), f"{type(e).__name__}, not NotFound"
        assert e.code == "not_found", e.code
        assert subject in str(e), f"the message does not name {subject}"
    else:
        raise AssertionError(f"no error for a device named {subject}")
print("PASS")
