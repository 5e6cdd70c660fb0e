# SPDX-License-Identifier: MIT
"""The artefacts a board boots, copied out of the rig for another runner (LAVA, labgrid): the
kernel, the device tree, the initramfs and, on ARM, the two-word stub that starts the
uncompressed Image (boards.py), with the kernel command line and QEMU's Image loader option."""
import os
import shutil
from dataclasses import dataclass, field

from . import boards, initramfs

# Screendump requests have no one to answer them outside the rig: the guest's
# uiokit-screendump exits 77 (skipped) at once when this is on the command line.
NO_SCREENDUMP = "uiokit.screendump=off"


@dataclass
class Artefacts:
    kernel: str                   # what -kernel takes: the stub on ARM, vmlinux on x86
    initramfs: str
    dtb: str = ""
    image: str = ""               # ARM: the Image, loaded by `image_option`
    image_option: str = ""        # "-device loader,file={image},addr=...,force-raw=on"
    append: str = ""              # the kernel command line
    checks: list = field(default_factory=list)
    scripts: list = field(default_factory=list)  # [(name, guest seconds, script path)] (initramfs.check_scripts)


def export(rig, out, interactive=False, only=None, broken=()):
    """Writes the board's artefacts into `out` (created) and says where they are."""
    board = rig.board
    os.makedirs(out, exist_ok=True)
    checks = [c for c in rig.checks if not only or c["name"] in only]
    initrd = os.path.join(out, "initramfs.cpio")
    initramfs.build(rig, initrd, interactive=interactive, only=[c["name"] for c in checks], broken=broken)
    kernel = os.path.join(rig.cache, board.arch, board.kernel)
    if not os.path.exists(kernel):
        raise FileNotFoundError(f"the {board.name} kernel {kernel} is missing (the rig's fetch step or its "
                                "kernel build puts it there)")
    a = Artefacts(kernel="", initramfs=initrd, append=f"{board.append} {NO_SCREENDUMP}", checks=checks,
                  scripts=initramfs.check_scripts(board, checks))
    if board.boot_stub:
        a.kernel, entry = boards.arm_boot_stub(os.path.join(out, "boot-stub.bin"), board)
        a.image = _copy(kernel, out, "Image")
        a.image_option = f"-device loader,file={{image}},addr={entry:#x},force-raw=on"
    else:
        a.kernel = _copy(kernel, out, board.kernel)
    dtb = rig.dtb()
    if dtb:
        a.dtb = _copy(dtb, out, "board.dtb")
    return a


def _copy(src, out, name):
    dst = os.path.join(out, name)
    shutil.copyfile(src, dst)
    return dst
