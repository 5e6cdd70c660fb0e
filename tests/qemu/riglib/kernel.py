# SPDX-License-Identifier: MIT
"""Unpacked Debian kernels: a usable KDIR, the modules tree, a bootable image."""
import gzip
import lzma
import os
import shutil

from .ftrace_sites import nop_mcount_sites

XZ_MAGIC = b"\xfd7zXZ\x00"


def relink(link, target):
    """Point link at target, replacing an older link (re-fetch after a kernel update)."""
    if os.path.isdir(link) and not os.path.islink(link):
        os.rmdir(link)  # Ninja makes the parent folders of declared byproducts: empty
    elif os.path.islink(link) or os.path.exists(link):
        os.remove(link)
    os.symlink(target, link)


def make_kdir(root, kver):
    """The flavour headers include the common ones by absolute path: point that into root."""
    kdir = os.path.join(root, "usr/src", f"linux-headers-{kver}")
    mk = os.path.join(kdir, "Makefile")
    with open(mk) as f:
        text = f.read()
    fixed = text.replace("include /usr/src/", f"include {root}/usr/src/")
    if fixed != text:
        with open(mk, "w") as f:
            f.write(fixed)
    if not os.path.isdir(os.path.join(kdir, "scripts")):
        raise RuntimeError(f"{kdir}/scripts is dangling: linux-kbuild is not unpacked into {root}")
    return kdir


def _xz_streams(data):
    """(decompressed bytes, what follows the stream) for each xz stream in a compressed kernel.
    The decompressor's own code holds the magic too, so a false start is skipped."""
    pos = data.find(XZ_MAGIC)
    while pos >= 0:
        dec = lzma.LZMADecompressor(format=lzma.FORMAT_XZ)
        try:
            out = dec.decompress(data[pos:])
        except lzma.LZMAError:
            out = None
        if out is not None and dec.eof:
            yield out, dec.unused_data
        pos = data.find(XZ_MAGIC, pos + 1)


def _write(out, data):
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, out)
    return out


def extract_vmlinux(bzimage, out):
    """Like the kernel's scripts/extract-vmlinux for xz: QEMU boots the ELF via PVH, which
    skips the guest's own decompression (about 2 s under TCG)."""
    with open(bzimage, "rb") as f:
        data = f.read()
    for elf, _ in _xz_streams(data):
        if elf.startswith(b"\x7fELF"):
            return _write(out, elf)
    raise RuntimeError(f"no xz-compressed ELF found in {bzimage}")


def extract_arm_image(zimage, out):
    """The uncompressed Image inside an ARM zImage. Its decompressor unpacks 20 MB of xz
    under TCG in 3 to 4 s, most of an ARM boot. arch/arm/boot/compressed/piggy.S appends the
    unpacked size (32-bit little-endian) to the stream: that tells the payload apart."""
    with open(zimage, "rb") as f:
        data = f.read()
    for image, rest in _xz_streams(data):
        if len(rest) >= 4 and int.from_bytes(rest[:4], "little") == len(image):
            return _write(out, image)
    raise RuntimeError(f"no xz payload with its size trailer found in {zimage}")


def extract_gzip_image(vmlinuz, out):
    """arm64: Debian's vmlinuz is the Image gzip-compressed (QEMU would unpack it at every boot)."""
    with open(vmlinuz, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if data[56:60] != b"ARM\x64":
        raise RuntimeError(f"{vmlinuz} is no arm64 Image (no ARM\\x64 magic at offset 56)")
    return _write(out, data)


def nop_ftrace_sites(image):
    """Rewrite the Image in place with its ftrace call sites as NOPs (see ftrace_sites.py);
    returns (sites, link base). Raises RuntimeError and leaves the file alone if none are found."""
    with open(image, "rb") as f:
        data = f.read()
    patched, sites, base = nop_mcount_sites(data)
    _write(image, patched)
    return sites, base


def setup_arch(cache, arch, root, kver):
    """cache/<arch>/{kdir,modules,vmlinuz}: the stable names the other build parts use."""
    base = os.path.join(cache, arch)
    relink(os.path.join(base, "kdir"), make_kdir(root, kver))
    relink(os.path.join(base, "modules"), os.path.join(root, "lib/modules", kver))
    relink(os.path.join(base, "vmlinuz"), os.path.join(root, "boot", f"vmlinuz-{kver}"))


def install_busybox(src, dst):
    tmp = dst + ".tmp"
    shutil.copy2(src, tmp)
    os.replace(tmp, dst)
