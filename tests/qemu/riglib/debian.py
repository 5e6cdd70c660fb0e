# SPDX-License-Identifier: MIT
"""Debian packages without installing them: resolve with apt-cache, fetch, dpkg -x."""
import os
import re
import subprocess


class ResolveError(RuntimeError):
    pass


def _run(cmd, cwd=None):
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise ResolveError(f"{' '.join(cmd)} failed ({res.returncode}): {res.stderr.strip()}")
    return res.stdout


def candidate_version(pkg):
    """The version apt would pick, from whatever index is present (a partial update is fine)."""
    out = _run(["apt-cache", "policy", pkg])
    m = re.search(r"^\s*Candidate:\s*(\S+)", out, re.M)
    if not m or m.group(1) == "(none)":
        raise ResolveError(f"apt knows no candidate for {pkg}; run `sudo scripts/install-deps.sh`"
                           " (it runs apt-get update with armhf enabled)")
    return m.group(1)


def kernel_release(meta_pkg, flavour):
    """linux-image-amd64 -> '6.1.0-NN-amd64' through the meta package's dependency."""
    out = _run(["apt-cache", "depends", meta_pkg])
    pat = re.compile(r"Depends:\s*linux-image-(\d[\w.\-]*-" + re.escape(flavour) + r")(?::\w+)?\s*$")
    for line in out.splitlines():
        m = pat.search(line)
        if m:
            return m.group(1)
    raise ResolveError(f"no linux-image-*-{flavour} dependency in `apt-cache depends {meta_pkg}`")


def deb_path(debdir, pkg, version):
    """The downloaded NAME_VERSION_ARCH.deb of pkg ("name" or "name:arch"), or None. With an
    architecture it must be that one: armhf and armel builds of a package share their version."""
    name, _, arch = pkg.partition(":")
    # apt-get download spells an epoch's colon as %3a in the file name
    prefixes = (f"{name}_{version.replace(':', '%3a')}_", f"{name}_{version.split(':')[-1]}_")
    suffix = f"_{arch}.deb" if arch else ".deb"
    for f in os.listdir(debdir):
        if f.startswith(prefixes) and f.endswith(suffix):
            return os.path.join(debdir, f)
    return None


def download(debdir, pkg, version):
    """apt-get download pkg=version into debdir once; returns the .deb path."""
    os.makedirs(debdir, exist_ok=True)
    found = deb_path(debdir, pkg, version)
    if found:
        return found
    # apt drops privileges to _apt when root: a world-writable folder avoids its warning.
    os.chmod(debdir, 0o777)
    _run(["apt-get", "download", "-q", f"{pkg}={version}"], cwd=debdir)
    found = deb_path(debdir, pkg, version)
    if not found:
        raise ResolveError(f"apt-get download {pkg}={version} left no .deb in {debdir}")
    return found


def unpack(deb, root):
    os.makedirs(root, exist_ok=True)
    _run(["dpkg-deb", "-x", deb, root])
