"""The three guests: QEMU machine, kernel, console and the stock modules each one loads."""
from dataclasses import dataclass, field
import os

X86_MODULES = ["uio", "uio_pci_generic", "irqbypass", "vfio", "vfio_iommu_type1", "vfio_virqfd",
               "vfio-pci-core", "vfio-pci", "fuse", "cuse"]
ARM_MODULES = ["uio", "fuse", "cuse"]
# Only errors reach the console, and a panic ends the run at once (-no-reboot): keeps the
# marker lines clean and a broken kernel fast to report.
QUIET = "quiet loglevel=3 panic=-1"


@dataclass
class Board:
    name: str
    arch: str                   # Debian architecture of kernel and binaries
    qemu: str
    machine: list
    kernel: str                 # in the cache's <arch>/ folder
    append: str
    stock_dtb: str = ""         # in <arch>/dtbs/
    clock_factor: float = 1.0   # guest seconds per real second (timeouts are guest time)
    modules: list = field(default_factory=list)


BOARDS = {
    "x86": Board(
        "x86", "amd64", "qemu-system-x86_64",
        ["-M", "q35,kernel-irqchip=split", "-accel", "tcg", "-cpu", "max", "-smp", "1", "-m", "512",
         "-device", "intel-iommu,intremap=on", "-device", "edu",
         "-device", "bochs-display,id=bochs", "-vga", "none", "-net", "none"],
        # the uncompressed ELF boots through PVH: about 2 s faster than the bzImage under TCG
        # no_timer_check: under a loaded host, TCG can miss the IO-APIC timer test and panic
        "vmlinux", f"console=ttyS0 intel_iommu=on no_timer_check {QUIET}", modules=X86_MODULES),
    "vexpress": Board(
        "vexpress", "armhf", "qemu-system-arm",
        # its PL041 sound wants a backend: a silent one, or QEMU probes every host audio system
        ["-M", "vexpress-a9", "-m", "512", "-smp", "1",
         "-audiodev", "none,id=snd0", "-global", "pl041.audiodev=snd0"],
        "vmlinuz", f"console=ttyAMA0,115200 rdinit=/init iomem=relaxed {QUIET}",
        stock_dtb="vexpress-v2p-ca9.dtb", modules=ARM_MODULES),
    "smdkc210": Board(
        "smdkc210", "armhf", "qemu-system-arm", ["-M", "smdkc210"],
        "vmlinuz", f"console=ttySAC0,115200 rdinit=/init iomem=relaxed {QUIET}",
        # only this tree boots on QEMU's smdkc210; the guest's clock runs about 2x real time
        stock_dtb="exynos4210-smdkv310.dtb", clock_factor=2.0, modules=ARM_MODULES),
}


def qemu_argv(board, cache, initrd, dtb, qmp_sock, interactive=False, extra_append=""):
    """The QEMU command line; the serial console is stdio, which the rig reads and writes."""
    argv = [board.qemu] + board.machine + ["-no-reboot", "-display", "none",
                                            "-kernel", os.path.join(cache, board.arch, board.kernel),
                                            "-initrd", initrd]
    if dtb:
        argv += ["-dtb", dtb]
    append = board.append + (" " + extra_append if extra_append else "")
    argv += ["-append", append.strip(), "-qmp", f"unix:{qmp_sock},server=on,wait=off"]
    if interactive:
        argv += ["-serial", "mon:stdio", "-monitor", "none"]  # Ctrl-A X quits
    else:
        argv += ["-chardev", "stdio,id=con0,signal=off", "-serial", "chardev:con0", "-monitor", "none"]
    return argv
