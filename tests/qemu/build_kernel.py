#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Build a guest kernel that Debian does not ship, from Debian's linux-source-6.1.

  build_kernel.py --cache CACHE --arch armel --cross arm-linux-gnueabi- \\
                  --defconfig versatile_defconfig --fragment kernels/versatilepb.config \\
                  --dtb versatile-pb.dtb --stamp CACHE/armel/kernel.stamp

The kernel is decided by two things only: the linux-source-6.1 package's version and the config
fragment (with the defconfig it is merged into). Their digest is the stamp's first line; a stamp
holding the same digest means there is nothing to do. Otherwise the source is unpacked again
(when the package changed) and the kernel is built in a fresh folder, with fixed build user,
host and time, so the same inputs give the same kernel.

Leaves the names the rest of the rig uses for every architecture (riglib/kernel.py):
<arch>/kdir (the build folder: a KDIR for out-of-tree modules), <arch>/modules (the installed
lib/modules/RELEASE, here only modules.builtin and friends), <arch>/Image (uncompressed, booted
through the rig's boot stub) and <arch>/dtbs (the kernel's own device trees).
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from riglib.kernel import relink  # noqa: E402

PACKAGE = "linux-source-6.1"
TARBALL = f"/usr/src/{PACKAGE}.tar.xz"
# Kbuild writes these into the kernel (uname -v, /proc/version): fixed, for the same bytes
# from the same inputs.
REPRODUCIBLE = {"KBUILD_BUILD_TIMESTAMP": "2023-01-01 00:00:00 UTC", "KBUILD_BUILD_USER": "uiokit",
                "KBUILD_BUILD_HOST": "uiokit", "KBUILD_BUILD_VERSION": "1"}


def log(msg):
    print(f"[kernel] {msg}", flush=True)


def run(cmd, cwd, env, quiet=False):
    res = subprocess.run(cmd, cwd=cwd, env=env, capture_output=quiet, text=True, check=False)
    if res.returncode != 0:
        if quiet:
            sys.stdout.write(res.stdout[-4000:] + res.stderr[-4000:])
        raise RuntimeError(f"{' '.join(cmd)} failed ({res.returncode})")
    return res


def package_version():
    res = subprocess.run(["dpkg-query", "-W", "-f=${Version}", PACKAGE], capture_output=True, text=True)
    if res.returncode != 0 or not os.path.exists(TARBALL):
        raise RuntimeError(f"{PACKAGE} is not installed ({TARBALL}); `sudo scripts/install-deps.sh` installs it")
    return res.stdout.strip()


def config_symbols(path):
    """{CONFIG_X: line} for every `CONFIG_X=...` and `# CONFIG_X is not set` line of a
    .config or a fragment."""
    symbols = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("CONFIG_") and "=" in line:
                symbols[line.split("=", 1)[0]] = line
            elif line.startswith("# CONFIG_") and line.endswith(" is not set"):
                symbols[line.split()[1]] = line
    return symbols


def check_merged(config, fragment):
    """merge_config.sh only warns when a value does not survive (a dependency is missing)."""
    have = config_symbols(config)
    wrong = [f"{want} (got: {have.get(sym, 'absent')})" for sym, want in config_symbols(fragment).items()
             if have.get(sym, f"# {sym} is not set") != want]
    if wrong:
        raise RuntimeError("the config fragment did not come through the merge: " + "; ".join(wrong))


def unpack(base, version):
    src = os.path.join(base, PACKAGE)
    marker = os.path.join(src, ".uiokit-package-version")
    if os.path.exists(marker) and open(marker).read().strip() == version:
        return src
    shutil.rmtree(src, ignore_errors=True)
    log(f"unpacking {TARBALL} ({PACKAGE} {version})")
    run(["tar", "-xf", TARBALL, "-C", base], cwd=base, env=None)
    with open(marker, "w") as f:
        f.write(version + "\n")
    return src


def build(args):
    base = os.path.join(os.path.abspath(args.cache), args.arch)
    os.makedirs(base, exist_ok=True)
    version = package_version()
    with open(args.fragment, "rb") as f:
        digest = hashlib.sha256(f"{PACKAGE} {version} {args.defconfig} {args.dtb}\n".encode() + f.read()).hexdigest()
    image = os.path.join(base, "Image")
    if os.path.exists(args.stamp) and os.path.exists(image):
        with open(args.stamp) as f:
            if f.readline().strip() == digest:
                log(f"{args.arch} kernel up to date ({PACKAGE} {version}, fragment unchanged)")
                os.utime(args.stamp)
                return
    start = time.monotonic()
    src = unpack(base, version)
    out = os.path.join(base, "linux-build")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    env = dict(os.environ, ARCH="arm", CROSS_COMPILE=args.cross, **REPRODUCIBLE)
    log(f"configuring: {args.defconfig} + {os.path.basename(args.fragment)}")
    run(["scripts/kconfig/merge_config.sh", "-O", out, f"arch/arm/configs/{args.defconfig}", args.fragment],
        cwd=src, env=env, quiet=True)
    check_merged(os.path.join(out, ".config"), args.fragment)
    log(f"building Image, modules and {args.dtb} with -j{args.jobs}")
    run(["make", "-s", f"-j{args.jobs}", f"O={out}", "Image", "modules", args.dtb], cwd=src, env=env)
    root = os.path.join(base, "root")
    shutil.rmtree(root, ignore_errors=True)
    # depmod's indexes are not needed: the rig orders modules from their own modinfo
    run(["make", "-s", f"O={out}", f"INSTALL_MOD_PATH={root}", "DEPMOD=true", "modules_install"],
        cwd=src, env=env)
    with open(os.path.join(out, "include/config/kernel.release")) as f:
        release = f.read().strip()
    relink(os.path.join(base, "kdir"), out)
    relink(os.path.join(base, "modules"), os.path.join(root, "lib/modules", release))
    relink(os.path.join(base, "dtbs"), os.path.join(out, "arch/arm/boot/dts"))
    shutil.copy2(os.path.join(out, "arch/arm/boot/Image"), image + ".tmp")
    os.replace(image + ".tmp", image)
    with open(args.stamp, "w") as f:
        f.write(f"{digest}\n{release} from {PACKAGE} {version}\n")
    log(f"{args.arch} kernel {release} built in {time.monotonic() - start:.0f} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", required=True, help="the rig's cache folder (UIOKIT_QEMU_CACHE)")
    ap.add_argument("--arch", required=True, help="Debian architecture: the cache's sub-folder")
    ap.add_argument("--cross", required=True, help="CROSS_COMPILE prefix")
    ap.add_argument("--defconfig", required=True, help="arch/arm/configs/<this> is the base")
    ap.add_argument("--fragment", required=True, help="config fragment merged over the defconfig")
    ap.add_argument("--dtb", required=True, help="device tree built beside the kernel")
    ap.add_argument("--stamp", required=True, help="written last, with the inputs' digest")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    args.fragment = os.path.abspath(args.fragment)
    try:
        build(args)
    except (RuntimeError, OSError) as e:
        sys.exit(f"[kernel] failed: {e}")


if __name__ == "__main__":
    main()
