# SPDX-License-Identifier: MIT
"""The guests: QEMU machine, kernel, console and the stock modules each one loads."""
from dataclasses import dataclass, field
from typing import Optional
import os

from .hosttools import QBOOT

X86_MODULES = ["uio", "uio_pci_generic", "irqbypass", "vfio", "vfio_iommu_type1", "vfio_virqfd",
               "vfio-pci-core", "vfio-pci", "fuse", "cuse"]
ARM_MODULES = ["uio", "fuse", "cuse"]
# virt64 has PCI behind an SMMUv3: VFIO as on x86 (vfio_iommu_type1 over the SMMU's domains)
ARM64_MODULES = ["uio", "irqbypass", "vfio", "vfio_iommu_type1", "vfio_virqfd", "vfio-pci-core", "vfio-pci",
                 "fuse", "cuse"]
# Only errors reach the console, and a panic ends the run at once (-no-reboot): keeps the
# marker lines clean and a broken kernel fast to report.
QUIET = "quiet loglevel=3 panic=-1"
# Boot work no check needs, measured with initcall_debug under TCG: the crypto self-tests
# (about 1.8 s on vexpress), and initcalls for IPv6, kprobe and block tracing, encrypted keys,
# the KDF and BLAKE2s self-tests, the clock debugfs, IMA, zswap and the built-in certificates
# (0.05 to 0.4 s each). Unknown names are ignored. init_on_alloc=0: Debian zeroes every
# allocation, which TCG pays for in every driver's probe. rodata=off: skips write-protecting
# the kernel and the W+X page-table walk (0.1 s on ARM); the guests are throwaway test machines.
SKIPPED_INITCALLS = ["crypto_kdf108_init", "init_kprobe_trace", "inet6_init", "init_encrypted",
                     "init_blk_tracer", "clk_debug_init", "blake2s_mod_init", "init_ima", "init_zswap",
                     "load_system_certificate_list"]


def lean(skipped):
    return "cryptomgr.notests=1 init_on_alloc=0 rodata=off initcall_blacklist=" + ",".join(skipped)


LEAN = lean(SKIPPED_INITCALLS)
# The ARM boards have no 8250 UART, but the driver probes for legacy ports.
ARM_LEAN = lean(SKIPPED_INITCALLS + ["serial8250_init"])


# The ARM boards' PL041 sound wants a backend: a silent one, or QEMU probes every host audio
# system (and prints its failures on the console).
SILENT_PL041 = ["-audiodev", "none,id=snd0", "-global", "pl041.audiodev=snd0"]


# virt64's PL061 goes to uio_stub with its interrupt. The built-in gpio-pl061 takes that line as a
# chained handler, which marks it not requestable for good: once unbound, uio_stub's request of
# it fails (-EINVAL). So gpio-pl061 never registers there; the PL031, whose kernel driver
# requests its line plainly, is moved at boot as on vexpress (rtc.pl031_kernel_interop).
VIRT64_NO_GPIO_PL061 = "initcall_blacklist=pl061_gpio_driver_init"


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
    ram_base: Optional[int] = None  # ARM: where QEMU's RAM starts; the Image boots through the stub
    halt: str = "poweroff -f"   # how the guest ends QEMU (-no-reboot makes a reset end it too)
    host_share: bool = False    # can be given the host's root over virtio-9p (HOST_SHARE)

    @property
    def boot_stub(self):
        return self.ram_base is not None


BOARDS = {
    "x86": Board(
        "x86", "amd64", "qemu-system-x86_64",
        # -erms,-fsrm: with "enhanced rep movsb" the kernel copies and clears memory with
        # rep movsb/stosb, which TCG runs a byte per iteration; without, 8 bytes (rep movsq) or an
        # unrolled loop. Unpacking the 13 MB initramfs went from 0.53 to 0.22-0.34 s, the boot
        # from a median of about 3.3 to 2.8 s in alternating runs.
        # qboot instead of SeaBIOS: the PVH boot reaches the kernel 0.3 s sooner. One vCPU: with
        # two the boot is 0.4 s shorter, but an interrupt and its reader land on different
        # vCPUs and the wake-up latency the benchmarks report goes from tens to hundreds of us
        ["-M", "q35,kernel-irqchip=split", "-accel", "tcg", "-cpu", "max,-erms,-fsrm", "-smp", "1", "-m", "512",
         "-bios", QBOOT,
         "-device", "intel-iommu,intremap=on", "-device", "edu",
         "-device", "bochs-display,id=bochs", "-vga", "none", "-net", "none",
         # MSI-X and a function-level reset, which edu lacks: a virtio device on a PCIe port
         # (FLR needs the PCIe capability), its DMA through the IOMMU (iommu_platform)
         "-device", "pcie-root-port,id=rp1,chassis=1,slot=1",
         "-device", "virtio-rng-pci,bus=rp1,iommu_platform=on,disable-legacy=on",
         # an I/O port BAR (BAR1, 256 ports) for the port transports (tests/qemu/checks/portio);
         # last, so that the devices before it keep their slots
         "-device", "pci-testdev"],
        # the uncompressed ELF boots through PVH: about 2 s faster than the bzImage under TCG
        # no_timer_check: under a loaded host, TCG can miss the IO-APIC timer test and panic.
        # tsc=reliable: QEMU's TSC is the guest's truest clock, but under a loaded host the
        # clocksource watchdog, comparing it with the emulated HPET, can mark it unstable; the
        # vDSO then falls back to a system call for every clock read, which the benchmarks'
        # system-call counts would include.
        "vmlinux", f"console=ttyS0 intel_iommu=on no_timer_check tsc=reliable {QUIET} {LEAN}",
        modules=X86_MODULES, host_share=True),
    "vexpress": Board(
        "vexpress", "armhf", "qemu-system-arm",
        ["-M", "vexpress-a9", "-m", "512", "-smp", "1"] + SILENT_PL041,
        "Image", f"console=ttyAMA0,115200 rdinit=/init iomem=relaxed {QUIET} {ARM_LEAN}",
        stock_dtb="vexpress-v2p-ca9.dtb", modules=ARM_MODULES, ram_base=0x60000000),
    "smdkc210": Board(
        "smdkc210", "armhf", "qemu-system-arm", ["-M", "smdkc210"],
        # QEMU gives this machine 1 GiB whatever -m says; 256 MiB is plenty for the checks and
        # the kernel sets up a quarter of the page structures (0.2 s)
        "Image", f"console=ttySAC0,115200 rdinit=/init iomem=relaxed mem=256M {QUIET} {ARM_LEAN}",
        # only this tree boots on QEMU's smdkc210; the guest's clock runs about 2x real time
        stock_dtb="exynos4210-smdkv310.dtb", clock_factor=2.0, modules=ARM_MODULES,
        ram_base=0x40000000),
    # ARM926EJ-S (ARMv5): no Debian kernel runs on it, so the rig builds one from linux-source-6.1
    # (tests/qemu/build_kernel.py, kernels/versatilepb.config) and the programs for armel. That
    # kernel is lean already (no crypto, IPv6 or tracers to skip) and has UIO, FUSE and CUSE built
    # in (the stock module names are skipped as built in). The board has no power-off register:
    # its reset, through the kernel's versatile reboot driver, ends QEMU (-no-reboot).
    "versatilepb": Board(
        "versatilepb", "armel", "qemu-system-arm",
        ["-M", "versatilepb", "-m", "256"] + SILENT_PL041,
        "Image", f"console=ttyAMA0,115200 rdinit=/init iomem=relaxed {QUIET}",
        stock_dtb="versatile-pb.dtb", modules=ARM_MODULES, ram_base=0, halt="reboot -f"),
    # arm64, the machine most arm64 users' boards resemble: GICv3 with an ITS (MSI for PCI), an
    # SMMUv3 in front of the PCI bus (VFIO's IOMMU), QEMU's PL011, PL031 and PL061. Debian's stock
    # arm64 kernel boots its Image directly (an arm64 Image is position-independent; QEMU sets up
    # the boot itself). PCI: edu (VFIO) and bochs-display (framebuffer); no NIC.
    "virt64": Board(
        "virt64", "arm64", "qemu-system-aarch64",
        ["-M", "virt,iommu=smmuv3,gic-version=3", "-cpu", "cortex-a57", "-m", "512", "-smp", "1",
         "-net", "none", "-device", "edu", "-device", "bochs-display,id=bochs"],
        "Image", f"console=ttyAMA0 rdinit=/init iomem=relaxed {QUIET} {ARM_LEAN} {VIRT64_NO_GPIO_PL061}",
        modules=ARM64_MODULES),
}


def dumpdtb_argv(board, out):
    """QEMU's own device tree for a board whose tree QEMU generates (virt64): dts/ overlays it."""
    return [board.qemu] + board.machine + ["-display", "none", "-machine", f"dumpdtb={out}"]


# Booting the uncompressed ARM Image skips 3 to 4 s of xz unpacking under TCG. QEMU treats a
# raw -kernel as Linux (r0-r2 and the DTB set up) but loads it at RAM + 0x10000, where an Image
# cannot run: the kernel derives PHYS_OFFSET from where it runs, in 16 MiB steps, and expects
# to start at PHYS_OFFSET + 0x8000. So the -kernel is this two-word stub ("ldr pc, [pc, #-4]"
# and the address), and the Image is loaded 16 MiB up; the kernel gives up the 16 MiB below
# it. (A uImage at RAM + 0x8000 does not do: its vector page is overwritten and it hangs at
# the first interrupt.)
IMAGE_OFFSET = 0x01008000


def arm_boot_stub(path, board):
    entry = board.ram_base + IMAGE_OFFSET
    with open(path, "wb") as f:
        f.write((0xe51ff004).to_bytes(4, "little") + entry.to_bytes(4, "little"))
    return path, entry


# The host's root file system, read-only, over virtio-9p (mount tag "host"): the x86 guest runs
# the host's Python from it (tests/qemu/checks/python). Only a run with a check that loads the
# 9p transport, and so can mount it, gets it: the other runs boot and see exactly what they did.
HOST_SHARE = ["-virtfs", "local,path=/,mount_tag=host,security_model=none,readonly=on"]
HOST_SHARE_MODULE = "9pnet_virtio"


def wants_host_share(board, checks):
    return board.host_share and any(HOST_SHARE_MODULE in c["modules"] for c in checks)


def qemu_argv(board, cache, initrd, dtb, qmp_sock, interactive=False, extra_append="", host_share=False):
    """The QEMU command line; the serial console is stdio, which the rig reads and writes."""
    kernel = os.path.join(cache, board.arch, board.kernel)
    argv = [board.qemu] + board.machine + ["-no-reboot", "-display", "none"]
    if board.boot_stub:
        stub, entry = arm_boot_stub(os.path.join(os.path.dirname(initrd), "boot-stub.bin"), board)
        argv += ["-kernel", stub, "-device", f"loader,file={kernel},addr={entry:#x},force-raw=on"]
    else:
        argv += ["-kernel", kernel]
    argv += ["-initrd", initrd]
    if dtb:
        argv += ["-dtb", dtb]
    if host_share:
        argv += HOST_SHARE
    append = board.append + (" " + extra_append if extra_append else "")
    argv += ["-append", append.strip(), "-qmp", f"unix:{qmp_sock},server=on,wait=off"]
    if interactive:
        argv += ["-serial", "mon:stdio", "-monitor", "none"]  # Ctrl-A X quits
    else:
        argv += ["-chardev", "stdio,id=con0,signal=off", "-serial", "chardev:con0", "-monitor", "none"]
    return argv
