# SPDX-License-Identifier: MIT
"""Assemble one board's initramfs: busybox, modules, programs with their shared libraries, data
files, the generated /init and the check scripts."""
import gzip
import os
import re
import subprocess
import tempfile

from . import debprograms, dynlibs, guestinit
from .cpio import NewcWriter
from .modules import ModuleTree, ko_bytes, ko_depends, strip_signature

DIRS = ["bin", "sbin", "usr", "usr/bin", "usr/sbin", "proc", "sys", "dev", "tmp", "data", "etc",
        "root", "lib", "lib/modules", "checks"]


def busybox_applets():
    """Applet paths from the host's busybox: the same Debian 1.35 build as the armhf one."""
    out = subprocess.run(["busybox", "--list-full"], capture_output=True, text=True, check=True).stdout
    return [a for a in out.split() if a not in ("linuxrc", "bin/busybox")]


def shared_libraries(binary):
    """The dynamic loader and libraries a host (x86) binary needs, as absolute paths."""
    res = subprocess.run(["ldd", binary], capture_output=True, text=True, check=False)
    if "not a dynamic executable" in res.stdout + res.stderr:
        return []
    if res.returncode != 0:
        raise RuntimeError(f"ldd {binary}: {res.stderr.strip()}")
    libs = []
    for line in res.stdout.splitlines():
        m = re.search(r"=>\s*(/\S+)", line) or re.match(r"\s*(/\S+)\s+\(", line)
        if m:
            libs.append(m.group(1))
        elif "not found" in line:
            raise RuntimeError(f"{binary}: {line.strip()}")
    return libs


def _system_library(soname):
    """Where the host's dynamic loader finds `soname` (ldconfig's cache)."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        m = re.match(rf"\s*{re.escape(soname)} \(([^)]*)\) => (/\S+)", line)
        if m and "x86-64" in m.group(1):
            return m.group(2)
    raise RuntimeError(f"{soname} is not installed on the host (ldconfig -p)")


def dlopened_libraries(binary):
    """The libraries programs open with dlopen (dynlibs.DLOPENED, which ldd does not list) that a
    host (x86) binary or a library it needs names, with theirs, as absolute paths."""
    named = [binary] + shared_libraries(binary)
    libs = []
    for soname in dynlibs.DLOPENED:
        if any(soname.encode() in _read(os.path.realpath(f)) for f in named):
            path = _system_library(soname)
            libs += [path] + shared_libraries(path)
    return libs


def _read(path):
    with open(path, "rb") as f:
        return f.read()


STRIP = {"amd64": "strip", "armhf": "arm-linux-gnueabihf-strip", "armel": "arm-linux-gnueabi-strip",
         "arm64": "aarch64-linux-gnu-strip"}


def _program(path, arch):
    """A program without its debug sections: the build's -g makes the static ARM binaries tens of
    megabytes, and the guest kernel copies and unpacks every byte of the initramfs under TCG."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "prog")
        res = subprocess.run([STRIP[arch], "--strip-debug", "-o", out, path], capture_output=True, text=True)
        if res.returncode != 0:
            raise RuntimeError(f"{STRIP[arch]} {path}: {res.stderr.strip()}")
        return _read(out)


class Image:
    """Collects entries and writes them once, each path only once."""

    def __init__(self):
        self.entries = {}

    def put(self, path, kind, value=b"", executable=False):
        self.entries[path.lstrip("/")] = (kind, value, executable)

    def write(self, out_path, compress):
        tmp = out_path + ".tmp"
        with open(tmp, "wb") as raw:
            stream = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) if compress else raw
            w = NewcWriter(stream)
            dirs = set(DIRS)
            for d in DIRS:
                w.directory(d)
            w.chardev("dev/console", 5, 1)
            for path in sorted(self.entries):
                kind, value, executable = self.entries[path]
                # Parents of library paths, outermost first: the kernel's unpacker creates a
                # directory only inside one that exists already.
                missing = []
                parent = os.path.dirname(path)
                while parent and parent not in dirs:
                    missing.append(parent)
                    parent = os.path.dirname(parent)
                for d in reversed(missing):
                    dirs.add(d)
                    w.directory(d)
                if kind == "file":
                    w.file(path, value, executable)
                else:
                    w.symlink(path, value)
            w.finish()
            if compress:
                stream.close()
        os.replace(tmp, out_path)
        return os.path.getsize(out_path)


def check_scripts(board, checks):
    """[(name, guest timeout seconds, script path in the guest)], in the order the checks run."""
    return [(c["name"], max(1, round(float(c["timeout"]) * board.clock_factor)), f"/checks/{i:02d}-{c['name']}.sh")
            for i, c in enumerate(checks)]


BROKEN = "echo 'uiokit rig: this check was broken on purpose (--break)'; exit 7"


def build(rig, out_path, interactive=False, only=None, compress=False, broken=()):
    """rig: a config.Rig; returns a short description for the log. Checks named in `broken`
    run a command that fails instead of their own."""
    board = rig.board
    img = Image()
    img.put("bin/busybox", "file", _read(os.path.join(rig.cache, board.arch, "busybox")), True)
    for applet in busybox_applets():
        img.put(applet, "link", "/bin/busybox")
    img.put("bin/uiokit-screendump", "file", guestinit.SCREENDUMP.encode(), True)
    if interactive:
        img.put("bin/uiokit-lava-check", "file", guestinit.LAVA_CHECK.encode(), True)
    if board.arch != "amd64":  # the x86 guest has the host's programs and libraries
        for guest, host in debprograms.files(rig.cache, board.arch):
            img.put(guest, "file", _read(host), True)
    img.put("etc/fstab", "file", guestinit.FSTAB.encode())

    checks = [c for c in rig.checks if only is None or c["name"] in only]
    tree = ModuleTree(os.path.join(rig.cache, board.arch, "modules"))
    stock, skipped = tree.resolve(board.modules, required=set())
    mods = []
    for name, data in stock:
        img.put(f"lib/modules/{name}.ko", "file", data)
        mods.append((f"/lib/modules/{name}.ko", ""))
    for m in rig.modules:  # ours (uiokit_guest_module), after the stock ones they use
        missing = [d for d in ko_depends(m["file"]) if d not in dict(stock) and d not in tree.builtin]
        if missing:
            raise RuntimeError(f"module {m['name']} needs {missing}, which the rig does not load")
        # dkms signs the x86 uio_stub with its own key, which the guest does not know: the check
        # costs what a stock module's does, for a taint the unsigned module gets anyway.
        img.put(f"lib/modules/{m['name']}.ko", "file", strip_signature(ko_bytes(m["file"])))
        mods.append((f"/lib/modules/{m['name']}.ko", m["params"]))

    # A check's own MODULES are loaded by its script, just before its SETUP, so that the checks
    # before it see the kernel as it booted (virtio_pci, say, takes devices other checks bind).
    booted = dict(stock)
    check_modules = {}
    for c in checks:
        own, _ = tree.resolve(c["modules"], required=set(c["modules"]))
        own = [(name, data) for name, data in own if name not in booted]
        check_modules[c["name"]] = [name for name, _ in own]
        for name, data in own:
            img.put(f"lib/modules/{name}.ko", "file", data)

    progs = rig.program_paths(checks)
    for prog in progs:
        img.put(f"bin/{os.path.basename(prog)}", "file", _program(prog, board.arch), True)
        if board.arch == "amd64":
            for lib in shared_libraries(prog) + dlopened_libraries(prog):
                img.put(lib, "file", _read(os.path.realpath(lib)), True)
    if board.arch != "amd64":
        # A package tree's programs (cmake/UiokitGuest.cmake) load its shared libraries and
        # Debian's: the same loader and C library as Debian's programs above, the rest from the
        # host's packages of the architecture.
        roots = [debprograms.root(rig.cache, board.arch), "/"]
        for guest, host in sorted(dynlibs.closure(progs, board.arch, roots).items()):
            img.put(guest, "file", _read(host), True)
    for c in checks:
        for f in c["files"]:
            img.put(f"data/{os.path.basename(f)}", "file", _read(f))

    scripts = check_scripts(board, checks)
    for c, (_, _, path) in zip(checks, scripts):
        command = BROKEN if c["name"] in broken else c["command"]
        img.put(path, "file", guestinit.check_script(c["setup"], command, check_modules[c["name"]]).encode(), True)
    init = guestinit.init_script(board.name, mods, scripts, interactive, board.halt)
    img.put("init", "file", init.encode(), True)
    size = img.write(out_path, compress)
    note = f" (no {', '.join(skipped)} in this kernel)" if skipped else ""
    return f"initramfs {size // 1024} KiB: {len(mods)} modules, {len(checks)} checks{note}"
