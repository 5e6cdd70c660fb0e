"""Unpacked Debian kernels: a usable KDIR, the modules tree, a bootable image."""
import lzma
import os
import shutil

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


def extract_vmlinux(bzimage, out):
    """Like the kernel's scripts/extract-vmlinux for xz: QEMU boots the ELF via PVH, which
    skips the guest's own decompression (about 2 s under TCG)."""
    with open(bzimage, "rb") as f:
        data = f.read()
    pos = data.find(XZ_MAGIC)
    while pos >= 0:
        try:
            elf = lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(data[pos:])
        except lzma.LZMAError:
            elf = b""
        if elf.startswith(b"\x7fELF"):
            tmp = out + ".tmp"
            with open(tmp, "wb") as f:
                f.write(elf)
            os.replace(tmp, out)
            return out
        pos = data.find(XZ_MAGIC, pos + 1)
    raise RuntimeError(f"no xz-compressed ELF found in {bzimage}")


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
