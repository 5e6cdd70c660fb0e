# SPDX-License-Identifier: MIT
"""The shared libraries a dynamically linked ARM program loads, found on the host for its guest.

A program names them in its ELF header: the loader (INTERP) and the sonames it needs (NEEDED),
each of which may need more. They are looked up as the guest's loader would look them up: first
in the folders of the binary's RUNPATH (a package tree's own libraries, folders of the build on
this host), then in the architecture's library folders under each of the given roots: the
packages fetch.py unpacked for the guest (riglib/debprograms.py), then the host's own multiarch
packages and cross toolchain, which the package trees link against. Every library goes to the
guest's /lib/<triplet>, which Debian's loader searches without a cache; the loader goes where
INTERP says (a library naming the loader, as the C library does, is given the one loaded). A
candidate of another machine (an x86 library of the host's /lib) is passed over. A static
program has neither, and brings nothing."""
import os
import re
import subprocess

TRIPLETS = {"armhf": "arm-linux-gnueabihf", "armel": "arm-linux-gnueabi", "arm64": "aarch64-linux-gnu",
            "amd64": "x86_64-linux-gnu"}
# Under each root, in the order the loader of a Debian system searches them; the last is where
# Debian's cross toolchains keep the C and C++ runtime of the architecture.
LIB_DIRS = ["lib/{triplet}", "usr/lib/{triplet}", "lib", "usr/{triplet}/lib"]
# Libraries the programs open with dlopen, which no header names: libpci, opened by the PCI
# scan (lib/regmap/src/pci/libpci.hpp) when a program or a library it loads names it.
DLOPENED = ["libpci.so.3"]


def readelf(args, path):
    res = subprocess.run(["readelf", "-W", *args, path], capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise RuntimeError(f"readelf {' '.join(args)} {path}: {res.stderr.strip()}")
    return res.stdout


def interpreter(path):
    """The loader a program names (its INTERP), or None for a static program or a library."""
    m = re.search(r"program interpreter: (/\S+)\]", readelf(["-l"], path))
    return m.group(1) if m else None


def _dynamic(path):
    """(NEEDED sonames, RUNPATH or RPATH folders with $ORIGIN replaced) of one binary."""
    text = readelf(["-d"], path)
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", text)
    dirs = []
    for m in re.finditer(r"\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[([^\]]*)\]", text):
        origin = os.path.dirname(os.path.realpath(path))
        dirs += [d.replace("$ORIGIN", origin).replace("${ORIGIN}", origin) for d in m.group(1).split(":") if d]
    return needed, dirs


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def machine(path):
    """(ELF class, e_machine) of a binary, what a library must share with the program; None for a
    file that is not ELF (a linker script)."""
    with open(path, "rb") as f:
        head = f.read(20)
    if len(head) < 20 or head[:4] != b"\x7fELF":
        return None
    return head[4], int.from_bytes(head[18:20], "little" if head[5] == 1 else "big")


class Finder:
    """Looks up sonames and the loader under `roots` (folders that stand for /, searched in order)
    for one architecture."""

    def __init__(self, arch, roots):
        self.triplet = TRIPLETS[arch]
        self.roots = [r for r in roots if os.path.isdir(r)]

    def _dirs(self):
        for root in self.roots:
            for d in LIB_DIRS:
                yield os.path.join(root, d.format(triplet=self.triplet))

    def library(self, soname, runpath, who, kind):
        for d in [*runpath, *self._dirs()]:
            p = os.path.join(d, soname)
            if os.path.exists(p) and machine(p) == kind:
                return os.path.realpath(p)
        raise RuntimeError(f"{soname}, which {who} needs, is in none of {', '.join(runpath + self.roots)} "
                           f"(lib/{self.triplet}, usr/lib/{self.triplet}, lib, usr/{self.triplet}/lib)")

    def loader(self, interp, who, kind):
        for p in [*(os.path.join(root, interp.lstrip("/")) for root in self.roots),
                  *(os.path.join(d, os.path.basename(interp)) for d in self._dirs())]:
            if os.path.exists(p) and machine(p) == kind:
                return os.path.realpath(p)
        raise RuntimeError(f"the loader {interp}, which {who} names, is under none of {', '.join(self.roots)}")


def closure(binaries, arch, roots):
    """{guest path: host path} of the loader and of every library `binaries` load, recursively."""
    find = Finder(arch, roots)
    out, seen, todo = {}, set(), []
    for b in binaries:
        interp = interpreter(b)
        if interp:
            out[interp.lstrip("/")] = find.loader(interp, b, machine(b))
            seen.add(os.path.basename(interp))  # the loader answers for its own soname
            todo.append(b)
    dlopened = set()
    while todo:
        path = todo.pop()
        kind = machine(path)
        needed, runpath = _dynamic(path)
        data = _read(path)
        for soname in DLOPENED:
            if soname not in dlopened and soname.encode() in data:
                dlopened.add(soname)
                needed.append(soname)
        for soname in needed:
            if soname in seen:
                continue
            seen.add(soname)
            host = find.library(soname, runpath, os.path.basename(path), kind)
            out[f"lib/{find.triplet}/{soname}"] = host
            todo.append(host)
    return out
