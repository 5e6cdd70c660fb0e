#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fetch the guest kernels, headers, busybox and the ARM sysroots into the rig's cache.

Versions are resolved from apt's index at run time; nothing is installed into the host.
Run by the CMake target uiokit_qemu_fetch; the stamp file is written last.
armel (versatilepb) gets busybox and a sysroot here; its kernel is built by build_kernel.py,
since Debian has none for ARMv5. `--arm64` fetches only the arm64 guest's files (virt64), as a
step of its own (uiokit_qemu_fetch_arm64) that runs beside the other fetch.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from riglib import debian, debprograms, hosttools, kernel, sysroot  # noqa: E402

KBUILD = "linux-kbuild-6.1"
ARM_ARCHES = ("armhf", "armel")  # busybox and a sysroot each here; arm64 in fetch_arm64


def log(msg):
    print(f"[fetch] {msg}", flush=True)


def kernel_packages(kver, flavour, pkg_arch_suffix):
    """Image, headers, common headers and kbuild of one kernel release; the image first."""
    abi = kver[: -len(flavour) - 1]
    # kbuild's modpost and fixdep run on the build machine: always the amd64 package.
    return [f"linux-image-{kver}{pkg_arch_suffix}", f"linux-headers-{kver}{pkg_arch_suffix}",
            f"linux-headers-{abi}-common", KBUILD]


def fetch_debs(debdir, kernels, others):
    """Every package the guests need, in one resolve and one download: kernels is a list of
    kernel_packages() lists, whose packages all take their image's version (one source
    package); others take apt's candidate."""
    images = [pkgs[0] for pkgs in kernels]
    versions = debian.candidate_versions(images)
    pinned = {pkg: versions[pkgs[0]] for pkgs in kernels for pkg in pkgs}
    return debian.fetch_all(debdir, [pkg for pkgs in kernels for pkg in pkgs] + others, pinned)


def unpack_kernel(cache, debs, arch, pkgs, kver):
    """Image, modules and a KDIR for one architecture."""
    root = os.path.join(cache, arch, "root")
    for pkg in pkgs:
        version, deb = debs[pkg]
        log(f"{arch}: {pkg} {version}")
        debian.unpack(deb, root)
    kernel.setup_arch(cache, arch, root, kver)


def busybox_package(arch):
    return f"busybox-static:{arch}"


def unpack_busybox(cache, debs, arch):
    pkg = busybox_package(arch)
    version, deb = debs[pkg]
    log(f"{arch}: {pkg} {version}")
    root = os.path.join(cache, arch, "busybox-root")
    debian.unpack(deb, root)
    kernel.install_busybox(os.path.join(root, "bin/busybox"), os.path.join(cache, arch, "busybox"))


def arm_packages(arch):
    """What an ARM guest needs besides its kernel: busybox, the sysroot, Debian's programs."""
    return [busybox_package(arch), *sysroot.packages(arch), *debprograms.packages(arch)]


def unpack_arm(cache, debs, arch):
    unpack_busybox(cache, debs, arch)
    sysroot.build(debs, os.path.join(cache, arch, "sysroot"), arch, log)
    debprograms.unpack(cache, debs, arch, log)


def fetch_arm64(cache):
    """virt64: Debian's arm64 kernel (its vmlinuz is a gzip-compressed Image, unpacked here so that
    QEMU loads it as it is), busybox, the sysroot and Debian's hwclock."""
    kver = debian.kernel_release("linux-image-arm64:arm64", "arm64")
    kpkgs = kernel_packages(kver, "arm64", ":arm64")
    debs = fetch_debs(os.path.join(cache, "debs"), [kpkgs], arm_packages("arm64"))
    unpack_kernel(cache, debs, "arm64", kpkgs, kver)
    log("arm64: unpacking the Image")
    kernel.extract_gzip_image(os.path.join(cache, "arm64/vmlinuz"), os.path.join(cache, "arm64/Image"))
    unpack_arm(cache, debs, "arm64")
    return kver


def fetch(cache):
    kver_amd64 = debian.kernel_release("linux-image-amd64", "amd64")
    kver_armhf = debian.kernel_release("linux-image-armmp:armhf", "armmp")
    kpkgs_amd64 = kernel_packages(kver_amd64, "amd64", "")
    kpkgs_armhf = kernel_packages(kver_armhf, "armmp", ":armhf")
    others = [pkg for arch in ARM_ARCHES for pkg in arm_packages(arch)]
    debs = fetch_debs(os.path.join(cache, "debs"), [kpkgs_amd64, kpkgs_armhf], others)

    unpack_kernel(cache, debs, "amd64", kpkgs_amd64, kver_amd64)
    log("amd64: extracting vmlinux for a PVH boot")
    kernel.extract_vmlinux(os.path.join(cache, "amd64/vmlinuz"), os.path.join(cache, "amd64/vmlinux"))
    unpack_kernel(cache, debs, "armhf", kpkgs_armhf, kver_armhf)
    log("armhf: extracting the uncompressed Image from the zImage")
    image = kernel.extract_arm_image(os.path.join(cache, "armhf/vmlinuz"), os.path.join(cache, "armhf/Image"))
    try:
        sites, base = kernel.nop_ftrace_sites(image)
        log(f"armhf: {sites} ftrace call sites made NOPs (linked at {base:#x}): saves ftrace_init's"
            " rewrites at every boot")
    except RuntimeError as e:
        log(f"armhf: ftrace call sites left as they are, the guests boot slower: {e}")
    kernel.relink(os.path.join(cache, "armhf/dtbs"),
                  os.path.join(cache, "armhf/root/usr/lib", f"linux-image-{kver_armhf}"))

    kernel.install_busybox("/bin/busybox", os.path.join(cache, "amd64/busybox"))
    for arch in ARM_ARCHES:
        unpack_arm(cache, debs, arch)
    with open(os.path.join(cache, "kernels.env"), "w") as f:
        f.write(f"KVER_AMD64={kver_amd64}\nKVER_ARMHF={kver_armhf}\n")
    return kver_amd64, kver_armhf


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", help="the rig's cache folder (UIOKIT_QEMU_CACHE)")
    ap.add_argument("--stamp", help="file written when everything is in place")
    ap.add_argument("--check-host", action="store_true", help="only check the host's packages")
    ap.add_argument("--arm64", action="store_true", help="only the arm64 guest's kernel, busybox and sysroot")
    args = ap.parse_args()
    hosttools.require_host()
    if args.check_host:
        return
    if not args.cache:
        ap.error("--cache is required")
    cache = os.path.abspath(args.cache)
    os.makedirs(cache, exist_ok=True)
    start = time.monotonic()
    try:
        kvers = (fetch_arm64(cache),) if args.arm64 else fetch(cache)
    except (debian.ResolveError, RuntimeError, OSError) as e:
        sys.exit(f"[fetch] failed: {e}")
    log(f"kernels {' and '.join(kvers)} ready in {time.monotonic() - start:.1f} s")
    if args.stamp:
        with open(args.stamp, "w") as f:
            f.write(" ".join(kvers) + "\n")


if __name__ == "__main__":
    main()
