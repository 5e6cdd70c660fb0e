# SPDX-License-Identifier: MIT
"""Debian's own programs in the ARM guests, dynamically linked as Debian ships them: util-linux's
hwclock, the /dev/rtc client users run (busybox's is a smaller one). The packages of the guest's
architecture are unpacked into the cache once (fetch.py); each initramfs takes the programs, the
shared libraries their ELF headers name (NEEDED, recursively) and the dynamic loader (INTERP)."""
import os
import re
import subprocess

from . import debian

# guest path -> path in the unpacked packages
PROGRAMS = {"usr/sbin/hwclock.util-linux": "sbin/hwclock"}
# What they need: the program's package and the libraries' (readelf names them; a missing one
# is an error at initramfs time, naming it).
PACKAGES = ["util-linux-extra", "libc6", "libaudit1", "libcap-ng0"]
LIB_DIRS = ["lib/{triplet}", "usr/lib/{triplet}", "lib"]
TRIPLETS = {"armhf": "arm-linux-gnueabihf", "armel": "arm-linux-gnueabi", "arm64": "aarch64-linux-gnu",
            "amd64": "x86_64-linux-gnu"}


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


def _readelf(args, path):
    res = subprocess.run(["readelf", *args, path], capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise RuntimeError(f"readelf {' '.join(args)} {path}: {res.stderr.strip()}")
    return res.stdout


def _find(top, name, arch):
    for d in LIB_DIRS:
        p = os.path.join(top, d.format(triplet=TRIPLETS[arch]), name)
        if os.path.exists(p):
            return os.path.relpath(p, top)
    raise RuntimeError(f"{name} is in none of the unpacked packages ({', '.join(PACKAGES)}) under {top}")


def files(cache, arch):
    """(guest path, host path) of every program, library and the loader; [] before a fetch."""
    top = root(cache, arch)
    if not os.path.isdir(top):
        return []
    out, seen, todo = {}, set(), []
    for guest, rel in PROGRAMS.items():
        out[guest] = os.path.join(top, rel)
        todo.append(os.path.join(top, rel))
        interp = re.search(r"program interpreter: (/\S+)\]", _readelf(["-l"], os.path.join(top, rel)))
        if interp:
            todo.append(os.path.join(top, interp.group(1).lstrip("/")))
            out[interp.group(1).lstrip("/")] = os.path.realpath(os.path.join(top, interp.group(1).lstrip("/")))
    while todo:
        path = todo.pop()
        for name in re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", _readelf(["-d"], path)):
            if name in seen:
                continue
            seen.add(name)
            rel = _find(top, name, arch)
            out[rel] = os.path.realpath(os.path.join(top, rel))
            todo.append(out[rel])
    return sorted(out.items())
