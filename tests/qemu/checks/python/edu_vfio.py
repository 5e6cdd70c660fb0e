# SPDX-License-Identifier: MIT
"""python.edu_vfio: QEMU's edu device through VFIO, by its SVD names: the identity register, the
liveness register (it reads back the inverse of what was written) and two factorials whose end
the device signals by MSI, waited for with Interrupt.wait().

edu is bound to vfio-pci for the check (driver_override, so that nothing else claims it) and
left unbound at the end whatever happened, as the other edu checks expect to find it. The unbind
comes while the closed Device still exists: closing must have released the VFIO device."""
import os

import uiokit

PCI = "/sys/bus/pci"


def read(path):
    with open(path) as f:
        return f.read().strip()


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def find_edu():
    for bdf in sorted(os.listdir(f"{PCI}/devices")):
        d = f"{PCI}/devices/{bdf}"
        if read(f"{d}/vendor") == "0x1234" and read(f"{d}/device") == "0x11e8":
            return bdf
    raise AssertionError("no edu device (1234:11e8) in the guest")


def unbind(bdf):
    d = f"{PCI}/devices/{bdf}"
    if os.path.exists(f"{d}/driver"):
        write(f"{d}/driver/unbind", bdf)


def msi_count(bdf):
    """The guest kernel's count for the device's VFIO MSI vector (vfio-msi[0](BDF))."""
    with open("/proc/interrupts") as f:
        for line in f:
            if f"vfio-msi[0]({bdf})" in line:
                return sum(int(c) for c in line.split()[1:] if c.isdigit())
    return 0


def check(dev, bdf):
    edu = dev.EDU
    ident = int(edu.ID)
    print(f"{dev.region.address}: ID {ident:#010x}, MAGIC {edu.ID.MAGIC.enum}")
    assert ident == 0x010000ED, f"ID is {ident:#010x}, not edu's 0x010000ed"
    assert edu.ID.MAGIC.enum == "edu"

    for value in (0x12345678, 0xA5A5F00F):
        edu.LIVENESS = value
        back = int(edu.LIVENESS)
        print(f"LIVENESS {value:#010x} -> {back:#010x}")
        assert back == ~value & 0xFFFFFFFF, "LIVENESS does not read back the inverse"

    with dev.region.interrupt(kind="msi") as irq:
        before = msi_count(bdf)
        for n, expected in ((10, 3628800), (12, 479001600)):
            edu.STATUS.IRQ_ON_DONE = 1
            edu.FACTORIAL = n
            events = irq.wait(timeout=2.0)
            assert events is not None, f"no MSI within 2 s for {n}!"
            status = int(edu.IRQ_STATUS)
            result = int(edu.FACTORIAL)
            edu.IRQ_ACK = status
            irq.enable()
            print(f"{n}! = {result} ({events}, IRQ_STATUS {status:#x})")
            assert status & 1, "IRQ_STATUS lacks the factorial bit"
            assert result == expected, f"{n}! read as {result}"
        after = msi_count(bdf)
        print(f"vfio-msi[0]({bdf}) in /proc/interrupts: {before} -> {after}")
        assert after - before >= 2, "the kernel did not count two MSIs"


def main():
    bdf = find_edu()
    d = f"{PCI}/devices/{bdf}"
    unbind(bdf)
    write(f"{d}/driver_override", "vfio-pci")
    try:
        write(f"{PCI}/drivers_probe", bdf)
        driver = os.path.basename(os.readlink(f"{d}/driver"))
        assert driver == "vfio-pci", f"{bdf} is on {driver}, not vfio-pci"
        dev = uiokit.Device("vfio:1234:11e8:bar0", svd="edu")
        with dev:
            check(dev, bdf)
    finally:
        # `dev` still exists (closed): closing released the VFIO device, else this unbind
        # would wait for it for good (and the check run into its timeout)
        unbind(bdf)
        write(f"{d}/driver_override", "\n")
    print("PASS")


if __name__ == "__main__":
    main()
