#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a copy of a kernel module that looks built for another kernel, as the x86 guest check
uio_stub.other_kernel_refused needs. A kernel with CONFIG_MODVERSIONS (Debian's) compares the
CRC of the symbol module_layout, which another kernel's headers give another value, and not
the release in vermagic; so both are changed: the CRC's 32 bits inverted in the module's
__versions table (entries of an 8-byte CRC and a 56-byte name), and every digit of the release
in vermagic replaced ("9.9.9-99-amd99"), lengths kept, so that the ELF stays valid and only the
kernel's version checks refuse it.
Usage: other_kernel_module.py IN.ko OUT.ko"""
import re
import sys


def main():
    src, dst = sys.argv[1:3]
    with open(src, "rb") as f:
        data = bytearray(f.read())
    m = re.search(rb"\0vermagic=([^ \0]+)", data)
    if not m:
        sys.exit(f"{src}: no vermagic in its .modinfo")
    release = bytes(m.group(1))
    other = re.sub(rb"[0-9]", b"9", release)
    if other == release:
        other = re.sub(rb"[0-9]", b"8", release)
    data[m.start(1):m.end(1)] = other
    # the name field starts after the CRC's last byte; entries are 8-byte aligned
    name = data.find(b"\0module_layout\0")
    if name >= 8 and (name + 1) % 8 == 0:
        crc = name + 1 - 8
        data[crc:crc + 4] = bytes(b ^ 0xFF for b in data[crc:crc + 4])
    with open(dst, "wb") as f:
        f.write(data)
    print(f"{dst}: vermagic release {other.decode()} instead of {release.decode()}"
          + (", module_layout's CRC inverted" if name >= 8 and (name + 1) % 8 == 0 else ""))


if __name__ == "__main__":
    main()
