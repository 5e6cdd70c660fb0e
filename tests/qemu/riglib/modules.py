# SPDX-License-Identifier: MIT
"""Stock kernel modules for the initramfs, in dependency order (read from each .ko's modinfo:
Debian's package ships no modules.dep, depmod makes it at install time)."""
import lzma
import os
import subprocess


def norm(name):
    return name.replace("-", "_")


def _base(filename):
    for ext in (".ko.xz", ".ko.zst", ".ko"):
        if filename.endswith(ext):
            return filename[: -len(ext)]
    return None


def ko_bytes(path):
    """Plain ELF bytes, whether the distribution compressed its modules or not."""
    if path.endswith(".xz"):
        with lzma.open(path) as f:
            return f.read()
    if path.endswith(".zst"):
        return subprocess.run(["zstd", "-dc", path], capture_output=True, check=True).stdout
    with open(path, "rb") as f:
        return f.read()


SIG_MAGIC = b"~Module signature appended~\n"


def strip_signature(data):
    """A stock module without its appended signature: checking an RSA signature costs about
    0.3 s per module under TCG. An unsigned module still loads (Debian's kernels do not
    enforce signatures) and taints the kernel, as our own unsigned modules do anyway.
    Layout (include/linux/module_signature.h): signature, a 12-byte struct module_signature
    ending in its big-endian length, then the magic string."""
    if not data.endswith(SIG_MAGIC):
        return data
    info_end = len(data) - len(SIG_MAGIC)
    sig_len = int.from_bytes(data[info_end - 4:info_end], "big")
    start = info_end - 12 - sig_len
    if start <= 0:
        raise RuntimeError(f"module signature claims {sig_len} bytes, more than the module holds")
    return data[:start]


def modinfo_depends(data):
    pos = data.find(b"\0depends=")
    if pos < 0:
        return []
    end = data.index(b"\0", pos + 1)
    return [norm(d) for d in data[pos + 9: end].decode().split(",") if d]


class ModuleTree:
    def __init__(self, moddir):
        self.index = {}
        for dirpath, _, files in os.walk(os.path.join(moddir, "kernel")):
            for f in files:
                base = _base(f)
                if base:
                    self.index[norm(base)] = os.path.join(dirpath, f)
        self.builtin = set()
        builtin = os.path.join(moddir, "modules.builtin")
        if os.path.exists(builtin):
            with open(builtin) as f:
                self.builtin = {norm(_base(os.path.basename(line.strip())) or "") for line in f}

    def resolve(self, wanted, required):
        """[(name, elf bytes)] with dependencies first; names that are built in are dropped.
        A name missing from the tree raises if it is in `required`, else it is skipped."""
        order, seen, skipped = [], set(), []

        def visit(name):
            name = norm(name)
            if name in seen or name in self.builtin:
                return
            seen.add(name)
            path = self.index.get(name)
            if path is None:
                if name in required:
                    raise RuntimeError(f"kernel module {name} is neither in the module tree nor built in")
                skipped.append(name)
                return
            data = ko_bytes(path)
            for dep in modinfo_depends(data):
                visit(dep)
            order.append((name, strip_signature(data)))

        for w in wanted:
            visit(w)
        return order, skipped


def ko_depends(path):
    return modinfo_depends(ko_bytes(path))
