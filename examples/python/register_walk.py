#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Walk a device's registers by their SVD names and print a table of decoded values.

    register_walk.py ADDRESS SVD [PERIPHERAL...]

ADDRESS is a uiokit device address (uio:rtc, mem:0x10070000+0x100, file:regs.bin, ...); SVD a
CMSIS-SVD file or a shipped name (s3c-rtc, pl111, hpet). Registers whose read has side effects
and write-only registers are listed but not read.
"""
import sys

import uiokit


def walk(dev: uiokit.Device, peripherals: list[str]) -> None:
    print(f"{'register':<28} {'offset':>8} {'value':>12}  fields")
    for pname in peripherals or dev.peripherals:
        p = getattr(dev, pname)
        for rname in p.registers:
            reg = p[rname]
            entry = reg.to_dict()
            if "skipped" in entry:
                print(f"{reg.name:<28} {reg.offset:>#8x} {'-':>12}  (not read: {entry['skipped']})")
                continue
            fields = " ".join(f"{name}={f.get('enum', f['value'])}" for name, f in entry.get("fields", {}).items())
            print(f"{reg.name:<28} {reg.offset:>#8x} {entry['hex']:>12}  {fields}")


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 64
    try:
        with uiokit.Device(argv[1], svd=argv[2], writable=False) as dev:
            walk(dev, argv[3:])
    except uiokit.Error as e:
        print(f"register_walk: {e}", file=sys.stderr)
        return 1
    except AttributeError as e:
        print(f"register_walk: {e}", file=sys.stderr)
        return 64
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
