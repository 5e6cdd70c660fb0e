# SPDX-License-Identifier: MIT
"""The sysroots for the static ARM cross builds of uiokit (armhf and armel).

Only static archives and their headers come from the architecture's packages. Header-only libraries are
the same on every architecture, so their header folders (and CMake package files) are
symlinked from the host one by one: the host's whole /usr/include never joins the cross
include path, where its x86 glibc headers would shadow the armhf ones.
libpci is left out on purpose: Debian ships no static libpci.a and the ARM boards have no PCI.
"""
import os
import shutil

from . import debian
from .kernel import relink

ARM_LIBS = [
    "libfdt-dev", "libpng-dev", "zlib1g-dev", "libfuse3-dev", "libpugixml-dev",
    # pugixml's CMake package checks that its shared library exists, though we link libpugixml.a
    "libpugixml1v5",
]

HOST_HEADER_ONLY = {
    "usr/include/boost": "/usr/include/boost",
    "usr/include/CLI": "/usr/include/CLI",
    "usr/include/nlohmann": "/usr/include/nlohmann",
    "usr/include/doctest": "/usr/include/doctest",
    "usr/include/xxhash.h": "/usr/include/xxhash.h",
    "usr/share/cmake/nlohmann_json": "/usr/share/cmake/nlohmann_json",
    "usr/share/cmake/CLI11": "/usr/share/cmake/CLI11",
    "usr/lib/cmake/doctest": "/usr/lib/cmake/doctest",
}


def packages(arch):
    return [f"{pkg}:{arch}" for pkg in ARM_LIBS]


def build(debs, sysroot, arch, log):
    """From the fetched packages(arch) (debs: {pkg: (version, .deb)}), made afresh: nothing of
    an older package version (or another architecture) stays."""
    shutil.rmtree(sysroot, ignore_errors=True)
    for full in packages(arch):
        ver, deb = debs[full]
        log(f"sysroot: {full} {ver}")
        debian.unpack(deb, sysroot)
    for rel, host in HOST_HEADER_ONLY.items():
        if not os.path.exists(host):
            log(f"sysroot: {host} is not on the host; the cross build goes without it")
            continue
        link = os.path.join(sysroot, rel)
        os.makedirs(os.path.dirname(link), exist_ok=True)
        relink(link, host)
