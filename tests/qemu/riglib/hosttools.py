# SPDX-License-Identifier: MIT
"""Host prerequisites, reported once, together, with the command that installs them."""
import os
import shutil
import subprocess
import sys

# command -> Debian package that provides it (all in scripts/install-deps.sh's lists)
RIG_TOOLS = {
    "qemu-system-x86_64": "qemu-system-x86",
    "qemu-system-arm": "qemu-system-arm",
    "busybox": "busybox-static",
    "apt-get": "apt",
    "dpkg-deb": "dpkg",
    "arm-linux-gnueabihf-g++": "g++-arm-linux-gnueabihf",
    "arm-linux-gnueabihf-gcc": "gcc-arm-linux-gnueabihf",
    "arm-linux-gnueabi-g++": "g++-arm-linux-gnueabi",
    "arm-linux-gnueabi-gcc": "gcc-arm-linux-gnueabi",
    "aarch64-linux-gnu-g++": "g++-aarch64-linux-gnu",
    "aarch64-linux-gnu-gcc": "gcc-aarch64-linux-gnu",
    # the versatilepb kernel, built from source (build_kernel.py)
    "bison": "bison",
    "flex": "flex",
    "bc": "bc",
    "dtc": "device-tree-compiler",
    "xz": "xz-utils",
    "make": "make",
    # the x86 guest's uio_stub.ko, built from the uio-stub-dkms package (kernel/uio_stub/)
    "dkms": "dkms",
}
# dkms is in /usr/sbin, which a user's PATH may not name.
SBIN = ":/usr/sbin:/sbin"

# The x86 guest's firmware (boards.py) and the versatilepb kernel's source: files, not commands.
QBOOT = "/usr/share/qemu/qboot.rom"
LINUX_SOURCE = "/usr/src/linux-source-6.1.tar.xz"
RIG_FILES = {QBOOT: "qemu-system-data", LINUX_SOURCE: "linux-source-6.1"}
# Architectures whose packages (busybox, static libraries, the armhf and arm64 kernels) the rig
# downloads.
FOREIGN_ARCHES = ("armhf", "armel", "arm64")


def missing_packages(tools=RIG_TOOLS, files=RIG_FILES):
    path = os.environ.get("PATH", "") + SBIN
    return sorted({pkg for cmd, pkg in tools.items() if shutil.which(cmd, path=path) is None} |
                  {pkg for path, pkg in files.items() if not os.path.exists(path)})


def missing_arches():
    out = subprocess.run(["dpkg", "--print-foreign-architectures"],
                         capture_output=True, text=True, check=False).stdout.split()
    return [a for a in FOREIGN_ARCHES if a not in out]


def require_host(tools=RIG_TOOLS):
    """Exit with one message naming everything that is missing."""
    problems = []
    missing = missing_packages(tools)
    if missing:
        problems.append("missing host packages: " + " ".join(missing))
    arches = missing_arches() if shutil.which("dpkg") else []
    if arches:
        problems.append(f"dpkg does not know the {' and '.join(arches)} architecture"
                        f" ({'; '.join('dpkg --add-architecture ' + a for a in arches)})")
    if problems:
        sys.exit("uiokit qemu rig: " + "; ".join(problems) +
                 ".\n  `sudo scripts/install-deps.sh` installs and configures all of them"
                 " (or configure with -DUIOKIT_QEMU_TESTS=OFF, the default, to leave the guest tests out).")
