# SPDX-License-Identifier: MIT
"""The armhf sysroot for the static cross build of uiokit.

Only static archives and their headers come from armhf packages. Header-only libraries are
the same on every architecture, so their header folders (and CMake package files) are
symlinked from the host one by one: the host's whole /usr/include never joins the cross
include path, where its x86 glibc headers would shadow the armhf ones.
libpci is left out on purpose: Debian ships no static libpci.a and the ARM boards have no PCI.
"""
import os

from . import debian
from .kernel import relink

ARMHF_LIBS = [
    "libfdt-dev", "libpng-dev", "zlib1g-dev", "libfuse3-dev", "libpugixml-dev",
    # pugixml's CMake package checks that its shared library exists, though we link libpugixml.a
    "libpugixml1v5",
]

HOST_HEADER_ONLY = {
    "usr/include/boost": "/usr/include/boost",
    "usr/include/CLI": "/usr/include/CLI",
    "usr/include/nlohmann": "/usr/include/nlohmann",
    "usr/include/doctest": "/usr/include/doctest",
    "usr/share/cmake/nlohmann_json": "/usr/share/cmake/nlohmann_json",
    "usr/share/cmake/CLI11": "/usr/share/cmake/CLI11",
    "usr/lib/cmake/doctest": "/usr/lib/cmake/doctest",
}


def build(debdir, sysroot, log):
    for pkg in ARMHF_LIBS:
        full = f"{pkg}:armhf"
        ver = debian.candidate_version(full)
        log(f"sysroot: {full} {ver}")
        debian.unpack(debian.download(debdir, full, ver), sysroot)
    for rel, host in HOST_HEADER_ONLY.items():
        if not os.path.exists(host):
            log(f"sysroot: {host} is not on the host; the cross build goes without it")
            continue
        link = os.path.join(sysroot, rel)
        os.makedirs(os.path.dirname(link), exist_ok=True)
        relink(link, host)
