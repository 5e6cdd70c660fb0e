# SPDX-License-Identifier: MIT
"""Debian's own programs in the ARM guests, dynamically linked as Debian ships them: util-linux's
hwclock, the /dev/rtc client users run (busybox's is a smaller one). The packages of the guest's
architecture are unpacked into the cache once (fetch.py); each initramfs takes the programs, and
the loader and shared libraries they load (riglib/dynlibs.py) from the same packages."""
import os

from . import debian, dynlibs

# guest path -> path in the unpacked packages
PROGRAMS = {"usr/sbin/hwclock.util-linux": "sbin/hwclock"}
# What they need: the program's package and the libraries' (a missing one is an error at
# initramfs time, naming it).
PACKAGES = ["util-linux-extra", "libc6", "libaudit1", "libcap-ng0"]


def root(cache, arch):
    return os.path.join(cache, arch, "debprograms")


def packages(arch):
    return [f"{pkg}:{arch}" for pkg in PACKAGES]


def unpack(cache, debs, arch, log):
    """Unpacks the fetched packages(arch) (debs: {pkg: (version, .deb)}) into the cache."""
    for full in packages(arch):
        ver, deb = debs[full]
        log(f"{arch}: {full} {ver} (Debian's programs in the guest)")
        debian.unpack(deb, root(cache, arch))


def files(cache, arch):
    """(guest path, host path) of every program, library and the loader; [] before a fetch."""
    top = root(cache, arch)
    if not os.path.isdir(top):
        return []
    out = {guest: os.path.join(top, rel) for guest, rel in PROGRAMS.items()}
    out.update(dynlibs.closure(list(out.values()), arch, [top]))
    return sorted(out.items())
